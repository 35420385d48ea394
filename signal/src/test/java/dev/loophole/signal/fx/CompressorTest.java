package dev.loophole.signal.fx;

import static dev.loophole.signal.fx.Signals.*;
import dev.loophole.model.project.EffectKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CompressorTest {
    /** The textbook soft-knee curve, written out here: T threshold, R ratio, W knee width (all dB). */
    private static double staticCurve(double x, double t, double r, double w) {
        if (x <= t - w / 2) return x;
        if (x >= t + w / 2) return t + (x - t) / r;
        return x + (1 / r - 1) * Math.pow(x - t + w / 2, 2) / (2 * w);
    }

    @Test
    void steadySinesFollowTheStaticCurveThroughTheKnee() {
        for (double level : new double[] {-40, -26, -23, -20, -17, -14, -8, 0}) {
            Effect c = make(EffectKind.COMPRESSOR, "threshold", -20, "ratio", 4, "knee", 8, "attack", 1, "release", 300, "makeup", 3);
            double amp = Math.pow(10, level / 20);
            int n = RATE;
            float[] l = sine(1000, amp, n), r = sine(1000, amp, n);
            run(c, l, r);
            double gainDb = db(amplitude(l, n / 2, n, 1000) / amp);
            double expected = staticCurve(level, -20, 4, 8) - level + 3;
            assertThat(gainDb).as("at %s dB", level).isCloseTo(expected, within(0.15));
        }
    }

    /** Gain reduction in dB at every frame for a DC input that steps from −40 dB to 0 dB and back. */
    private static double[] reductionForSteps(double attackMs, double releaseMs, int up, int down, int n) {
        Effect c = make(EffectKind.COMPRESSOR, "threshold", -20, "ratio", 4, "knee", 0, "attack", attackMs, "release", releaseMs);
        float[] l = new float[n], r = new float[n];
        for (int i = 0; i < n; i++) l[i] = r[i] = i >= up && i < down ? 1f : 0.01f;
        float[] in = l.clone();
        run(c, l, r);
        double[] gr = new double[n];
        for (int i = 0; i < n; i++) gr[i] = -db(l[i] / in[i]);
        return gr;
    }

    @Test
    void attackAndReleaseHaveTheirTimeConstants() {
        int up = RATE / 10, down = up + RATE / 2, n = down + 2 * RATE;
        double[] gr = reductionForSteps(10, 200, up, down, n);
        double full = 20 - 20 / 4.0; // 0 dB in, threshold −20, ratio 4: 15 dB of reduction
        assertThat(gr[down - 1]).isCloseTo(full, within(1e-3));
        // Attack: the detector jumps to 15 dB, the attack stage closes in on it as 1 − e^(−t/τ).
        int t63 = up;
        while (gr[t63] < full * (1 - Math.exp(-1))) t63++;
        assertThat((t63 - up) * 1000.0 / RATE).isCloseTo(10, within(0.3));
        // Release: the peak detector decays with τR and the attack stage smooths that, two one-poles in series:
        // s(t) = full·(τR·e^(−t/τR) − τA·e^(−t/τA)) / (τR − τA). Solve s = full/e here, independently.
        double tauR = 0.2, tauA = 0.01, t = 0;
        while ((tauR * Math.exp(-t / tauR) - tauA * Math.exp(-t / tauA)) / (tauR - tauA) > Math.exp(-1)) t += 1e-6;
        int t37 = down;
        while (gr[t37] > full * Math.exp(-1)) t37++;
        assertThat((t37 - down) / (double) RATE).isCloseTo(t, within(0.004));
    }

    @Test
    void belowTheKneeNothingChanges() {
        Effect c = make(EffectKind.COMPRESSOR, "threshold", -10, "knee", 4);
        float[] l = sine(300, 0.1, 9600), r = sine(300, 0.1, 9600), x = sine(300, 0.1, 9600);
        run(c, l, r);
        assertThat(l).isEqualTo(x);
    }
}
