package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.Amp;
import dev.loophole.model.Filter;
import dev.loophole.model.Modulation;
import dev.loophole.model.Tuning;
import dev.loophole.model.midi.MidiEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * No zipper noise: a fast controller sweep on volume, on cutoff and on the channel volume leaves no
 * step in the output. The measure is the second difference y[n+1] − 2y[n] + y[n−1]: for a sine of
 * amplitude A at f it never exceeds A(2πf/fs)², while a step of δ in level or filter state puts a
 * spike of about δ·A into it. The bound is twice the sine's own figure at the output's largest level.
 */
class ZipperNoiseTest {
    static final double TONE = 1000;

    /** A 1 kHz sine through the region, with the controller swept 0 → 127 → 0 in 16-value jumps every 600 frames. */
    private static float[] sweep(int controller, java.util.function.Consumer<dev.loophole.model.SampleRegion.Builder> setup) {
        Fixtures f = new Fixtures().sample("s", Fixtures.sine(TONE, 96_000, 0.5)).region("s", b -> {
            b.tuning = new Tuning(60, 0, 0, 0, 0, 200, -200);
            b.amp = new Amp(0, 100, 0, 100, 0, 0, 60, 0, 0, 0);
            setup.accept(b);
        });
        List<MidiEvent> ev = new ArrayList<>(Fixtures.events(0, 0x90, 60, 100));
        int t = 4_800, order = 10;
        for (int pass = 0; pass < 4; pass++) {
            for (int v = 0; v <= 128; v += 16) {
                int value = Math.min(127, pass % 2 == 0 ? v : 128 - v);
                ev.add(new MidiEvent(t, 0xB0, controller, value, 0, order++));
                t += 600;
            }
        }
        return f.render(f.instrument(1), ev, 48_000)[0];
    }

    static double maxSecondDifference(float[] y, int from, int to) {
        double m = 0;
        for (int n = from + 1; n < to - 1; n++) m = Math.max(m, Math.abs(y[n + 1] - 2 * y[n] + y[n - 1]));
        return m;
    }

    static double peak(float[] y, int from, int to) {
        double m = 0;
        for (int n = from; n < to; n++) m = Math.max(m, Math.abs(y[n]));
        return m;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"volume_oncc1, 1", "cutoff_oncc1, 1", "channel volume (CC 7), 7", "amplitude_oncc1, 1", "pan_oncc1, 1"})
    void aControllerSweepLeavesNoStepInTheOutput(String what, int controller) {
        float[] y = sweep(controller, b -> {
            switch (what) {
                case "volume_oncc1" -> b.modulation.add(Modulation.of("cc1", "volume", -30));
                case "amplitude_oncc1" -> b.modulation.add(Modulation.of("cc1", "amplitude", -90));
                case "pan_oncc1" -> b.modulation.add(Modulation.of("cc1", "pan", 100));
                case "cutoff_oncc1" -> {
                    b.filters.add(new Filter("lpf_2p", 300, 6, 0, 60, 0, 0));
                    b.modulation.add(Modulation.of("cc1", "cutoff", 4800));
                }
                default -> { }
            }
        });
        double bound = 2 * peak(y, 4_800, 40_000) * Math.pow(2 * Math.PI * TONE / Fixtures.RATE, 2);
        assertThat(maxSecondDifference(y, 4_800, 40_000)).as(what).isLessThan(bound);
        // the sweep moved the output by more than 10 dB: a step in it would have shown
        double lo = Double.MAX_VALUE, hi = 0;
        for (int w = 4_800; w + 600 <= 40_000; w += 600) { double p = peak(y, w, w + 600); lo = Math.min(lo, p); hi = Math.max(hi, p); }
        assertThat(20 * Math.log10(hi / lo)).as(what).isGreaterThan(10);
    }

    @org.junit.jupiter.api.Test
    void aHardStepInLevelBreaksTheBound() {
        // the same measure on a sine whose level jumps by 40 %: proof that the bound can fail
        float[] y = Fixtures.sine(TONE, 20_000, 0.5);
        for (int n = 10_000; n < y.length; n++) y[n] *= 0.6f;
        double bound = 2 * 0.5 * Math.pow(2 * Math.PI * TONE / Fixtures.RATE, 2);
        assertThat(maxSecondDifference(y, 100, 19_900)).isGreaterThan(5 * bound);
    }
}
