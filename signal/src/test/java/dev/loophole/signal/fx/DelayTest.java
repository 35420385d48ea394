package dev.loophole.signal.fx;

import static dev.loophole.signal.fx.Signals.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DelayTest {
    @Test
    void echoesComeExactlyOnTimeAndEachRepeatIsFeedbackTimesTheLast() {
        Effect d = make(EffectKind.DELAY, "time", 12.5, "feedback", 0.6, "mix", 0.4);
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
    void aNewTimeCrossfadesInsteadOfJumping() {
        Effect d = make(EffectKind.DELAY, "time", 100, "feedback", 0, "mix", 1);
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
