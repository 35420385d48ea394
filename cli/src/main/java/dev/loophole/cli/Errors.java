package dev.loophole.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns a failure into one line a user can act on ("loophole: keys.sfz:12:5: expected …"): exit status 1 for a
 * failure, 2 for a wrong command line. The stack trace is shown only with {@code --verbose}. Every line goes
 * through {@link ReadableText}, so a message quoting a hostile input stays one readable line.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int FAILURE = 1;
    static final int USAGE = 2;

    /** A failure whose message is already the whole story for the user. */
    static class UserError extends RuntimeException {
        UserError(String message) { super(message); }
        UserError(String message, Throwable cause) { super(message, cause); }
    }

    /** An option value outside what the option accepts: a wrong command line (exit 2). Name the option and its range. */
    static final class BadOption extends UserError {
        BadOption(String message) { super(message); }
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank() || !(ex instanceof UserError || ex instanceof java.io.IOException)) {
            msg = ex.getClass().getSimpleName() + (msg == null ? "" : ": " + msg);
        }
        print(cl.getErr(), msg, verbose(parsed) ? ex : null);
        return ex instanceof BadOption ? USAGE : FAILURE;
    }

    /** picocli's own parse errors (unknown option, a value that is not a number): one line and picocli's suggestions. */
    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        print(cl.getErr(), ex.getMessage(), null);
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, cl.getErr());
        cl.getErr().flush();
        return USAGE;
    }

    /** A throwable no command turned into a message (out of memory, a stack overflow): still one line, exit 1. */
    static int unexpected(PrintWriter err, Throwable t, String... args) {
        print(err, "internal error: " + t, java.util.Arrays.asList(args).contains("--verbose") ? t : null);
        return FAILURE;
    }

    private static void print(PrintWriter err, String msg, Throwable trace) {
        err.println("loophole: " + ReadableText.of(msg));
        if (trace != null) trace.printStackTrace(err);
        err.flush();
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        return parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose")) || parsed.hasMatchedOption("--verbose");
    }
}
