package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.Simd;

/**
 * An offline instrument's voices run the scalar forms of the cubic read ({@link CubicRun#hermite}) and of the mix
 * ({@link VoiceOutput#mix}) for their first {@link #FRAMES} mixed frames together, then have the Vector API forms
 * compiled on a thread of their own (as a live instrument does before its first block: until C2 has compiled them the
 * Vector API boxes every vector, and a profile without every branch sends the compiled kernel back to the interpreter)
 * and run them once they are. A short render (one
 * note: 0.1 s CPU of the 0.9) is done before the warm-up and C2's compiles would pay off; a long one hardly notices the
 * scalar start. Both forms give the same bits, so where the switch falls changes nothing in the output. A render at
 * the cubic quality skips the scalar start ({@link #quality}, from {@code setQuality}): there cubic is the kernel of every
 * voice. One per offline instrument (live ones have none), counted on its render thread.
 */
final class ScalarStart {
    /** About 1.4 s of one voice at 48 kHz: a note or two (a streamed voice reads its ring by the scalar form anyway). */
    static final long FRAMES = 1 << 16;
    private long left = FRAMES;

    /**
     * The voice path's Vector API kernels, compiled before they run where boxing matters (the filter lanes run live only:
     * {@link VoiceRender}), once per JVM, on the thread that makes the first voice (the control side) or, when an offline
     * render's {@link ScalarStart} hands over, on a thread of its own: until C2 has compiled them the Vector API boxes every vector they
     * make (a 30-second render allocated 1 GB that way, 60 young collections, and a live audio thread would allocate
     * too). Under {@link dev.loophole.signal.dsp.WarmUp.Once}'s lock: a live engine made while an offline render is still
     * warming the kernels up waits for it instead of reaching its audio thread with them not yet compiled.
     */
    static void warmUp() {
        // Only a warm-up that saw the kernels compiled lets voices take the vector forms: one that gave up (a starved
        // machine) leaves them on the scalar forms, which give the same bits without boxing every vector.
        KERNELS.ensure(() -> {
            CubicVector.Exercise cubic = CubicVector.Exercise.make();
            MixVector.Exercise mix = MixVector.Exercise.make();
            return () -> { cubic.run(); mix.run(); };
        });
    }

    private static final dev.loophole.signal.dsp.WarmUp.Once KERNELS = new dev.loophole.signal.dsp.WarmUp.Once();

    /** The hand-over's warm-up on a thread of its own: a failure is counted there, never printed as a stack trace. */
    private static void warmUpQuietly() {
        try {
            warmUp();
        } catch (RuntimeException | LinkageError e) {
            KERNELS.failed();
        } finally {
            handingOver.set(false);
        }
    }

    /** A hand-over's thread is running: the instruments that reach their count meanwhile start none of their own. */
    private static final java.util.concurrent.atomic.AtomicBoolean handingOver = new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * For a live instrument: {@link #warmUp}, then the kernels called on their own until they allocate nothing
     * ({@link dev.loophole.signal.dsp.WarmUp#settle}). C2 can compile a warm-up loop with the kernel inlined and leave
     * the kernel itself uncompiled (seen for the filter lanes); the calls here come from this class,
     * which keeps C2's default thresholds, so the kernel compiles on its own before the calling code could inline it.
     */
    static synchronized void warmUpLive() {
        warmUp();
        if (settled) return;
        CubicVector.Exercise x = CubicVector.Exercise.make();
        float[] b = new float[32], e = new float[32], l = new float[64], r = new float[64];
        int[] at = new int[32];
        for (int j = 0; j < 32; j++) { b[j] = j / 32f; e[j] = 1; }
        settled = dev.loophole.signal.dsp.WarmUp.settle(() -> {
            x.run();
            // and the voice's own entry around the kernel, in every shape a chunk takes: the integer form forward (mono),
            // a group too wide for the window (stereo), backward, at the array's end; sums across binades; an offset
            float[] d = x.d();
            CubicRun.run(d, null, l, null, 0, 32, 33.25, 0, 0.9, at, true);
            CubicRun.run(d, d, l, r, 0, 8, 32.5, 0, 1.8, at, true);
            CubicRun.run(d, null, l, null, 0, 32, 62.5, 0, -0.9, at, true);
            CubicRun.run(d, null, l, null, 0, 32, 64.5, 0, 0.3, at, true);
            CubicRun.run(d, null, l, null, 0, 32, 1.25, 0, 1.0001, at, true);
            CubicRun.run(d, d, l, r, 0, 32, 1.25, 0.5, 0.9, at, true);
            MixVector.mono(b, e, 0.75f, l, r, 3, 32, 0.5f, 0.25f);
            MixVector.stereo(b, e, e, 0.75f, l, r, 5, 32, 0.5f, 0.25f);
        });
    }

    private static boolean settled; // guarded by the class lock

    /**
     * Control side: the instrument's quality, before its voices render at it. At the cubic quality the cubic read is
     * every voice's kernel, so the vector forms are warmed up now and taken from the first note, as live, once that
     * warm-up saw them compiled (else the scalar forms, the same bits). (Never
     * back: a count once reached stays reached.)
     */
    void quality(int quality) {
        if (quality < Interpolation.CUBIC || quality >= Interpolation.SINC_8) return;
        left = 0;
        if (Simd.VECTOR) warmUp();
    }

    /** Whether the vector forms may run now: the count has been reached and their kernels are compiled. */
    boolean warm() { return left <= 0 && compiled(); }

    /**
     * Whether a chunk of {@code frames} mixed frames may take the vector forms; counts them. At the count the kernels'
     * warm-up starts on a thread of its own, and the voices go on with the scalar forms (the same bits) until it is done:
     * the render does not stop for C2's compiles (0.1–0.3 s of wall time at each sinc render's hand-over).
     */
    boolean vector(int frames) {
        if (left <= 0) return compiled();
        left -= frames;
        if (left <= 0 && !compiled() && handingOver.compareAndSet(false, true)) {
            Thread t = new Thread(ScalarStart::warmUpQuietly, "loophole-kernel-warm-up");
            t.setDaemon(true); // an ended render does not wait for it
            t.start();
        }
        return false;
    }

    /** Whether the kernels the vector forms run are compiled (nothing to compile without the Vector API). */
    private static boolean compiled() { return KERNELS.compiled() || !Simd.VECTOR; }
}
