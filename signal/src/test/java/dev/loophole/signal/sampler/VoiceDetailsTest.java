package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Amp;
import dev.loophole.model.EqBand;
import dev.loophole.model.Filter;
import dev.loophole.model.Tuning;
import dev.loophole.signal.dsp.FilterType;
import dev.loophole.signal.dsp.CookbookResponse;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Amp and pitch details: width, position, the pan laws, velocity curves, bend steps and smoothing, random detune, filter 2 and EQ. */
class VoiceDetailsTest {
    static final Tuning FIXED = new Tuning(60, 0, 0, 0, 0, 200, -200);

    static Amp amp(double pan, double width, double position) { return new Amp(0, 100, pan, width, position, 0, 60, 0, 0, 0); }

    @ParameterizedTest
    @CsvSource({"100, 1.0, 0.0", "0, 0.5, 0.5", "-100, 0.0, 1.0", "50, 0.75, 0.25"})
    void widthMixesTheChannelsOfAStereoSample(double width, double leftFromLeft, double rightFromLeft) {
        // left channel 0.8, right channel 0: each output side shows how much of the left channel it carries
        Fixtures f = new Fixtures().stereo("st", Fixtures.constant(0.8f, 20_000), Fixtures.constant(0f, 20_000))
                .region("st", b -> b.amp = amp(0, width, 0));
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, 100), 5_000);
        assertThat(out[0][2_000]).isCloseTo((float) (0.8 * leftFromLeft), within(1e-6f));
        assertThat(out[1][2_000]).isCloseTo((float) (0.8 * rightFromLeft), within(1e-6f));
    }

    @Test
    void positionPlacesAStereoSampleAndLeavesAMonoOneAlone() {
        Fixtures st = new Fixtures().stereo("st", Fixtures.constant(0.5f, 20_000), Fixtures.constant(0.5f, 20_000))
                .region("st", b -> b.amp = amp(0, 100, 100));
        float[][] out = st.render(st.instrument(1), events(0, 0x90, 60, 100), 5_000);
        assertThat(out[0][2_000]).isCloseTo(0f, within(1e-6f));
        assertThat(out[1][2_000]).isCloseTo((float) (0.5 * Math.sqrt(2)), within(1e-6f)); // constant power, +3 dB
        Fixtures mono = new Fixtures().sample("m", Fixtures.constant(0.5f, 20_000)).region("m", b -> b.amp = amp(0, 100, 100));
        float[][] m = mono.render(mono.instrument(1), events(0, 0x90, 60, 100), 5_000);
        assertThat(m[0][2_000]).isEqualTo(0.5f);
        assertThat(m[1][2_000]).isEqualTo(0.5f);
    }

    @ParameterizedTest
    @CsvSource({"MMA, 50", "BALANCE, 50", "MMA, -100", "BALANCE, -30"})
    void thePanLawSplitsTheVoiceAsItSays(Amp.PanLaw law, double pan) {
        Fixtures f = new Fixtures().sample("m", Fixtures.constant(0.5f, 20_000)).region("m", b -> b.amp = amp(pan, 100, 0).withPanLaw(law));
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, 100), 5_000);
        double l, r;
        if (law == Amp.PanLaw.BALANCE) { l = Math.min(1, 1 - pan / 100); r = Math.min(1, 1 + pan / 100); }
        else { double a = (pan / 100 + 1) * Math.PI / 4; l = Math.sqrt(2) * Math.cos(a); r = Math.sqrt(2) * Math.sin(a); }
        assertThat(out[0][2_000]).isCloseTo((float) (0.5 * l), within(1e-6f));
        assertThat(out[1][2_000]).isCloseTo((float) (0.5 * r), within(1e-6f));
    }

    @Test
    void aVelocityCurveSetsTheGainPerVelocityLinearlyBetweenItsPoints() {
        TreeMap<Integer, Double> points = new TreeMap<>(java.util.Map.of(64, 0.25, 100, 0.5));
        Fixtures f = new Fixtures().sample("m", Fixtures.constant(0.5f, 20_000))
                .region("m", b -> b.amp = new Amp(0, 100, 0, 100, 0, 100, 60, 0, 0, 0).withVelocityCurve(points));
        for (int[] vg : new int[][]{{64, 2500}, {100, 5000}, {82, 3750}, {32, 1250}, {127, 10000}}) {
            float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, vg[0]), 3_000);
            assertThat(out[0][2_000]).as("velocity %d", vg[0]).isCloseTo(0.5f * vg[1] / 10_000f, within(1e-6f));
        }
    }

    private static Fixtures bendable(Tuning t) {
        return new Fixtures().sample("s", Fixtures.sine(440, 96_000, 0.5)).region("s", b -> b.tuning = t);
    }

    private static double cents(double hz) { return 1200 * Math.log(hz / 440) / Math.log(2); }

    @Test
    void bendStepMovesThePitchInWholeSteps() {
        // bend_up 1200 in steps of 100 cents: 30 % of the wheel (360 cents) plays 400 cents up
        Fixtures f = bendable(new Tuning(60, 0, 0, 0, 0, 1200, -1200).withBend(100, 0));
        int value = 8192 + (int) Math.round(0.3 * 8191);
        float[][] out = f.render(f.instrument(1), events(0, 0xE0, value & 0x7F, value >> 7, 0, 0x90, 60, 100), 30_000);
        assertThat(cents(Fixtures.measureFrequency(out[0], 2_000, 28_000))).isCloseTo(400, within(0.05));
    }

    @Test
    void bendSmoothGlidesToTheWheelWithItsTimeConstant() {
        Fixtures f = bendable(new Tuning(60, 0, 0, 0, 0, 1200, -1200).withBend(1, 100)); // 100 ms
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, 100, 24_000, 0xE0, 0x7F, 0x7F), 72_000);
        // just after the move the pitch has hardly changed; five time constants later it is there
        assertThat(cents(Fixtures.measureFrequency(out[0], 24_000, 24_960))).isBetween(0.0, 250.0);
        assertThat(cents(Fixtures.measureFrequency(out[0], 50_000, 70_000))).isCloseTo(1200, within(10.0));
        Fixtures sharp = bendable(new Tuning(60, 0, 0, 0, 0, 1200, -1200));
        float[][] s = sharp.render(sharp.instrument(1), events(0, 0x90, 60, 100, 24_000, 0xE0, 0x7F, 0x7F), 30_000);
        assertThat(cents(Fixtures.measureFrequency(s[0], 24_100, 29_000))).isCloseTo(1200 * 8191 / 8191.0, within(0.2));
    }

    @Test
    void pitchRandomDetunesEachVoiceWithinItsRangeReproducibly() {
        Fixtures f = bendable(FIXED.withPitchRandom(50));
        double[] seen = new double[6];
        for (int seed = 0; seed < seen.length; seed++) {
            float[][] a = f.render(f.instrument(seed), events(0, 0x90, 60, 100), 20_000);
            float[][] b = f.render(f.instrument(seed), events(0, 0x90, 60, 100), 20_000);
            assertThat(a[0]).isEqualTo(b[0]);
            seen[seed] = cents(Fixtures.measureFrequency(a[0], 1_000, 19_000));
            assertThat(seen[seed]).isBetween(-50.05, 50.05);
        }
        assertThat(java.util.Arrays.stream(seen).max().getAsDouble() - java.util.Arrays.stream(seen).min().getAsDouble()).isGreaterThan(10);
    }

    private static double gainDb(java.util.function.Consumer<dev.loophole.model.SampleRegion.Builder> setup, double toneHz) {
        Fixtures wet = new Fixtures().sample("t", Fixtures.sine(toneHz, 48_000, 0.5)).region("t", b -> { b.tuning = FIXED; setup.accept(b); });
        Fixtures dry = new Fixtures().sample("t", Fixtures.sine(toneHz, 48_000, 0.5)).region("t", b -> b.tuning = FIXED);
        float[][] w = wet.render(wet.instrument(1), events(0, 0x90, 60, 127), 30_000);
        float[][] d = dry.render(dry.instrument(1), events(0, 0x90, 60, 127), 30_000);
        return 20 * Math.log10(VoiceModulationTest.rms(w[0], 10_000, 30_000) / VoiceModulationTest.rms(d[0], 10_000, 30_000));
    }

    @ParameterizedTest
    @CsvSource({"500", "1500", "6000"})
    void theSecondFilterFollowsTheFirst(double tone) {
        double measured = gainDb(b -> {
            b.filters.add(new Filter("lpf_2p", 2000, 6, 0, 60, 0, 0));
            b.filters.add(new Filter("hpf_2p", 800, 0, 0, 60, 0, 0));
        }, tone);
        double expected = CookbookResponse.db(FilterType.LPF_2P, 2000, 6, 0, tone, Fixtures.RATE)
                + CookbookResponse.db(FilterType.HPF_2P, 800, 0, 0, tone, Fixtures.RATE);
        assertThat(measured).isCloseTo(expected, within(0.1));
    }

    @ParameterizedTest
    @CsvSource({"1000, 1000", "1000, 2000", "3000, 700"})
    void eqBandsBoostAndCutAsTheirAnalyticResponse(double centre, double tone) {
        double measured = gainDb(b -> {
            b.eq.add(new EqBand(1, centre, 1, 12, 0, 0, "peak"));
            b.eq.add(new EqBand(2, 200, 2, -6, 0, 0, "peak"));
        }, tone);
        double expected = analyticEq(centre, 1, 12, tone) + analyticEq(200, 2, -6, tone);
        assertThat(measured).isCloseTo(expected, within(0.1));
        if (centre == tone) assertThat(measured).isCloseTo(12 + analyticEq(200, 2, -6, tone), within(0.1));
    }

    private static double analyticEq(double f0, double bw, double gain, double f) {
        return CookbookResponse.db(FilterType.PEQ, f0, 0, gain, bw, f, Fixtures.RATE);
    }
}
