package dev.loophole.signal.sampler;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VoiceOutput#mix}'s steady-gain loops eight frames at a time. C2 does not vectorise them itself: the voice's
 * chunk and the block are both {@code float[]} read at different offsets, which it cannot prove apart. Each lane does
 * the scalar loop's products and sums in its order (no fused multiply-add; a fixed 256-bit species), so the output
 * equals the scalar form's bit for bit. Loaded only when {@link dev.loophole.signal.dsp.Simd#VECTOR} is true.
 */
final class MixVector {
    private MixVector() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    static final int LANES = 8;

    /** Scratch data for {@link ScalarStart}'s warm-ups; a nested class, as {@link CubicVector.Exercise}. */
    record Exercise(float[] b, float[] e, float[] l, float[] r) implements Runnable {
        static Exercise make() { return new Exercise(new float[32], new float[32], new float[64], new float[64]); }

        /** One round: both kernels, at an offset. */
        @Override
        public void run() {
            mono(b, e, 0.75f, l, r, 3, 32, 0.5f, 0.25f);
            stereo(b, e, e, 0.75f, l, r, 5, 32, 0.5f, 0.25f);
        }
    }

    /** One channel into both sides: {@code out += buf·(env·level)·g} per side; frames [0, 8m); returns 8m, the first frame not done. */
    static int mono(float[] buf, float[] env, float level, float[] outL, float[] outR, int at, int got, float gl, float gr) {
        int k = 0;
        for (; k + LANES <= got; k += LANES) {
            FloatVector v = FloatVector.fromArray(F, buf, k).mul(FloatVector.fromArray(F, env, k).mul(level));
            FloatVector.fromArray(F, outL, at + k).add(v.mul(gl)).intoArray(outL, at + k);
            FloatVector.fromArray(F, outR, at + k).add(v.mul(gr)).intoArray(outR, at + k);
        }
        return k;
    }

    /** Two channels: {@code outL += bufL·(env·level)·gl}, {@code outR += bufR·(env·level)·gr}; as {@link #mono}. */
    static int stereo(float[] bufL, float[] bufR, float[] env, float level, float[] outL, float[] outR, int at, int got, float gl, float gr) {
        int k = 0;
        for (; k + LANES <= got; k += LANES) {
            FloatVector e = FloatVector.fromArray(F, env, k).mul(level);
            FloatVector.fromArray(F, outL, at + k).add(FloatVector.fromArray(F, bufL, k).mul(e).mul(gl)).intoArray(outL, at + k);
            FloatVector.fromArray(F, outR, at + k).add(FloatVector.fromArray(F, bufR, k).mul(e).mul(gr)).intoArray(outR, at + k);
        }
        return k;
    }
}
