package dev.loophole.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (or SIGTERM) while a command plays or serves: the shutdown hook runs {@code stop} (which asks the command's
 * main thread to finish) and then waits a while for {@link #done} — the JVM halts once its hooks return, so without
 * the wait the driver (and server) would be closed halfway. A driver closed halfway only costs the summary line
 * (JACK drops the client; a close while freewheeling, 5–8 s, is the one cut short).
 */
final class StopHook {
    /** How long a hook waits for the command to finish closing. */
    private static final long WAIT_SECONDS = 3;

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread thread;

    /** {@code name}: the hook thread's name; {@code stop}: asks the command to stop (from the hook's thread). */
    StopHook(String name, Runnable stop) {
        thread = new Thread(() -> {
            stop.run();
            try {
                finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, name);
    }

    void add() { Runtime.getRuntime().addShutdownHook(thread); }

    /** Everything is closed (or was never opened): the hook, if it runs, need not wait; else it is not needed. */
    void done() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Shutting down already (Ctrl-C), or never added.
        }
    }
}
