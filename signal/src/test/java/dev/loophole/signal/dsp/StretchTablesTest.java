package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The quantised stretch tables: each row is the stretched kernel sampled at its phase (against the Kaiser-windowed sinc
 * computed here from its definition), DC passes exactly, a voice's table never stretches less than the voice, and the
 * vector and scalar direct kernels give the same bits on them.
 */
class StretchTablesTest {
    private static final int P = StretchTables.PHASES;

    /** The 64-tap design (SincInterpolator's class comment): h(t) = 2c·sinc(2ct)·I0(β√(1 − (t/H)²))/I0(β). */
    private static double h(double t) {
        double c = 0.4825, beta = 13.5, r = t / 32;
        if (Math.abs(r) >= 1) return 0;
        double w = SincInterpolator.besselI0(beta * Math.sqrt(1 - r * r)) / SincInterpolator.besselI0(beta);
        double a = 2 * c * t;
        return 2 * c * (a == 0 ? 1 : Math.sin(Math.PI * a) / (Math.PI * a)) * w;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 25, 32})
    void rowsAreTheStretchedKernelSampledAtTheirPhase(int j) {
        SincInterpolator si = new SincInterpolator(64);
        float[] t = si.stretchTable(j);
        int n = si.stretchTaps(j);
        double s = Math.pow(2, j / (double) StretchTables.STEPS);
        assertThat(n % 8).isZero();
        assertThat(n / 2.0).as("half-width covers the stretched support").isGreaterThanOrEqualTo(32 * s);
        assertThat(n).isLessThan((int) (64 * s) + 9);
        assertThat(t).hasSize((P + 1) * n);
        double worst = 0;
        for (int i : new int[] {0, 1, 137, P / 2 - 1, P / 2, P / 2 + 1, P / 2 + 57, P - 1, P}) {
            double[] row = new double[n];
            double sum = 0;
            for (int c = 0; c < n; c++) sum += row[c] = h(((double) i / P + n / 2 - 1 - c) / s);
            for (int c = 0; c < n; c++) worst = Math.max(worst, Math.abs(t[i * n + c] - row[c] / sum));
        }
        // the flat kernel is linear between entries 1/P apart: |h''|/8P² ≈ 1e-6 of the peak, plus float rounding
        assertThat(worst).as("stretch 2^(%d/32)", j).isLessThan(2e-6);
    }

    @Test
    void everyRowSumsToOneSoDcPassesExactly() {
        SincInterpolator si = new SincInterpolator(64).prepareStretches();
        for (int j = 1; j <= StretchTables.STEPS; j++) {
            float[] t = si.stretchTable(j);
            int n = si.stretchTaps(j);
            for (int i = 0; i <= P; i++) {
                double sum = 0;
                for (int c = 0; c < n; c++) sum += t[i * n + c];
                assertThat(sum).as("table %d row %d", j, i).isCloseTo(1, within(1e-6));
            }
        }
        float[] half = new float[1000];
        java.util.Arrays.fill(half, 0.5f);
        SplittableRandom rnd = new SplittableRandom(3);
        for (int k = 0; k < 5000; k++) {
            double ratio = 1 + rnd.nextDouble();
            assertThat(si.stretchIndex(ratio)).isPositive();
            assertThat((double) si.sample(half, 400 + rnd.nextDouble(), ratio)).isCloseTo(0.5, within(1e-6));
        }
    }

    @Test
    void aVoiceReadsTheSmallestTableThatStretchesAtLeastAsMuch() {
        SplittableRandom rnd = new SplittableRandom(15);
        for (int k = 0; k < 100_000; k++) {
            double s = switch (k % 3) {
                case 0 -> 1 + rnd.nextDouble();
                case 1 -> Math.pow(2, rnd.nextInt(1, 33) / 32.0); // on a table's own stretch
                default -> Math.nextUp(Math.pow(2, rnd.nextInt(0, 32) / 32.0)); // just past one
            };
            int j = StretchTables.index(s);
            assertThat(StretchTables.stretch(j)).as("s %s", s).isGreaterThanOrEqualTo(s);
            assertThat(Math.pow(2, (j - 1) / 32.0)).as("s %s", s).isLessThan(s);
        }
        assertThat(StretchTables.index(2)).isEqualTo(StretchTables.STEPS);
        assertThat(StretchTables.index(Math.nextUp(2.0))).isZero();
        assertThat(new SincInterpolator(64).stretchIndex(1.5)).as("not prepared: the stretched kernel").isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32, 64})
    void vectorAndScalarGiveTheSameBitsOnStretchTables(int taps) {
        SincKernels scalar = SincKernels.SCALAR, vector = new SincKernelsVector();
        SincInterpolator si = new SincInterpolator(taps).prepareStretches();
        SplittableRandom rnd = new SplittableRandom(taps);
        float[] l = new float[4000], r = new float[4000];
        for (int i = 0; i < l.length; i++) { l[i] = (float) rnd.nextDouble(-1, 1); r[i] = (float) rnd.nextDouble(-1, 1); }
        float[] outL = new float[1], outR = new float[1], vecL = new float[1], vecR = new float[1];
        for (int k = 0; k < 20_000; k++) {
            double x = 200 + rnd.nextDouble() * 3500, ratio = 1 + rnd.nextDouble();
            int j = si.stretchIndex(ratio), n = si.stretchTaps(j);
            float[] t = si.stretchTable(j);
            float s = scalar.frame(t, n, P, l, x);
            assertThat(Float.floatToRawIntBits(vector.frame(t, n, P, l, x))).isEqualTo(Float.floatToRawIntBits(s));
            assertThat(Float.floatToRawIntBits(si.sample(l, x, ratio))).isEqualTo(Float.floatToRawIntBits(s));
            scalar.frameStereo(t, n, P, l, r, x, outL, outR, 0);
            vector.frameStereo(t, n, P, l, r, x, vecL, vecR, 0);
            assertThat(Float.floatToRawIntBits(vecL[0])).isEqualTo(Float.floatToRawIntBits(outL[0])).isEqualTo(Float.floatToRawIntBits(s));
            assertThat(Float.floatToRawIntBits(vecR[0])).isEqualTo(Float.floatToRawIntBits(outR[0]));
            si.sample(l, r, x, ratio, vecL, vecR, 0);
            assertThat(Float.floatToRawIntBits(vecL[0])).isEqualTo(Float.floatToRawIntBits(outL[0]));
            assertThat(Float.floatToRawIntBits(vecR[0])).isEqualTo(Float.floatToRawIntBits(outR[0]));
        }
    }
}
