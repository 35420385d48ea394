package dev.loophole.cli;

/**
 * The {@code loophole} entry point. It names no picocli type, so {@link FastPath}'s command lines are answered
 * without loading picocli (verifying this class would load the picocli types its code names); everything else
 * goes to {@link RootCommand}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        if (FastPath.answer(args, System.out)) System.exit(0);
        RenderPrefetch.start(args);
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (tests call this in-process). */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs with the given output and error streams. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return RootCommand.run(out, err, args);
    }
}
