package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Amp;
import dev.loophole.model.Curve;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.FlexEnvelope;
import dev.loophole.model.Lfo;
import dev.loophole.model.Modulation;
import dev.loophole.model.Tuning;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The modulation matrix as heard on the output: levels in dB, pitches in cents, envelope frames. */
class ModulationMatrixTest {
    static final Amp FLAT = new Amp(0, 100, 0, 100, 0, 0, 60, 0, 0, 0); // velocity ignored
    static final Tuning FIXED = new Tuning(60, 0, 0, 0, 0, 200, -200);  // every key plays the sample's pitch

    static double db(double x) { return 20 * Math.log10(x); }

    /** A region over a constant 0.5 sample, level-tested at one frame after a CC set before the note. */
    private static double levelWithCc(int cc1, Modulation m, Amp amp, java.util.Map<Integer, Curve> curves) {
        Fixtures f = new Fixtures().sample("dc", Fixtures.constant(0.5f, 20_000)).region("dc", b -> {
            b.amp = amp;
            b.modulation.add(m);
        });
        f.curves.putAll(curves);
        float[][] out = f.render(f.instrument(1), events(0, 0xB0, 1, cc1, 0, 0x90, 60, 100), 10_000);
        return out[0][5_000] / 0.5;
    }

    @ParameterizedTest
    @CsvSource({"127, -20", "64, -20", "0, -20", "100, 6"})
    void volumeFollowsItsControllerInDecibels(int value, double depth) {
        double gain = levelWithCc(value, Modulation.of("cc1", "volume", depth), FLAT, java.util.Map.of());
        assertThat(db(gain)).isCloseTo(depth * value / 127.0, within(0.01));
    }

    @Test
    void amplitudeControllersAddPercentToTheRegionsAmplitude() {
        Amp silent = new Amp(0, 0, 0, 100, 0, 0, 60, 0, 0, 0);
        assertThat(levelWithCc(64, Modulation.of("cc1", "amplitude", 100), silent, java.util.Map.of())).isCloseTo(64 / 127.0, within(1e-5));
        assertThat(levelWithCc(0, Modulation.of("cc1", "amplitude", 100), silent, java.util.Map.of())).isEqualTo(0.0);
        Amp half = new Amp(0, 50, 0, 100, 0, 0, 60, 0, 0, 0);
        assertThat(levelWithCc(127, Modulation.of("cc1", "amplitude", -25), half, java.util.Map.of())).isCloseTo(0.25, within(1e-5));
    }

    @Test
    void routingsReadTheirControllerThroughBuiltInAndProgramCurves() {
        // built-in curve 4 is x²
        double g4 = levelWithCc(64, new Modulation("cc1", "volume", -20, 4, 0), FLAT, java.util.Map.of());
        assertThat(db(g4)).isCloseTo(-20 * Math.pow(64 / 127.0, 2), within(0.01));
        // a program's <curve> 9: x³
        List<Double> cube = IntStream.range(0, 128).mapToObj(v -> Math.pow(v / 127.0, 3)).toList();
        double g9 = levelWithCc(64, new Modulation("cc1", "volume", -20, 9, 0), FLAT, java.util.Map.of(9, new Curve(9, cube)));
        assertThat(db(g9)).isCloseTo(-20 * Math.pow(64 / 127.0, 3), within(0.01));
        // curve 2 is the inverted line
        double g2 = levelWithCc(127, new Modulation("cc1", "volume", -20, 2, 0), FLAT, java.util.Map.of());
        assertThat(db(g2)).isCloseTo(0, within(0.01));
    }

    @Test
    void twoProgramsCurvesOfOneIndexEachReadTheirOwn() {
        // curve 9 is x³ in one program and √x in another; compiled in turns, each keeps its own shape
        List<Double> cube = IntStream.range(0, 128).mapToObj(v -> Math.pow(v / 127.0, 3)).toList();
        List<Double> root = IntStream.range(0, 128).mapToObj(v -> Math.sqrt(v / 127.0)).toList();
        java.util.Map<Integer, Curve> a = java.util.Map.of(9, new Curve(9, cube)), b = java.util.Map.of(9, new Curve(9, root));
        Modulation m = new Modulation("cc1", "volume", -20, 9, 0);
        for (int turn = 0; turn < 2; turn++) {
            assertThat(db(levelWithCc(64, m, FLAT, a))).isCloseTo(-20 * Math.pow(64 / 127.0, 3), within(0.01));
            assertThat(db(levelWithCc(64, m, FLAT, b))).isCloseTo(-20 * Math.sqrt(64 / 127.0), within(0.01));
        }
    }

