package dev.loophole.signal.fx;

import static dev.loophole.signal.fx.Signals.*;
import dev.loophole.model.project.EffectKind;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChorusTest {
    @Test
    void theDelayMovesByTheSetDepthAtTheSetRate() {
        Effect ch = make(EffectKind.CHORUS, "rate", 2, "depth", 3, "delay", 12, "mix", 100);
        int n = RATE;
        // A ramp read through a linearly interpolated delay line comes out exactly as the ramp at (n − delay):
        // the delay at every frame can be read back from the output.
        float[] l = new float[n], r = new float[n];
        for (int i = 0; i < n; i++) l[i] = r[i] = i / 65536f;
        run(ch, l, r);
        double worstL = 0, worstR = 0, minD = 1e9, maxD = -1e9;
        for (int i = 2400; i < n; i++) {
            double dl = i - l[i] * 65536.0, dr = i - r[i] * 65536.0;
            double phase = 2 * Math.PI * 2 * i / RATE;
            worstL = Math.max(worstL, Math.abs(dl - (576 + 144 * Math.sin(phase)))); // 12 ms ± 3 ms in frames
            worstR = Math.max(worstR, Math.abs(dr - (576 + 144 * Math.cos(phase)))); // right: a quarter cycle on
            minD = Math.min(minD, dl);
            maxD = Math.max(maxD, dl);
        }
        assertThat(worstL).isLessThan(0.05);
        assertThat(worstR).isLessThan(0.05);
        assertThat(maxD - minD).isBetween(287.9, 288.1);
    }
}
