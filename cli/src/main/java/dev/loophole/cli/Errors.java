package dev.loophole.cli;

import picocli.CommandLine;

/**
 * Turns a failure into one line a user can act on ("loophole: keys.sfz:12:5: expected …") and exit
 * status 1. The stack trace is shown only with {@code --verbose}.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {
    /** A failure whose message is already the whole story for the user. */
    static final class UserError extends RuntimeException {
        UserError(String message) { super(message); }
        UserError(String message, Throwable cause) { super(message, cause); }
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed.hasMatchedOption("--verbose");
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank() || !(ex instanceof UserError || ex instanceof java.io.IOException)) {
            msg = ex.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        }
        cl.getErr().println("loophole: " + msg);
        if (verbose) ex.printStackTrace(cl.getErr());
        cl.getErr().flush();
        return 1;
    }
}
