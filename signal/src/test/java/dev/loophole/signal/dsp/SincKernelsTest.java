package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The sinc's vector kernels give the scalar twin's bits, so a render is the same with or without the Vector API; and
 * the float partial sums stay within float rounding of the sum taken in double.
 */
class SincKernelsTest {
    private static final SincKernels SCALAR = SincKernels.SCALAR, VECTOR = new SincKernelsVector();

    @Test
    void theVectorFormRunsWhereTheModuleIsResolved() {
        // surefire adds jdk.incubator.vector: otherwise the comparisons below would only compare the scalar form with itself
        assertThat(Simd.VECTOR).isTrue();
        assertThat(SincKernels.INSTANCE).isInstanceOf(SincKernelsVector.class);
        assertThat(SincKernels.SCALAR.getClass()).isEqualTo(SincKernels.class);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void directKernelVectorAndScalarGiveTheSameBits(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int taps : new int[] {8, 16, 32, 64}) {
            float[] t = noise(rnd, 40 * taps, 1e-3 + rnd.nextDouble()), l = noise(rnd, 300, 10 * rnd.nextDouble()), r = noise(rnd, 300, 1);
            float[] outL = new float[4], outR = new float[4], vecL = new float[4], vecR = new float[4];
            for (int k = 0; k < 200; k++) {
                int r0 = rnd.nextInt(38) * taps + rnd.nextInt(3), base = rnd.nextInt(300 - taps);
                float a = (float) rnd.nextDouble();
                int s = Float.floatToRawIntBits(SCALAR.direct(t, r0, r0 + taps, a, l, base, taps));
                int v = Float.floatToRawIntBits(VECTOR.direct(t, r0, r0 + taps, a, l, base, taps));
                assertThat(v).as("taps %d, case %d", taps, k).isEqualTo(s);
                SCALAR.directStereo(t, r0, r0 + taps, a, l, r, base, taps, outL, outR, k & 3);
                VECTOR.directStereo(t, r0, r0 + taps, a, l, r, base, taps, vecL, vecR, k & 3);
                assertThat(Float.floatToRawIntBits(vecL[k & 3])).isEqualTo(Float.floatToRawIntBits(outL[k & 3])).isEqualTo(s);
                assertThat(Float.floatToRawIntBits(vecR[k & 3])).isEqualTo(Float.floatToRawIntBits(outR[k & 3]));
            }
        }
    }

    /** Through the interpolator with its real table, every ratio the direct kernel serves: both forms, same bits. */
    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32, 64})
    void realTablesAndPositionsGiveTheSameBits(int taps) {
        SincInterpolator si = new SincInterpolator(taps);
        SplittableRandom rnd = new SplittableRandom(taps);
        float[] buf = noise(rnd, 4000, 0.5);
        float[] table = si.table();
        for (int k = 0; k < 20_000; k++) {
            double x = 100 + rnd.nextDouble() * 3700;
            int n = (int) Math.floor(x);
            double phi = (x - n) * SincInterpolator.PHASES;
            int i = (int) phi, r0 = i * taps;
            float a = (float) (phi - i);
            int base = n - taps / 2 + 1;
            float s = SCALAR.direct(table, r0, r0 + taps, a, buf, base, taps);
            assertThat(Float.floatToRawIntBits(VECTOR.direct(table, r0, r0 + taps, a, buf, base, taps))).isEqualTo(Float.floatToRawIntBits(s));
            assertThat(Float.floatToRawIntBits(si.sample(buf, x, 0.9))).isEqualTo(Float.floatToRawIntBits(s));
        }
    }

    /** Float partial sums against the same sum in double: within a few float roundings of the terms' size. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void floatSumsStayWithinRoundingOfTheDoubleSum(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SincInterpolator si = new SincInterpolator(64);
        float[] table = si.table();
        float[] buf = noise(rnd, 4000, 1);
        double worst = 0;
        for (int k = 0; k < 20_000; k++) {
            double x = 100 + rnd.nextDouble() * 3700;
            int n = (int) Math.floor(x);
            double phi = (x - n) * SincInterpolator.PHASES;
            int i = (int) phi, r0 = i * 64;
            float a = (float) (phi - i);
            double exact = 0, size = 0;
            for (int j = 0; j < 64; j++) {
                float c0 = table[r0 + j];
                double term = buf[n - 31 + j] * (double) (c0 + a * (table[r0 + 64 + j] - c0));
                exact += term;
                size += Math.abs(term);
            }
            worst = Math.max(worst, Math.abs(VECTOR.direct(table, r0, r0 + 64, a, buf, n - 31, 64) - exact) / size);
        }
        assertThat(worst).as("error relative to the sum of |terms|").isLessThan(8 * 0x1p-24).isGreaterThan(0);
    }

    private static float[] noise(SplittableRandom rnd, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        return x;
    }
}
