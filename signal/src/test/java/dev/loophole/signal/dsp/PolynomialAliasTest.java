package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The alias and image floor of the cheap interpolators (nearest, linear, cubic Hermite), measured like
 * the sinc's in {@link SincInterpolatorTest#aliasFloorDb}: 48 tones up to 0.45·fs, resampled, every
 * spur below 20 kHz relative to one tone. They are the live defaults, so their figures go in
 * BENCHMARKS.md beside the sinc's; the test pins their size against the 64-tap sinc's.
 */
class PolynomialAliasTest {
    static final double FS = SincInterpolatorTest.FS;
    static final int N = SincInterpolatorTest.N;

    interface Kernel { float at(float[] x, int i, float f); }

    static final Kernel NEAREST = (x, i, f) -> f < 0.5f ? x[i] : x[i + 1];
    static final Kernel LINEAR = (x, i, f) -> Interpolation.linear(x[i], x[i + 1], f);
    static final Kernel CUBIC = (x, i, f) -> Interpolation.hermite(x[i - 1], x[i], x[i + 1], x[i + 2], f);

    static double floorDb(Kernel k, double semitones) {
        double ratio = Math.pow(2, semitones / 12);
        int tones = 48;
        double amp = 0.9 / tones;
        double[] fin = new double[tones];
        long[] bins = new long[tones];
        boolean[] signal = new boolean[N / 2 + 1];
        for (int t = 0; t < tones; t++) {
            double f = 30.0 / FS * Math.pow(0.45 * FS / 30, t / (tones - 1.0));
            bins[t] = Math.max(1, Math.round(f * ratio * N));
            fin[t] = bins[t] / (ratio * N);
            if (bins[t] <= N / 2)
                for (long d = -3; d <= 3; d++) if (bins[t] + d >= 0 && bins[t] + d <= N / 2) signal[(int) (bins[t] + d)] = true;
        }
        int len = (int) Math.ceil(N * ratio) + 8;
        float[] buf = new float[len];
        for (int i = 0; i < len; i++) {
            double v = 0;
            for (int t = 0; t < tones; t++) v += amp * Math.sin(2 * Math.PI * fin[t] * i + t * 0.7);
            buf[i] = (float) v;
        }
        float[] y = new float[N];
        for (int n = 0; n < N; n++) {
            double p = 2 + n * ratio;
            int i = (int) p;
            y[n] = k.at(buf, i, (float) (p - i));
        }
        double[] w = Spectrum.blackmanHarris(N);
        double[] mag = Spectrum.magnitude(y, N, w);
        double coherent = 0;
        for (double v : w) coherent += v;
        double toneMag = amp * coherent / 2;
        int top = (int) Math.floor(20_000 / FS * N);
        double worst = 0;
        for (int b = 4; b <= top; b++) if (!signal[b]) worst = Math.max(worst, mag[b]);
        return Spectrum.db(worst / toneMag);
    }

    @Test
    void withFullBandMaterialNoPolynomialKernelIsTransparentAndTheSincIsNinetyDecibelsBetter() {
        double[][] f = new double[3][3]; // [semitone case][nearest, linear, cubic]
        double[] cases = {7, -7, -12};
        Kernel[] kernels = {NEAREST, LINEAR, CUBIC};
        String[] names = {"nearest", "linear", "cubic"};
        for (int c = 0; c < 3; c++)
            for (int k = 0; k < 3; k++) {
                f[c][k] = floorDb(kernels[k], cases[c]);
                SincInterpolatorTest.record("alias floor dB, " + cases[c] + " st, " + names[k], f[c][k]);
            }
        // With material right up to 0.45·fs none of them is transparent: the images of the top octave
        // (pitched down) and its fold-back (pitched up) stay within about 10 dB of a tone. That is the
        // price of the live defaults, and why the sinc (cut-off following the ratio) is the offline one.
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 3; k++) assertThat(f[c][k]).as("%s at %s", names[k], cases[c]).isBetween(-12.0, 0.0);
            assertThat(SincInterpolatorTest.aliasFloorDb(64, cases[c])).as("sinc64 at %s", cases[c]).isLessThan(f[c][2] - 90);
        }
    }

    @AfterAll
    static void report() { SincInterpolatorTest.report(); }
}
