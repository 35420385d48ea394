package dev.loophole.signal.dsp;

import java.lang.management.ManagementFactory;

/**
 * The last step of a live warm-up: a Vector API kernel is safe on an audio thread only once a call allocates nothing
 * (until C2 has installed it, every vector is boxed). A fixed number of calls does not promise that — C2 compiles in
 * the background, and may compile the warm-up's own loop with the kernel inlined, leaving the kernel itself on a
 * profiling tier — so this calls it until two calls in a row allocate nothing, pausing a millisecond between tries.
 * Control side only; offline renders skip it (they may allocate, and should not wait for C2).
 */
public final class WarmUp {
    private WarmUp() {}

    private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** Beyond this the JVM is not compiling it (a flag, a starved machine): give up rather than hang the control side. */
    private static final long LIMIT_NANOS = 5_000_000_000L;

    /**
     * Calls of a vector kernel after which C2 has compiled it: its thresholds are 5,000 invocations and 15,000 with
     * back-edges by default, and the launcher and the tests scale them by 0.05 for the vector kernels
     * ({@code -XX:CompileCommand=CompileThresholdScaling}), so a few thousand calls do (≈ 70 ms instead of ≈ 250 ms at
     * every start). Also what the settle makes where this JVM cannot count allocations.
     */
    public static final int COMPILE_CALLS = 3_000;

    /**
     * Calls {@code call} until two calls in a row allocate no bytes on this thread; where the JVM cannot count them, makes
     * {@link #COMPILE_CALLS} calls instead (C2 most likely has the kernel then). Returns whether the warm-up is done —
     * false only when it gave up (the time limit, an interrupt), so that a later instrument tries again.
     */
    public static boolean settle(Runnable call) {
        if (!THREADS.isThreadAllocatedMemorySupported() || !THREADS.isThreadAllocatedMemoryEnabled()) {
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
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
