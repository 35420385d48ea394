package dev.loophole.signal.dsp;

import java.lang.management.ManagementFactory;

/**
 * Warm-ups of the Vector API kernels: until C2 has installed a kernel, every vector it makes is boxed (allocated).
 * {@link #compile} is the first step, for every instrument, offline ones included: it has C2 compile the kernels and
 * waits for it. {@link #settle} is the last step of a live warm-up: a kernel is safe on an audio thread only once a call
 * allocates nothing, and C2 may compile a caller's loop with the kernel inlined, leaving the kernel itself on a
 * profiling tier — so it calls the audio thread's own entries until two rounds in a row allocate nothing, pausing a
 * millisecond between tries. Control side only (or the thread an offline render's {@code ScalarStart} starts at its hand-over).
 */
public final class WarmUp {
    private WarmUp() {}

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Beyond this the JVM is not compiling it (a flag, a starved machine): give up rather than hang the control side. */
    private static final long LIMIT_NANOS = 5_000_000_000L;

    /**
     * Calls of a vector kernel after which C2 has most likely compiled it, made where this JVM cannot count allocations
     * (by {@link #compile} and {@link #settle}).
     */
    private static final int COMPILE_CALLS = 3_000;

    /**
     * Rounds {@link #compile} runs straight: the launcher and the tests scale the vector kernels' C2 thresholds
     * ({@code -XX:CompileCommand=CompileThresholdScaling}: 0.002 of the default ones, 0.0002 of the launcher's offline
     * ones, ten times the default) so that about ten calls queue a kernel's compile — on a profile that has seen every
     * branch, as long as each round takes them all.
     */
    static final int TRIGGER_ROUNDS = 16;
    /** Beyond this {@link #compile} stops waiting and says so (false): its caller decides what runs until C2 has the kernel. */
    private static final long COMPILE_LIMIT_NANOS = 2_000_000_000L;

    /**
     * Has C2 compile the vector kernels {@code round} calls, before anything that must not allocate (an audio thread) or
     * should not run boxed (a render) calls them: {@link #TRIGGER_ROUNDS} rounds queue the compiles, then one round a
     * millisecond until two in a row allocate nothing (a boxed kernel allocates in every call). Until C2 installs the
     * kernel, each call is a boxed one (≈ 0.1 ms for the cubic read's): a fixed count of them kept the thread busy for the
     * whole compile (60–70 ms of CPU at each render's start), the wait here leaves the core to the compiler. Where this
     * JVM cannot count allocations, {@link #COMPILE_CALLS} rounds instead. Returns whether it saw the kernels compiled
     * (false: the time limit or an interrupt, the interrupt flag kept).
     */
    public static boolean compile(Runnable round) {
        if (!counting()) {
            for (int i = 0; i < COMPILE_CALLS; i++) round.run();
            return true;
        }
        for (int i = 0; i < TRIGGER_ROUNDS; i++) round.run();
        long end = System.nanoTime() + COMPILE_LIMIT_NANOS;
        for (int clean = 0; clean < 2; ) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            round.run();
            if (THREADS.getCurrentThreadAllocatedBytes() == before) { clean++; continue; }
            clean = 0;
            if (System.nanoTime() > end || !pause()) return false;
        }
        return true;
    }

    /**
     * One family of kernels' {@link #compile}, made once per JVM: done when it saw them compiled; after {@link #TRIES}
     * give-ups (2 s each, a starved machine) no later instrument waits for another. Its caller decides what runs
     * meanwhile (the scalar twins where it has them).
     */
    public static final class Once {
        private static final int TRIES = 2;
        private volatile boolean compiled; // set under the lock, read without it
        private int failures;              // guarded by the lock

        /** {@link #compile}s the round {@code make} makes, unless done or given up on; whether the kernels are compiled. */
        public synchronized boolean ensure(java.util.function.Supplier<Runnable> make) {
            if (compiled || failures >= TRIES) return compiled;
            if (compile(make.get())) compiled = true;
            else failures++;
            return compiled;
        }

        /** Counts a warm-up that ended by an exception (on a thread of its own, where nobody would see it). */
        public synchronized void failed() { failures++; }

        /** Whether a warm-up saw the kernels compiled. */
        public boolean compiled() { return compiled; }
    }

    private static boolean counting() { return THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(); }

    /** A millisecond's sleep; false (the flag set again) when interrupted. */
    private static boolean pause() {
        try {
            Thread.sleep(1);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Calls {@code call} until two calls in a row allocate no bytes on this thread; where the JVM cannot count them, makes
     * {@link #COMPILE_CALLS} calls instead (C2 most likely has the kernel then). Returns whether the warm-up is done —
     * false only when it gave up (the time limit, an interrupt), so that a later instrument tries again.
     */
    public static boolean settle(Runnable call) {
        if (!counting()) {
            for (int i = 0; i < COMPILE_CALLS; i++) call.run();
            return true; // all that can be done here
        }
        long end = System.nanoTime() + LIMIT_NANOS;
        int clean = 0;
        while (System.nanoTime() < end) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 64; i++) call.run();
            clean = THREADS.getCurrentThreadAllocatedBytes() == before ? clean + 1 : 0;
            if (clean == 2) return true;
            if (!pause()) return false;
        }
        return false;
    }
}
