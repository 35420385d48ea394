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
    interface Kernel { float at(float[] x, int i, float f); }

    static final Kernel NEAREST = (x, i, f) -> f < 0.5f ? x[i] : x[i + 1];
    static final Kernel LINEAR = (x, i, f) -> Interpolation.linear(x[i], x[i + 1], f);
    static final Kernel CUBIC = (x, i, f) -> Interpolation.hermite(x[i - 1], x[i], x[i + 1], x[i + 2], f);

    static double floorDb(Kernel k, double semitones) {
        return SincInterpolatorTest.aliasFloorDb(ratio -> 2, (buf, at, ratio, y) -> {
            for (int n = 0; n < y.length; n++) {
                double p = at + n * ratio;
                int i = (int) p;
                y[n] = k.at(buf, i, (float) (p - i));
            }
        }, semitones);
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
