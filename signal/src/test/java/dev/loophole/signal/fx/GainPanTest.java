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
}
