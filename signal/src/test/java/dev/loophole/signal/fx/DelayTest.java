package dev.loophole.signal.fx;

import static dev.loophole.signal.fx.Signals.*;
import dev.loophole.model.project.EffectKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DelayTest {
    @Test
    void echoesComeExactlyOnTimeAndEachRepeatIsFeedbackTimesTheLast() {
        Effect d = make(EffectKind.DELAY, "time", 12.5, "feedback", 60, "mix", 40, "damping", 20000);
        int n = 4000, lag = 600; // 12.5 ms at 48 kHz
        float[] l = new float[n], r = new float[n];
        l[0] = 1;
        r[7] = 1;
        run(d, l, r);
        for (int i = 0; i < n; i++) {
            double expected = i == 0 ? 0.6 : i % lag == 0 ? 0.4 * Math.pow(0.6, i / lag - 1) : 0;
            assertThat((double) l[i]).as("left frame %d", i).isCloseTo(expected, within(1e-6));
            double expR = i == 7 ? 0.6 : i > 7 && (i - 7) % lag == 0 ? 0.4 * Math.pow(0.6, (i - 7) / lag - 1) : 0;
            assertThat((double) r[i]).as("right frame %d", i).isCloseTo(expR, within(1e-6));
        }
    }

    @Test
    void pingPongCrossesTheRepeatsAndDampingDullsThem() {
        Effect d = make(EffectKind.DELAY, "time", 12.5, "feedback", 50, "mix", 100, "damping", 20000, "pingPong", 1);
        int n = 2000, lag = 600;
        float[] l = new float[n], r = new float[n];
        l[0] = 1;
        r[0] = 1;
        run(d, l, r);
        // The mono input (1) enters the left line: left at 600, right at 1200 (× 0.5), left again at 1800 (× 0.25).
        assertThat((double) l[lag]).isCloseTo(1, within(1e-6));
        assertThat((double) r[lag]).isZero();
        assertThat((double) r[2 * lag]).isCloseTo(0.5, within(1e-6));
        assertThat((double) l[2 * lag]).isZero();
        assertThat((double) l[3 * lag]).isCloseTo(0.25, within(1e-6));
        // With damping, each trip through the loop passes a one-pole low-pass: a repeat of a 10 kHz tone comes back weaker.
        Effect damped = make(EffectKind.DELAY, "time", 50, "feedback", 90, "mix", 100, "damping", 2000);
        int m = RATE / 2;
        float[] a = sine(10_000, 0.5, m), b = sine(10_000, 0.5, m);
        for (int i = 2400; i < m; i++) a[i] = b[i] = 0; // a 50 ms burst
        run(damped, a, b);
        // Measured inside each repeat (whole cycles), away from the filter's start-up transient.
        double first = amplitude(a, 3000, 4200, 10_000), second = amplitude(a, 5400, 6600, 10_000);
        double c = Math.exp(-2 * Math.PI * 2000 / RATE), lowPass = (1 - c) / Math.hypot(1 - c * Math.cos(2 * Math.PI * 10_000 / RATE), c * Math.sin(2 * Math.PI * 10_000 / RATE));
        assertThat(second / first).isCloseTo(0.9 * lowPass, within(0.02));
    }

    @Test
    void aNewTimeCrossfadesInsteadOfJumping() {
        Effect d = make(EffectKind.DELAY, "time", 100, "feedback", 0, "mix", 100);
        int n = RATE;
        float[] l = sine(200, 0.5, n), r = sine(200, 0.5, n);
        for (int at = 0; at < n; at += 256) {
            if (at == RATE / 2 - 128) d.set(0, 37);
            d.process(l, r, at, Math.min(n, at + 256));
        }
        // A 200 Hz sine of 0.5 moves at most 2π·200·0.5/48000 ≈ 0.013 per frame; a jump between taps would be up to 1.
        double worst = 0;
        for (int i = RATE / 4; i < n; i++) worst = Math.max(worst, Math.abs(l[i] - l[i - 1]));
        assertThat(worst).isLessThan(0.03);
    }
}
