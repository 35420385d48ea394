package dev.loophole.cli;

import java.io.PrintStream;

/**
 * The command lines answered before picocli is loaded: {@code loophole --version} (or {@code -V}) alone. picocli's
 * classes are class-file version 49, which the JDK's AOT cache does not hold, so loading and verifying them from
 * the jar is most of a bare start-up (BENCHMARKS.md, issue 15); a version query does not need them. This class must
 * not name any picocli type.
 */
final class FastPath {
    private FastPath() {}

    /** The version line, as {@code --version} prints it. */
    static String versionLine() {
        String v = Main.class.getPackage().getImplementationVersion();
        return "loophole " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")";
    }

    /** Answers {@code args} when it is a fast path; returns whether it did. */
    static boolean answer(String[] args, PrintStream out) {
        if (args.length != 1 || !(args[0].equals("--version") || args[0].equals("-V"))) return false;
        out.println(versionLine());
        out.flush();
        return true;
    }
}
