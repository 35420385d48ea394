package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The vector mix against the loop it stands in for, written out here: {@code out += buf·(env·level)·g} per frame, left to right
 * (mono: one product {@code buf·(env·level)} shared by both sides). Random chunks of 1–32 frames at random block offsets, levels
 * over seven decades and block contents already there: every output sample equal bit for bit, the frames the vector form
 * leaves (the last {@code got mod 8}) untouched by it.
 */
class MixVectorTest {
    private static final int BLOCK = 256;

    @Test
    void monoAndStereoEqualTheScalarLoopBitForBit() {
        // The vector form is called directly: it runs wherever the module is resolved, whether or not Simd.VECTOR lets
        // renders take it on this CPU (eight-float vectors, SimdWidth)
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("the build runs tests with jdk.incubator.vector").isPresent();
        Random rnd = new Random(15);
        for (int t = 0; t < 5_000; t++) {
            int got = 1 + rnd.nextInt(32), at = rnd.nextInt(BLOCK - 32);
            float[] bl = noise(rnd, 32), br = noise(rnd, 32), env = noise(rnd, 32), outL = noise(rnd, BLOCK), outR = noise(rnd, BLOCK);
            float gl = (float) rnd.nextGaussian(), gr = (float) rnd.nextGaussian(), level = t % 3 == 0 ? 1f : rnd.nextFloat();
            boolean stereo = t % 2 == 1;

            float[] wantL = outL.clone(), wantR = outR.clone();
            for (int k = 0; k < got; k++) {
                float e = env[k] * level;
                if (stereo) {
                    wantL[at + k] += bl[k] * e * gl;
                    wantR[at + k] += br[k] * e * gr;
                } else {
                    float v = bl[k] * e;
                    wantL[at + k] += v * gl;
                    wantR[at + k] += v * gr;
                }
            }
            float[] beforeL = outL.clone(), beforeR = outR.clone();
            int done = stereo ? MixVector.stereo(bl, br, env, level, outL, outR, at, got, gl, gr) : MixVector.mono(bl, env, level, outL, outR, at, got, gl, gr);
            assertThat(done).isEqualTo(got - got % MixVector.LANES);
            for (int k = done; k < BLOCK - at; k++) {
                assertThat(outL[at + k]).isEqualTo(beforeL[at + k]);
                assertThat(outR[at + k]).isEqualTo(beforeR[at + k]);
            }
            for (int k = done; k < got; k++) { // the caller's scalar tail
                outL[at + k] = wantL[at + k];
                outR[at + k] = wantR[at + k];
            }
            assertThat(bits(outL)).as("trial %d, %s, got %d at %d", t, stereo ? "stereo" : "mono", got, at).containsExactly(bits(wantL));
            assertThat(bits(outR)).as("trial %d, %s, got %d at %d", t, stereo ? "stereo" : "mono", got, at).containsExactly(bits(wantR));
        }
    }

    private static float[] noise(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
        return x;
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) b[i] = Float.floatToRawIntBits(x[i]);
        return b;
    }
}
