package dev.loophole.signal.driver;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The close handshake with one JACK client's process thread: it lets that thread end from libjack's own code before
 * the client is deactivated. jack_deactivate (JACK2) ends the thread with an asynchronous pthread_cancel wherever it
 * is; inside our callback — one running late, on a loaded machine or in freewheel — that killed it in the middle of
 * Java code, and when it held a JVM lock (an allocation asking for a GC) the whole JVM hung at its next safepoint
 * (jstack and SIGTERM too). A process callback that answers non-zero makes libjack deactivate the client and exit the
 * thread itself (JACK2's JackClient::End); where that end can be seen (JACK2 with glibc) the thread is reaped here.
 * Where the answer is ignored (another JACK calls again) or no cycle comes (a server that stopped running us: the
 * thread waits inside libjack, where a cancel is harmless), deactivation goes on as before.
 */
final class ProcessThreadStop {
    /**
     * How long {@link #run} waits for a cycle to answer "stop": one more cycle is enough, but on a loaded machine a
     * cycle can come many periods late. Only a server that stopped running us waits all of it.
     */
    static final long STOP_MILLIS = 2_000;
    /**
     * How long it then waits for the thread to end inside libjack: its End() waits on the server's reply to
     * deactivate, measured 5.00 s while freewheeling (JackCloseTest), so with room.
     */
    static final long END_MILLIS = 8_000;
    /** Where the thread's end cannot be seen (no pthread_tryjoin_np, or not JACK2): the wait after its "stop" answer. */
    static final long GRACE_MILLIS = 250;

    private final JackNative ffi;
    volatile boolean activated;   // there is a process thread
    volatile boolean requested;   // close: the process callback answers "stop"
    private volatile long thread; // JACK's process thread (pthread_t), from its first callback
    private volatile int answers; // callbacks that answered "stop" (written last, as the callback leaves)
    private volatile boolean ended; // the thread was seen ended and reaped

    ProcessThreadStop(JackNative ffi) { this.ffi = ffi; }

    /** Audio thread, first callback: records the thread. */
    void noteThread() { thread = ffi.currentThread(); }

    /** Audio thread, the last thing a callback that answers "stop" does. */
    void answered() {
        if (thread == 0) thread = ffi.currentThread();
        answers = answers + 1;
    }

    /** Whether the caller is this client's live process thread. */
    boolean onProcessThread() {
        long t = thread;
        return t != 0 && !ended && ffi.currentThread() == t;
    }

    /** Whether the thread was seen ended (always true where that cannot be seen). */
    boolean endSeen() { return !ffi.canReap() || ended; }

    /** Control thread: asks for "stop" and waits as described above; then the client may be deactivated and closed. */
    void run(boolean freewheeling) {
        requested = true;
        if (!activated) return;
        // 1. One cycle answers (or the thread is seen ended). None within STOP_MILLIS: the server stopped running us.
        if (!waitUntil(STOP_MILLIS, () -> answers >= 1)) return;
        // 2. The thread is inside libjack's End(), which asks the server to deactivate us (in freewheel that reply
        //    takes ~5 s) and then exits: closing the client meanwhile would use its channel from two threads. Where
        //    the thread can be reaped, wait for its end; elsewhere a grace covering End().
        if (ffi.canReap()) waitUntil(END_MILLIS, () -> false);
        else waitUntil(freewheeling ? END_MILLIS : GRACE_MILLIS, () -> false);
    }

    /**
     * Polls every millisecond until {@code done}, the thread is reaped, a second "stop" is answered (this JACK ignores
     * the answer: go on with deactivate), or {@code millis} pass; true unless it timed out.
     */
    private boolean waitUntil(long millis, BooleanSupplier done) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            if (ended || done.getAsBoolean() || answers >= 2) return true;
            long t = thread;
            if (t != 0 && ffi.tryJoin(t) == JackNative.Join.ENDED) {
                ended = true;
                return true;
            }
            if (System.nanoTime() >= deadline) return false;
            LockSupport.parkNanos(1_000_000);
        }
    }
}
