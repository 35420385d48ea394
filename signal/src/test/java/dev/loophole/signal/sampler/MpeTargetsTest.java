package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.MpeFixtures.LEFT_KEY;
import static dev.loophole.signal.sampler.MpeFixtures.RIGHT_KEY;
import static dev.loophole.signal.sampler.MpeFixtures.hz;
import static dev.loophole.signal.sampler.MpeFixtures.rmsDb;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.ExpressionMapping;
import dev.loophole.model.ExpressionMapping.Route;
import dev.loophole.model.ExpressionMapping.Target;
import dev.loophole.signal.sampler.MpeFixtures.Stream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Expression targets beyond the default table, polyphonic aftertouch, and glides without zipper noise. */
class MpeTargetsTest {
    static final int S = MpeFixtures.RATE;

    @Test
    void polyAftertouchOutsideMpeSwellsOnlyItsKey() {
        Stream s = new Stream().on(0, 0, LEFT_KEY, 100).on(0, 0, RIGHT_KEY, 100).msg(S / 2, 0xA0, LEFT_KEY, 127);
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(false), s, S);
        assertThat(rmsDb(out[0], S * 3 / 4, S) - rmsDb(out[0], 4800, S / 2)).isCloseTo(6.0, within(0.05));
        assertThat(rmsDb(out[1], S * 3 / 4, S) - rmsDb(out[1], 4800, S / 2)).isCloseTo(0.0, within(0.01));
    }

    @Test
    void aNotesOwnPressureIsWhatTheMatrixsAftertouchSourceReadsForIt() {
        // no expression mapping: only the region's amplitude_oncc129=100 (amplitude 0) makes the pressure heard
        float[] tone = Fixtures.sine(440, S, 0.25);
        Fixtures f = new Fixtures().sample("t", tone).region("t", b -> {
            b.amp = new dev.loophole.model.Amp(0, 0, 0, 100, 0, 0, 60, 0, 0, 0);
            b.modulation.add(dev.loophole.model.Modulation.of("cc129", "amplitude", 100));
        });
        SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(f.provider(), S)
                .compile(f.program().withExpression(new ExpressionMapping(List.of()))), S, 64, 1);
        Stream s = new Stream().mcm(0, 0, 15).pressure(0, 1, 127).pressure(0, 2, 32)
                .on(10, 1, LEFT_KEY, 100).on(10, 2, RIGHT_KEY, 100);
        float[][] both = MpeFixtures.render(inst, s, S / 2);
        // each member channel's note alone: its level is its own pressure
        for (int[] c : new int[][]{{1, 127}, {2, 32}}) {
            SamplerInstrument one = new SamplerInstrument(new PatchCompiler(f.provider(), S)
                    .compile(f.program().withExpression(new ExpressionMapping(List.of()))), S, 64, 1);
            Stream alone = new Stream().mcm(0, 0, 15).pressure(0, c[0], c[1]).on(10, c[0], c[0] == 1 ? LEFT_KEY : RIGHT_KEY, 100);
            float[][] out = MpeFixtures.render(one, alone, S / 2);
            assertThat(rmsDb(out[0], 4800, S / 2) - 20 * Math.log10(0.25 / Math.sqrt(2))).as("channel %d", c[0])
                    // MIDI 2.0 min-centre-max scaling, from the spec: 127 is full scale, 32 (below the centre 64) is 32/128 = ¼
                    .isCloseTo(20 * Math.log10(c[1] == 127 ? 1.0 : c[1] / 128.0), within(0.01));
        }
        assertThat(rmsDb(both[0], 4800, S / 2)).isGreaterThan(-100);
    }

    @Test
    void anSfzCcTargetIsTheNotesOwnControllerValue() {
        // Pressure drives each note's own CC 7 (MIDI volume, (v/127)² in the sampler): SFZ code that reads CC 7 sees it per note.
        ExpressionMapping m = new ExpressionMapping(List.of(
                new Route(ExpressionDimension.PRESSURE, -1, Target.SFZ_CC, 7, 0, 1, ExpressionMapping.Shape.LINEAR, 0, false)));
        Stream s = new Stream().mcm(0, 0, 15).pressure(0, 1, 127).pressure(0, 2, 64)
                .on(10, 1, LEFT_KEY, 100).on(10, 2, RIGHT_KEY, 100);
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(false, m), s, S / 2);
        double expected = 40 * Math.log10(64 / 127.0);
        assertThat(rmsDb(out[1], 4800, S / 2) - rmsDb(out[0], 4800, S / 2)).isCloseTo(expected, within(0.1));
    }

    @Test
    void aPitchToCutoffRouteMovesTheFilterNotThePitch() {
        ExpressionMapping m = new ExpressionMapping(List.of(new Route(ExpressionDimension.PITCH, Target.CUTOFF, -1200, 1200, 0)));
        Stream s = new Stream().mcm(0, 0, 15).on(0, 1, LEFT_KEY, 100).bend(S / 2, 1, MpeFixtures.bendFor(2, 48));
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(true, m), s, S);
        double fund = 20 * Math.log10(MpeFixtures.toneAmplitude(out[0], S / 2 + 2400, S, hz(LEFT_KEY))
                / MpeFixtures.toneAmplitude(out[0], 4800, S / 2, hz(LEFT_KEY)));
        assertThat(fund).as("the fundamental stays where it was").isCloseTo(0, within(0.5));
        double hi = 8 * hz(LEFT_KEY);
        double gain = 20 * Math.log10(MpeFixtures.toneAmplitude(out[0], S / 2 + 2400, S, hi) / MpeFixtures.toneAmplitude(out[0], 4800, S / 2, hi));
        assertThat(gain).as("cutoff up two octaves").isGreaterThan(15);
    }

    /**
     * A full-scale pressure jump in one message must not click (default mapping: +6 dB, 10 ms glide):
     * the waveform's curvature stays that of a sine at the final level, at every seeded jump time.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 7, 31, 100})
    void aPressureJumpRampsWithoutAClick(int offset) {
        Stream s = new Stream().mcm(0, 0, 15).on(0, 1, LEFT_KEY, 100).pressure(S / 2 + offset, 1, 127);
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(false), s, S);
        double peakAfter = 0;
        for (int i = S * 3 / 4; i < S; i++) peakAfter = Math.max(peakAfter, Math.abs(out[0][i]));
        double w = 2 * Math.PI * hz(LEFT_KEY) / S, bound = peakAfter * w * w;
        double worst = 0;
        for (int i = S / 2 - 100; i < S / 2 + 4800; i++) worst = Math.max(worst, Math.abs(out[0][i + 1] - 2 * out[0][i] + out[0][i - 1]));
        assertThat(worst / bound).as("largest second difference over a sine's at the final level").isLessThan(1.05);
    }
}
