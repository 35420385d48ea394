package dev.loophole.signal.fx;

import static dev.loophole.signal.fx.Signals.*;
import dev.loophole.model.project.EffectKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ReverbTest {
    private static float[][] impulseResponse(double decay, double damping, int frames) {
        Effect rv = make(EffectKind.REVERB, "decay", decay, "damping", damping * 100, "preDelay", 0, "mix", 100);
        float[] l = new float[frames], r = new float[frames];
        l[0] = r[0] = 1;
        run(rv, l, r);
        return new float[][] {l, r};
    }

    /** RT60 by Schroeder's backward integration: the slope of the energy decay curve from −5 to −35 dB, extrapolated to 60 dB. */
    private static double rt60(float[][] ir) {
        int n = ir[0].length;
        double[] edc = new double[n];
        double acc = 0;
        for (int i = n - 1; i >= 0; i--) { acc += ir[0][i] * ir[0][i] + ir[1][i] * ir[1][i]; edc[i] = acc; }
        double total = edc[0];
        // Least squares line through the EDC in dB between −5 and −35 dB.
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            double y = 10 * Math.log10(edc[i] / total);
            if (y > -5 || y < -35) continue;
            double x = i / (double) RATE;
            sx += x; sy += y; sxx += x * x; sxy += x * y; count++;
        }
        double slope = (count * sxy - sx * sy) / (count * sxx - sx * sx);
        return -60 / slope;
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.6, 1.5, 4})
    void theMeasuredDecayTimeIsTheSetOne(double decay) {
        float[][] ir = impulseResponse(decay, 0, (int) (RATE * decay * 1.2));
        assertThat(rt60(ir)).isCloseTo(decay, within(decay * 0.08));
    }

    @Test
    void dampingShortensTheHighsNotTheLows() {
        float[][] ir = impulseResponse(2, 0.8, RATE * 2);
        // Broadband energy now dies faster than the set time; low frequencies still ring.
        assertThat(rt60(ir)).isLessThan(2 * 0.9);
        double low = amplitude(ir[0], RATE / 2, RATE, 0) + amplitude(ir[0], RATE / 2, RATE, 100);
        assertThat(low).isGreaterThan(0);
    }

    @Test
    void zeroWidthIsMono() {
        Effect rv = make(EffectKind.REVERB, "width", 0, "mix", 100);
        float[] l = new float[RATE / 4], r = new float[RATE / 4];
        l[0] = 1;
        run(rv, l, r);
        assertThat(r).isEqualTo(l);
    }

    @Test
    void leftAndRightAreDecorrelated() {
        float[][] ir = impulseResponse(2, 0.3, RATE);
        double lr = 0, ll = 0, rr = 0;
        for (int i = RATE / 20; i < RATE; i++) { lr += ir[0][i] * ir[1][i]; ll += ir[0][i] * ir[0][i]; rr += ir[1][i] * ir[1][i]; }
        assertThat(Math.abs(lr / Math.sqrt(ll * rr))).isLessThan(0.2);
        assertThat(ll).isGreaterThan(0.01);
    }

    @Test
    void aTailDiesToExactZeroWithNoDenormals() {
        float[][] ir = impulseResponse(0.5, 0.5, RATE * 30);
        for (float[] ch : ir)
            for (int i = 0; i < ch.length; i++)
                assertThat(ch[i] == 0 || Math.abs(ch[i]) >= Float.MIN_NORMAL).as("frame %d is not denormal", i).isTrue();
        // 30 s is 60 decay times: 3,600 dB below the impulse. What is left is exactly nothing.
        assertThat(peak(ir[0], RATE * 29, RATE * 30)).isZero();
        assertThat(peak(ir[1], RATE * 29, RATE * 30)).isZero();
    }
}
