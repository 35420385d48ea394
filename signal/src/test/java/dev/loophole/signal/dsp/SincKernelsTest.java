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
        // surefire adds jdk.incubator.vector, so the comparisons below run the vector form on any CPU (they call it
        // directly); renders take it only where Simd.VECTOR says the CPU's vectors hold eight floats (SimdWidth)
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).isPresent();
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
        float[] l = new float[1], r = new float[1], vl = new float[1], vr = new float[1], buf2 = noise(rnd, 4000, 0.5);
        for (int k = 0; k < 20_000; k++) {
            double x = 100 + rnd.nextDouble() * 3700;
            float s = SCALAR.frame(table, taps, SincInterpolator.PHASES, buf, x);
            assertThat(Float.floatToRawIntBits(VECTOR.frame(table, taps, SincInterpolator.PHASES, buf, x))).isEqualTo(Float.floatToRawIntBits(s));
            assertThat(Float.floatToRawIntBits(si.sample(buf, x, 0.9))).isEqualTo(Float.floatToRawIntBits(s));
            SCALAR.frameStereo(table, taps, SincInterpolator.PHASES, buf, buf2, x, l, r, 0);
            VECTOR.frameStereo(table, taps, SincInterpolator.PHASES, buf, buf2, x, vl, vr, 0);
            assertThat(Float.floatToRawIntBits(vl[0])).isEqualTo(Float.floatToRawIntBits(l[0])).isEqualTo(Float.floatToRawIntBits(s));
            assertThat(Float.floatToRawIntBits(vr[0])).isEqualTo(Float.floatToRawIntBits(r[0]))
                    .isEqualTo(Float.floatToRawIntBits(SCALAR.frame(table, taps, SincInterpolator.PHASES, buf2, x)));
        }
    }

    /**
     * Float partial sums (two dot products, interpolated after the sums) against the same sum in double with each tap's
     * weight interpolated first: within a few float roundings of the terms' size.
     */
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
                double term = buf[n - 31 + j] * (c0 + (double) a * (table[r0 + 64 + j] - (double) c0)); // the weight in double too
                exact += term;
                size += Math.abs(term);
            }
            worst = Math.max(worst, Math.abs(VECTOR.frame(table, 64, SincInterpolator.PHASES, buf, x) - exact) / size);
        }
        System.out.printf("SincKernels: worst error / Σ|terms|, seed %d      %.3g ulp%n", seed, worst / 0x1p-24);
        assertThat(worst).as("error relative to the sum of |terms|").isLessThan(8 * 0x1p-24).isGreaterThan(0);
    }

    /**
     * The table read at every phase (its rows past P/2 are copies of the first half backwards) against the 64-tap
     * design computed here from its definition (h(t) = 2c·sinc(2ct)·I0(β√(1 − (t/32)²))/I0(β), each phase's weights
     * normalised to sum 1): within the rows' linear interpolation error, at phases on both sides of ½.
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 22})
    void everyPhaseIsTheKernelAtThatPhase(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        SincInterpolator si = new SincInterpolator(64);
        float[] table = si.table(), buf = noise(rnd, 400, 1);
        double worst = 0;
        int upper = 0;
        for (int k = 0; k < 2_000; k++) {
            double f = k % 50 == 0 ? (k / 50 % 2 == 0 ? 0.5 : 0) : rnd.nextDouble(), x = 200 + f;
            if (f >= 0.5) upper++;
            double[] w = new double[64];
            double sum = 0, exact = 0, size = 0;
            for (int j = 0; j < 64; j++) sum += w[j] = design(f + 31 - j);
            for (int j = 0; j < 64; j++) { exact += buf[200 - 31 + j] * w[j] / sum; size += Math.abs(buf[200 - 31 + j] * w[j] / sum); }
            float got = VECTOR.frame(table, 64, SincInterpolator.PHASES, buf, x);
            assertThat(Float.floatToRawIntBits(SCALAR.frame(table, 64, SincInterpolator.PHASES, buf, x))).isEqualTo(Float.floatToRawIntBits(got));
            worst = Math.max(worst, Math.abs(got - exact) / size);
        }
        assertThat(upper).isGreaterThan(500);
        // linear between rows 1/1024 apart: |h''|/8P² ≈ 1e-6 of the peak weight, plus float rounding
        assertThat(worst).isLessThan(2e-6);
    }

    private static double design(double t) {
        double c = 0.4825, r = t / 32;
        if (Math.abs(r) >= 1) return Math.abs(r) == 1 ? 2 * c * Math.sin(Math.PI * 2 * c * t) / (Math.PI * 2 * c * t) / i0(13.5) : 0;
        double a = 2 * c * t, w = i0(13.5 * Math.sqrt(1 - r * r)) / i0(13.5);
        return 2 * c * (a == 0 ? 1 : Math.sin(Math.PI * a) / (Math.PI * a)) * w;
    }

    /** The modified Bessel function I0 by its power series Σ ((x/2)^k / k!)², summed here, not taken from the code under test. */
    private static double i0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 200 && term > 1e-17 * sum; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }

    private static float[] noise(SplittableRandom rnd, int n, double scale) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        return x;
    }
}
