package dev.loophole.signal.driver;

import java.util.concurrent.locks.LockSupport;

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
    /** The two waits: the constants, or shorter through -Dloophole.jack.stopMillis / endMillis (how a test reaches the cap). */
    private final long stopMillis = Long.getLong("loophole.jack.stopMillis", STOP_MILLIS),
            endMillis = Long.getLong("loophole.jack.endMillis", END_MILLIS);
    volatile boolean activated;   // there is a process thread
    volatile boolean requested;   // close: the process callback answers "stop"
    private volatile long thread; // JACK's process thread (pthread_t), from its first callback
    private volatile int answers; // callbacks that answered "stop" (written last, as the callback leaves)
    private volatile boolean ended; // the thread was seen ended and reaped
    volatile boolean inside;       // the process thread is inside our callback (set and cleared by the callback)

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

    /** Callbacks that answered "stop" (for tests: a close that fell back to deactivate shows none). */
    int answers() { return answers; }

    /** Whether the thread was seen ended (always true where that cannot be seen). */
    boolean endSeen() { return !ffi.canReap() || ended; }

    /**
     * Control thread: asks for "stop" and waits as described above. True when the client may then be deactivated and
     * closed; false when the thread is still inside our callback (a pause of seconds: a long GC, a stopped process) or
     * inside libjack's End() after every wait — deactivating would cancel it in Java, closing would free the client
     * under it, so the client is left as it is until the process ends (the server then drops it).
     */
    boolean run(boolean freewheeling) {
        requested = true;
        if (!activated) return true;
        // 1. One cycle answers (or the thread is seen ended). None for STOP_MILLIS while the thread is outside our
        //    callback: the server stopped running us (the thread waits inside libjack, where a cancel is harmless). A
        //    cycle that is still running restarts that wait, up to END_MILLIS more in all.
        long now = System.nanoTime(), prev = now, cap = now + (stopMillis + endMillis) * 1_000_000, quiet = now + stopMillis * 1_000_000;
        while (true) {
            boolean in = inside; // read before the answer: a thread that answered and left is seen answered
            if (ended || answers >= 1 || reaped()) break;
            now = System.nanoTime();
            // Inside our callback, or this thread kept from polling a while (a GC pause, a stopped process: JACK's
            // thread may have woken meanwhile and be about to enter): the quiet wait starts again.
            if (in || now - prev > 50_000_000L) quiet = now + stopMillis * 1_000_000;
            prev = now;
            if (in && now >= cap) return false;
            if (now >= cap + stopMillis * 1_000_000) return true; // out, and this thread starved past every wait: bounded
            if (!in && now >= quiet) return true; // (it could still enter between this read and the deactivate: after 2 s of quiet)
            LockSupport.parkNanos(1_000_000);
        }
        // 2. The thread is inside libjack's End(), which asks the server to deactivate us (in freewheel that reply
        //    takes the server's client timeout × 10: 5 s at its default -t 500) and then exits: closing the client
        //    meanwhile would use it from two threads. Where the thread can be reaped, wait for its end (not seen within
        //    END_MILLIS: left alone, as above); elsewhere a grace covering End().
        if (ffi.canReap()) return waitUntil(endMillis);
        waitUntil(freewheeling ? endMillis : GRACE_MILLIS);
        return true;
    }

    /** Control thread, once the client is closed: no thread of it is current any more (a later pthread_t may reuse the id). */
    void forget() { thread = 0; }

    /** Whether the thread could be seen ended now (and was reaped). */
    private boolean reaped() {
        long t = thread;
        if (t != 0 && ffi.tryJoin(t) == JackNative.Join.ENDED) ended = true;
        return ended;
    }

    /**
     * Polls every millisecond until the thread is reaped, a second "stop" is answered (this JACK ignores
     * the answer: go on with deactivate), or {@code millis} pass; true unless it timed out.
     */
    private boolean waitUntil(long millis) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (true) {
            boolean in = inside; // a JACK that ignores the answer calls again: go on once that call has left us
            if (ended || (answers >= 2 && !in) || reaped()) return true;
            if (System.nanoTime() >= deadline) return false;
            LockSupport.parkNanos(1_000_000);
        }
    }
}
