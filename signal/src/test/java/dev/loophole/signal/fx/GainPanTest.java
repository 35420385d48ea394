package dev.loophole.signal.fx;

import static dev.loophole.signal.fx.Signals.*;
import dev.loophole.model.project.EffectKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GainPanTest {
    @ParameterizedTest
    @CsvSource({"0,0", "-6,0", "6,-1", "-12,1", "0,-0.5", "3,0.25"})
    void gainAndPanLawAreExact(double gainDb, double pan) {
        Effect fx = make(EffectKind.GAIN_PAN, "gain", gainDb, "pan", pan);
        float[] l = new float[1024], r = new float[1024];
        java.util.Arrays.fill(l, 0.25f);
        java.util.Arrays.fill(r, 0.25f);
        run(fx, l, r);
        // −3 dB constant-power law, unity at centre: L ∝ cos, R ∝ sin of (pan + 1)·45°, and L² + R² constant.
        double theta = (pan + 1) * Math.PI / 4, g = Math.pow(10, gainDb / 20);
        assertThat(l[1000] / 0.25).isCloseTo(g * Math.sqrt(2) * Math.cos(theta), within(1e-6));
        assertThat(r[1000] / 0.25).isCloseTo(g * Math.sqrt(2) * Math.sin(theta), within(1e-6));
        assertThat((l[1000] * l[1000] + r[1000] * r[1000]) / (2 * 0.0625)).isCloseTo(g * g, within(1e-5));
    }

    @Test
    void aGainChangeRampsWithoutAStep() {
        Effect fx = make(EffectKind.GAIN_PAN);
        float[] l = new float[4800], r = new float[4800];
        java.util.Arrays.fill(l, 1f);
        java.util.Arrays.fill(r, 1f);
        fx.process(l, r, 0, 100);
        fx.set(0, -20);
        fx.process(l, r, 100, 4800);
        double biggestStep = 0;
        for (int i = 1; i < 4800; i++) biggestStep = Math.max(biggestStep, Math.abs(l[i] - l[i - 1]));
        // 0 dB → −20 dB is a drop of 0.9; over the 20 ms ramp (960 frames) each frame moves 0.9/960.
        assertThat(biggestStep).isLessThan(0.9 / 960 * 1.01);
        assertThat(l[4799]).isCloseTo(0.1f, within(1e-6f));
    }

    /**
     * A new target midway through a glide: −20 dB, 300 frames later 0 dB. The stated ramp — linear in gain over 20 ms (960
     * frames at 48 kHz) from wherever the gain is — gives the expected curve: 1 − 0.9·j/960 for 300 frames (0.71875
     * reached), then from there straight up to 1 in 960 frames, reached at frame 1,260. So no step where the target
     * changes (|Δ| within each ramp's slope, |Δ²| within 2 × the larger) and the second glide not restarted from 0 dB
     * or from −20 dB.
     */
    @Test
    void aTargetChangedMidGlideRestartsFromTheCurrentGain() {
        int ramp = RATE / 50, turn = 300, n = 3_000;
        Effect fx = make(EffectKind.GAIN_PAN);
        float[] l = new float[n], r = new float[n];
        java.util.Arrays.fill(l, 1f);
        java.util.Arrays.fill(r, 1f);
        fx.set(0, -20);
        fx.process(l, r, 0, turn);
        fx.set(0, 0);
        fx.process(l, r, turn, n);
        double down = (0.1 - 1) / ramp, at = 1 + turn * down, up = (1 - at) / ramp;
        for (int j = 0; j < n; j++) {
            double want = j < turn ? 1 + j * down : j < turn + ramp ? at + (j - turn) * up : 1;
            assertThat((double) l[j]).as("frame %d", j).isCloseTo(want, within(1e-6));
        }
        double slope = Math.abs(down), worst1 = 0, worst2 = 0;
        for (int j = 1; j < n; j++) worst1 = Math.max(worst1, Math.abs(l[j] - l[j - 1]));
        for (int j = 1; j < n - 1; j++) worst2 = Math.max(worst2, Math.abs(l[j + 1] - 2 * l[j] + l[j - 1]));
        assertThat(worst1).as("largest per-frame change").isLessThan(slope * 1.001);
        assertThat(worst2).as("largest second difference (the turn: %.3g)", up - down).isLessThan(2 * slope);
        assertThat((double) l[turn + ramp - 1]).as("one frame short of the target").isCloseTo(1 - up, within(1e-6));
        assertThat((double) l[turn + ramp]).as("the target, reached %d frames after it was set", ramp).isCloseTo(1, within(1e-7));
    }
}
