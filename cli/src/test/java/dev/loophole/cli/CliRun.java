package dev.loophole.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process and keeps what it printed. */
record CliRun(int status, String out, String err) {
    static CliRun of(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new CliRun(status, out.toString(), err.toString());
    }

    /** Runs the command line on a thread of its own; {@code err} shows what it printed so far (a test can wait for a line). */
    static java.util.concurrent.CompletableFuture<CliRun> start(StringWriter err, String... args) {
        var result = new java.util.concurrent.CompletableFuture<CliRun>();
        Thread.ofPlatform().daemon().start(() -> {
            StringWriter out = new StringWriter();
            int status = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
            result.complete(new CliRun(status, out.toString(), err.toString()));
        });
        return result;
    }

    java.util.List<String> errLines() {
        return err.lines().filter(l -> !l.isBlank()).toList();
    }
}
