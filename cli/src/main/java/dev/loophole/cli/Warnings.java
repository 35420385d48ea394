package dev.loophole.cli;

import java.io.PrintWriter;
import java.util.List;

/** Prints loader warnings: each one readable line, the first {@value #SHOWN} unless --verbose. */
final class Warnings {
    static final int SHOWN = 10;

    private Warnings() {}

    static void print(PrintWriter err, List<String> warnings, boolean verbose) {
        int shown = 0;
        for (String w : warnings) {
            if (!verbose && shown == SHOWN) {
                err.println("warning: … and " + (warnings.size() - SHOWN) + " more (--verbose shows all)");
                break;
            }
            err.println(ReadableText.of(w.contains("warning:") ? w : "warning: " + w));
            shown++;
        }
        err.flush();
    }
}