    @Test
    void smoothingFollowsAOnePoleOfTheRoutingsTimeConstant() {
        Fixtures f = new Fixtures().sample("dc", Fixtures.constant(0.5f, 60_000)).region("dc", b -> {
            b.amp = FLAT;
            b.modulation.add(new Modulation("cc1", "volume", -40, 0, 100, 0)); // 100 ms
        });
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, 100, 24_000, 0xB0, 1, 127), 40_000);
        assertThat(out[0][23_000]).isCloseTo(0.5f, within(1e-6f));
        // one time constant after the jump the routing has moved 1 − 1/e of the way, within a chunk either side
        double v = db(out[0][24_000 + 4_800] / 0.5) / -40;
        assertThat(v).isBetween(1 - Math.exp(-(4_800 - 64) / 4_800.0), 1 - Math.exp(-(4_800 + 64) / 4_800.0));
        assertThat(db(out[0][39_000] / 0.5)).isCloseTo(-40 * (1 - Math.exp(-15_000 / 4_800.0)), within(0.15));
    }

    @Test
    void steppedRoutingsMoveInWholeSteps() {
        double g = levelWithCc(50, new Modulation("cc1", "volume", -24, 0, 0, 6), FLAT, java.util.Map.of());
        assertThat(db(g)).isCloseTo(-6 * Math.round(-24 * 50 / 127.0 / -6), within(0.01)); // −9.45 dB → −12 dB
    }

    @Test
    void extendedControllersAreSources() {
        // cc131 note-on velocity: −20 dB at velocity 127, half of it at 64
        Fixtures f = new Fixtures().sample("dc", Fixtures.constant(0.5f, 20_000)).region("dc", b -> {
            b.amp = FLAT;
            b.modulation.add(Modulation.of("cc131", "volume", -20));
        });
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, 64), 5_000);
        assertThat(db(out[0][2_000] / 0.5)).isCloseTo(-20 * 64 / 127.0, within(0.01));
        // cc137 alternate: every other note goes hard left, the others hard right (pan −100 + 200 × alternate)
        Fixtures alt = new Fixtures().sample("dc", Fixtures.constant(0.5f, 20_000)).region("dc", b -> {
            b.amp = new Amp(0, 100, -100, 100, 0, 0, 60, 0, 0, 0);
            b.modulation.add(Modulation.of("cc137", "pan", 200));
        });
        float[][] a = alt.render(alt.instrument(1), events(0, 0x90, 60, 100, 8_000, 0x80, 60, 0, 10_000, 0x90, 62, 100), 15_000);
        assertThat(a[1][5_000]).isCloseTo(0f, within(1e-6f));   // first note: left only
        assertThat(a[0][5_000]).isGreaterThan(0.6f);
        assertThat(a[0][12_000]).isCloseTo(0f, within(1e-6f));  // second: right only
        assertThat(a[1][12_000]).isGreaterThan(0.6f);
    }

    /**
     * A matrix of plain controller routings keeps its sums through the chunks where nothing moved; each move
     * while the note holds (a CC, the channel's pressure) must still reach the level, and a move on another
     * channel must not.
     */
    @Test
    void controllersMovedWhileANoteHoldsMoveItsLevel() {
        Fixtures f = new Fixtures().sample("dc", Fixtures.constant(0.5f, 60_000)).region("dc", b -> {
            b.amp = FLAT;
            b.modulation.add(Modulation.of("cc1", "volume", -20));
            b.modulation.add(Modulation.of("cc129", "volume", -10)); // channel aftertouch
        });
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, 100, 10_000, 0xB0, 1, 127, 20_000, 0xB0, 1, 64,
                25_000, 0xB1, 1, 0, 30_000, 0xD0, 100, 0, 35_000, 0xD1, 0, 0), 40_000);
        assertThat(db(out[0][9_000] / 0.5)).isCloseTo(0, within(0.01));
        assertThat(db(out[0][15_000] / 0.5)).isCloseTo(-20, within(0.01));
        assertThat(db(out[0][24_000] / 0.5)).isCloseTo(-20 * 64 / 127.0, within(0.01));
        assertThat(db(out[0][29_000] / 0.5)).as("a CC on channel 2").isCloseTo(-20 * 64 / 127.0, within(0.01));
        assertThat(db(out[0][39_000] / 0.5)).isCloseTo(-20 * 64 / 127.0 - 10 * 100 / 127.0, within(0.01));
    }

    /** A 440 Hz sine long enough for a second of pitch measurements. */
    private static Fixtures sineRegion(java.util.function.Consumer<dev.loophole.model.SampleRegion.Builder> setup) {
        return new Fixtures().sample("s", Fixtures.sine(440, 96_000, 0.5)).region("s", b -> { b.tuning = FIXED; setup.accept(b); });
    }

    private static double cents(double hz) { return 1200 * Math.log(hz / 440) / Math.log(2); }

    @Test
    void aSquareLfoOnPitchWhoseDepthAControllerSetsBendsByThatDepth() {
        // lfo1: 1 Hz square (+1 for the first half cycle); lfo1 → pitch at depth 0, cc1 → lfo1_pitch adds 100 cents at 127
        Fixtures f = sineRegion(b -> {
            b.lfos.add(new Lfo(1, 1, 3, 0, 0, 0, 0, List.of(), 0, 0, List.of()));
            b.modulation.add(Modulation.of("lfo1", "pitch", 0));
            b.modulation.add(Modulation.of("cc1", "lfo1_pitch", 100));
        });
        float[][] on = f.render(f.instrument(1), events(0, 0xB0, 1, 127, 0, 0x90, 60, 100), 48_000);
        assertThat(cents(Fixtures.measureFrequency(on[0], 4_800, 19_200))).isCloseTo(100, within(0.05));
        assertThat(cents(Fixtures.measureFrequency(on[0], 28_800, 43_200))).isCloseTo(-100, within(0.05));
        float[][] off = f.render(f.instrument(1), events(0, 0xB0, 1, 0, 0, 0x90, 60, 100), 48_000);
        assertThat(cents(Fixtures.measureFrequency(off[0], 4_800, 43_200))).isCloseTo(0, within(0.05));
    }

    @Test
    void aSubLfoModulatesAnotherLfosFrequency() {
        // lfo2 (a square at 0.5 Hz, +1 for the first second) adds 1 Hz to lfo1's 1 Hz: lfo1 runs at 2 Hz, so its
        // square on pitch is back to + after 0.5 s. Without the sub-LFO it would be at −100 cents then.
        Fixtures f = sineRegion(b -> {
            b.lfos.add(new Lfo(1, 1, 3, 0, 0, 0, 0, List.of(), 0, 0, List.of()));
            b.lfos.add(new Lfo(2, 0.5, 3, 0, 0, 0, 0, List.of(), 0, 0, List.of()));
            b.modulation.add(Modulation.of("lfo1", "pitch", 100));
            b.modulation.add(Modulation.of("lfo2", "lfo1_freq", 1));
        });
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, 100), 48_000);
        assertThat(cents(Fixtures.measureFrequency(out[0], 1_000, 11_000))).isCloseTo(100, within(0.1));
        assertThat(cents(Fixtures.measureFrequency(out[0], 13_000, 23_000))).isCloseTo(-100, within(0.1));
        assertThat(cents(Fixtures.measureFrequency(out[0], 25_000, 35_000))).isCloseTo(100, within(0.1));
    }

    @Test
    void aFlexEnvelopeOnPitchGlidesAnOctaveInItsTime() {
        FlexEnvelope eg = new FlexEnvelope(1, List.of(new FlexEnvelope.Point(0, 0, 0), new FlexEnvelope.Point(0.5, 1, 0)), 0, 0, 0, false, false);
        Fixtures f = sineRegion(b -> { b.egs.add(eg); b.modulation.add(Modulation.of("eg1", "pitch", 1200)); });
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, 100), 48_000);
        assertThat(cents(Fixtures.measureFrequency(out[0], 25_000, 40_000))).isCloseTo(1200, within(0.05));
        assertThat(cents(Fixtures.measureFrequency(out[0], 11_000, 13_000))).isCloseTo(1200 * 12_000 / 24_000.0, within(15.0));
    }

    @Test
    void aFlexEnvelopeAsTheAmplitudeEnvelopeLandsOnItsPointsToTheFrame() {
        // 0 → 1 in 0.1 s, → 0.5 in 0.2 s (sustain point 2), → 0 in 0.3 s after the release at frame 24,000
        FlexEnvelope eg = new FlexEnvelope(1, List.of(new FlexEnvelope.Point(0, 0, 0), new FlexEnvelope.Point(0.1, 1, 0),
                new FlexEnvelope.Point(0.2, 0.5, 0), new FlexEnvelope.Point(0.3, 0, 0)), 2, 0, 0, true, false);
        Fixtures f = new Fixtures().sample("dc", Fixtures.constant(0.5f, 60_000)).region("dc", b -> { b.amp = FLAT; b.egs.add(eg); });
        SamplerInstrument inst = f.instrument(1);
        float[][] out = f.render(inst, events(0, 0x90, 60, 100, 24_000, 0x80, 60, 0), 48_000);
        assertThat(out[0][2_400]).isCloseTo(0.25f, within(1e-5f));
        assertThat(out[0][4_800]).isCloseTo(0.5f, within(1e-5f));
        assertThat(out[0][4_800 + 4_800]).isCloseTo(0.375f, within(1e-5f));
        assertThat(out[0][20_000]).isCloseTo(0.25f, within(1e-6f));    // sustain point held
        assertThat(out[0][24_000 + 7_200]).isCloseTo(0.125f, within(1e-5f));
        assertThat(out[0][24_000 + 14_399]).isCloseTo(0f, within(1e-4f));
        assertThat(out[0][24_000 + 14_401]).isEqualTo(0f);
        assertThat(inst.activeVoices()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"2", "-2", "0.5"})
    void ampegStageShapesBendTheAttack(double shape) {
        Envelope a = Envelope.AMP_DEFAULT.withStages(0, 0.1, 0, 0, 1, 0.001).withShapes(shape, 0, 0);
        Fixtures f = new Fixtures().sample("dc", Fixtures.constant(0.5f, 20_000)).region("dc", b -> {
            b.amp = FLAT;
            b.envelopes = new Envelopes(a, Envelope.MOD_DEFAULT, Envelope.MOD_DEFAULT);
        });
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, 100), 10_000);
        double expected = shape > 0 ? Math.pow(0.5, 1 + shape) : 1 - Math.pow(0.5, 1 - shape);
        assertThat(out[0][2_400] / 0.5).isCloseTo(expected, within(1e-4));
        assertThat(out[0][4_800] / 0.5).isCloseTo(1, within(1e-6));
    }

    @Test
    void controllersSetEnvelopeStagesWhenTheNoteStarts() {
        // ampeg_attack_oncc1 = 1 s: with cc1 at 127 the attack takes 1 s, so half-way is at 0.5 s
        Fixtures f = new Fixtures().sample("dc", Fixtures.constant(0.5f, 60_000)).region("dc", b -> {
            b.amp = FLAT;
            b.modulation.add(Modulation.of("cc1", "ampeg_attack", 1));
        });
        float[][] out = f.render(f.instrument(1), events(0, 0xB0, 1, 127, 0, 0x90, 60, 100), 50_000);
        assertThat(out[0][24_000]).isCloseTo(0.25f, within(1e-4f));
        assertThat(out[0][48_100]).isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void theMatrixIsDeterministicAndRandomSourcesSpreadAcrossVoices() {
        Fixtures f = new Fixtures().sample("dc", Fixtures.constant(0.5f, 20_000)).region("dc", b -> {
            b.amp = FLAT;
            b.modulation.add(Modulation.of("cc135", "volume", -12));
        });
        List<Long> ev = new ArrayList<>();
        for (int i = 0; i < 8; i++) { ev.add(i * 2_000L); ev.add(0x90L); ev.add(60L); ev.add(100L); ev.add(i * 2_000L + 1_000); ev.add(0x80L); ev.add(60L); ev.add(0L); }
        long[] e = ev.stream().mapToLong(Long::longValue).toArray();
        float[][] a = f.render(f.instrument(7), events(e), 17_000), b = f.render(f.instrument(7), events(e), 17_000);
        assertThat(a[0]).isEqualTo(b[0]);
        java.util.Set<Float> levels = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            float v = a[0][i * 2_000 + 500];
            assertThat(db(v / 0.5)).isBetween(-12.0, 0.0);
            levels.add(v);
        }
        assertThat(levels).hasSizeGreaterThan(5);
    }
}
