package dev.loophole.signal.driver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The threads that told a client its JACK server went away, through our shutdown upcall: libjack's notification thread
 * (JACK2: after its socket to the server failed) and, in JACK2, also the real-time process thread (JackClient::Error
 * calls ShutDown, which clears its callback only after calling it, so both may run the upcall). Each then leaves
 * libjack and ends, the JVM detaching it as it exits. jack_client_close cancels those threads asynchronously wherever
 * they are; cancelled inside our upcall or inside that detach, a thread leaves the JVM unable to reach a safepoint
 * again — the next GC or System.exit hangs for good (seen in JackReconnectFailureTest: 2 of 2 runs killing with
 * SIGKILL, 2 of 3 with SIGTERM, the reconnect thread woken by the notice closing at once). So such a client is closed
 * only once no upcall runs and every thread that delivered one is gone, seen through /proc/self/task, within bounds.
 */
final class ServerGoneNotice {
    /** How long a close that suspects a dead server (its client's activation failed) waits for the notice. */
    static final long NOTICE_MILLIS = 1_000;
    /** How long it then waits for the threads to end (they end right after the notice: measured in microseconds). */
    static final long EXIT_MILLIS = 2_000;
    /** Where a thread's end cannot be seen (no gettid, no /proc): a wait after the notice. */
    static final long GRACE_MILLIS = 250;
    /** Threads recorded; JACK2 has two that may deliver (notification, process), a spare for JACK1's suicide path. */
    private static final int SLOTS = 4;
    private static final long EMPTY = -1;

    private final JackNative ffi;
    private final AtomicLongArray tids = new AtomicLongArray(SLOTS); // delivering threads' kernel ids: 0 not known
    private final AtomicInteger inside = new AtomicInteger();        // upcalls still running
    private volatile boolean seen, unknown;                          // unknown: a thread whose end cannot be seen

    ServerGoneNotice(JackNative ffi) {
        this.ffi = ffi;
        for (int i = 0; i < SLOTS; i++) tids.set(i, EMPTY);
    }

    /** First thing in the shutdown upcall, on whichever thread delivers it; {@link #left} as it returns. No allocation. */
    void delivered() {
        inside.incrementAndGet();
        long t = ffi.kernelThreadId();
        if (t <= 0 || !record(t)) unknown = true;
        seen = true;
    }

    /** Last thing in the shutdown upcall (in a finally). */
    void left() { inside.decrementAndGet(); }

    private boolean record(long t) {
        for (int i = 0; i < SLOTS; i++) {
            long v = tids.get(i);
            if (v == t || (v == EMPTY && tids.compareAndSet(i, EMPTY, t))) return true;
        }
        return false; // more threads than slots: treated as one whose end cannot be seen
    }

    /**
     * Control thread, before jack_client_close: waits until no upcall runs and every delivering thread is gone, each
     * wait bounded (past its bound the close goes ahead, as the thread is then stuck elsewhere). Without a notice yet,
     * waits for one only when {@code suspectGone} (the server may have died: a failed activation); otherwise there is
     * none to wait for (the notification thread is inside libjack, where a cancel is harmless).
     *
     * @param abandon checked while waiting: once true the wait stops early
     * @return whether closing the client is safe; false only when abandoned with a delivering thread maybe still in
     *     the JVM (the caller then leaves the client open: better a client left to the process's exit than a hung JVM)
     */
    boolean awaitThreadGone(boolean suspectGone, BooleanSupplier abandon) {
        // no notice yet: an abandoned wait is a timeout (no thread of ours to protect; the server may well be alive)
        if (!seen && suspectGone) abandoned(() -> seen, abandon, NOTICE_MILLIS);
        // inside read first: a thread that entered before it is still counted, or has left and so has set seen
        if (inside.get() == 0 && !seen) return true;
        long deadline = System.nanoTime() + EXIT_MILLIS * 1_000_000;
        if (abandoned(() -> inside.get() == 0, abandon, EXIT_MILLIS)) return false;
        boolean proc = Files.isDirectory(Path.of("/proc/self/task"));
        for (int i = 0; i < SLOTS; i++) {
            long t = tids.get(i);
            if (t <= 0) continue;
            if (!proc) { unknown = true; break; }
            Path task = Path.of("/proc/self/task/" + t);
            if (abandoned(() -> !Files.exists(task), abandon, Math.max(0, (deadline - System.nanoTime()) / 1_000_000))) return false;
        }
        if (unknown) LockSupport.parkNanos(GRACE_MILLIS * 1_000_000);
        return true;
    }

    /** Waits until {@code done} or {@code millis} passed; @return true if {@code abandon} cut it short first */
    private static boolean abandoned(BooleanSupplier done, BooleanSupplier abandon, long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            if (abandon.getAsBoolean()) return !done.getAsBoolean();
            LockSupport.parkNanos(1_000_000);
        }
        return false;
    }
}
