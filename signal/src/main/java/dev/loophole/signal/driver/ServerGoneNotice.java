package dev.loophole.signal.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that told a client its JACK server went away: libjack's notification thread, through our shutdown
 * upcall (JACK2: after its socket to the server failed; it then leaves libjack and ends, the JVM detaching it as it
 * exits). jack_client_close cancels that thread asynchronously wherever it is; cancelled inside our upcall or inside
 * that detach it leaves the JVM unable to reach a safepoint again — the next GC or System.exit hangs for good (seen in
 * JackReconnectFailureTest: 2 of 2 runs killing with SIGKILL, 2 of 3 with SIGTERM, the reconnect thread woken by the
 * notice closing at once). So such a
 * client is closed only once that thread is gone, seen through /proc/self/task, within bounds.
 */
final class ServerGoneNotice {
    /** How long a close that suspects a dead server (its client's activation failed) waits for the notice. */
    static final long NOTICE_MILLIS = 1_000;
    /** How long it then waits for the thread to end (it ends right after the notice: measured in microseconds). */
    static final long EXIT_MILLIS = 2_000;
    /** Where the thread's end cannot be seen (no gettid, no /proc): a wait after the notice. */
    static final long GRACE_MILLIS = 250;

    private final JackNative ffi;
    private volatile long tid = -1; // the notifying thread's kernel id: -1 none yet, 0 not known
    private volatile long waitedNanos;

    ServerGoneNotice(JackNative ffi) { this.ffi = ffi; }

    /** The notification thread, first thing in the shutdown upcall. */
    void delivered() { tid = ffi.kernelThreadId(); }

    boolean seen() { return tid >= 0; }

    /** How long the last {@link #awaitThreadGone} waited (for tests and diagnostics). */
    long waitedNanos() { return waitedNanos; }

    /**
     * Control thread, before jack_client_close: waits until the notifying thread is gone. Without a notice yet, waits
     * for one only when {@code suspectGone} (the server may have died: a failed activation); otherwise there is none
     * to wait for (the notification thread is inside libjack, where a cancel is harmless).
     */
    void awaitThreadGone(boolean suspectGone) {
        long start = System.nanoTime();
        if (!seen() && suspectGone) waitUntil(this::seen, NOTICE_MILLIS);
        long t = tid;
        if (t > 0) {
            Path task = Path.of("/proc/self/task/" + t);
            if (Files.isDirectory(Path.of("/proc/self/task"))) waitUntil(() -> !Files.exists(task), EXIT_MILLIS);
            else LockSupport.parkNanos(GRACE_MILLIS * 1_000_000);
        } else if (t == 0) {
            LockSupport.parkNanos(GRACE_MILLIS * 1_000_000);
        }
        waitedNanos = System.nanoTime() - start;
    }

    private static void waitUntil(java.util.function.BooleanSupplier done, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) LockSupport.parkNanos(1_000_000);
    }
}
