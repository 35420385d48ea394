package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.Filter;
import dev.loophole.model.Tuning;
import dev.loophole.signal.dsp.FilterType;
import dev.loophole.signal.dsp.CookbookResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The region filter, envelopes and LFOs as heard on a voice's output. */
class VoiceModulationTest {

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i] * x[i];
        return Math.sqrt(s / (to - from));
    }

    @ParameterizedTest
    @CsvSource({"lpf_2p, 500, 0, 5000", "lpf_2p, 2000, 12, 2000", "hpf_2p, 4000, 0, 1000", "lpf_4p, 1000, 0, 3000", "bpf_2p, 1000, 0, 1000"})
    void theRegionFilterShapesTheVoiceAsTheCookbookResponseSays(String type, double cutoff, double resonance, double toneHz) {
        Fixtures f = new Fixtures().sample("t", Fixtures.sine(toneHz, 48_000, 0.5)).region("t", b -> {
            b.tuning = new Tuning(60, 0, 0, 100, 0, 200, -200);
            b.filters.add(new Filter(type, cutoff, resonance, 0, 60, 0, 0));
        });
        Fixtures dry = new Fixtures().sample("t", Fixtures.sine(toneHz, 48_000, 0.5)).region("t", b -> b.tuning = new Tuning(60, 0, 0, 100, 0, 200, -200));
        float[][] wet = f.render(f.instrument(1), events(0, 0x90, 60, 127), 30_000);
        float[][] ref = dry.render(dry.instrument(1), events(0, 0x90, 60, 127), 30_000);
        double measured = 20 * Math.log10(rms(wet[0], 10_000, 30_000) / rms(ref[0], 10_000, 30_000));
        double expected = CookbookResponse.db(FilterType.fromSfz(type), cutoff, resonance, 0, toneHz, Fixtures.RATE);
        assertThat(measured).isCloseTo(expected, within(0.1));
    }

    @Test
    void filterCutoffFollowsKeyAndVelocityTracking() {
        // fil_keytrack 100 cents/key from key 60: key 72 doubles the cutoff; veltrack 1200 at 127 doubles it again.
        Fixtures f = new Fixtures().sample("t", Fixtures.sine(2000, 48_000, 0.5)).region("t", b -> {
            b.tuning = new Tuning(60, 0, 0, 0, 0, 200, -200); // fixed pitch: the tone stays at 2 kHz
            b.filters.add(new Filter("lpf_2p", 500, 0, 100, 60, 1200, 0));
        });
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 72, 127), 30_000);
        Fixtures dry = new Fixtures().sample("t", Fixtures.sine(2000, 48_000, 0.5)).region("t", b -> b.tuning = new Tuning(60, 0, 0, 0, 0, 200, -200));
        float[][] ref = dry.render(dry.instrument(1), events(0, 0x90, 72, 127), 30_000);
        double measured = 20 * Math.log10(rms(out[0], 10_000, 30_000) / rms(ref[0], 10_000, 30_000));
        // Tracked to 500 Hz × 2 × 2 = 2 kHz, the tone sits at the cutoff of a Butterworth 2-pole: half the power, -3.01 dB.
        assertThat(measured).isCloseTo(-10 * Math.log10(2), within(0.1));
    }

    @Test
    void thePitchEnvelopeGlidesFromItsDepthDownToTheNote() {
        // pitcheg: depth +1200 cents, instant attack, decay 0.5 s to sustain 0: an octave drop onto the note.
        Envelope peg = new Envelope(0, 0, 0, 0, 0.5, 0, 0.1, 1200, 0, 0, 0, 0, 0, 0, 0);
        Fixtures f = new Fixtures().sample("s", Fixtures.sine(220, 96_000, 0.5)).region("s", b -> {
            b.tuning = new Tuning(57, 0, 0, 100, 0, 200, -200);
            b.envelopes = new Envelopes(Envelope.AMP_DEFAULT, Envelope.MOD_DEFAULT, peg);
        });
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 57, 127), 60_000);
        // Decay falls in dB, straight to -90 dB at 0.5 s: level(t) = FLOOR^(t / 0.5 s); pitch = 220 Hz × 2^level.
        double phase = 0, first = -1, last = -1;
        int cycles = -1;
        for (int i = 0; i < 4_000; i++) { // expected mean frequency over the zero crossings of frames 0..4000
            double level = Math.pow(dev.loophole.signal.dsp.EnvelopeGenerator.FLOOR, i / 24_000.0);
            double before = phase;
            phase += 220 * Math.pow(2, level) / Fixtures.RATE;
            if (Math.floor(before) != Math.floor(phase)) { cycles++; if (first < 0) first = i; last = i; }
        }
        double expected = cycles * Fixtures.RATE / (last - first);
        assertThat(Fixtures.measureFrequency(out[0], 0, 4_000)).isCloseTo(expected, within(expected * 0.01));
        assertThat(expected).isGreaterThan(290); // well above the 220 Hz note: the glide is real
        assertThat(Fixtures.measureFrequency(out[0], 30_000, 40_000)).isCloseTo(220, within(0.5)); // landed
    }

    /** The amplitude envelope of the next two tests: instant, full sustain, a 3 s release (the note sounds on after its note-off). */
    private static final Envelope LONG_RELEASE = new Envelope(0, 0, 0, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * A filter envelope at rest (sustaining, then done) holds the cutoff chunk after chunk (the modulation's outputs are
     * kept, not worked out again); a controller's move and the note-off still move it. Measured: the level of a 2 kHz tone
     * against the same voice unfiltered, at each stage, to the analytic response at the cutoff each stage sets.
     */
    @Test
    void aCutoffHeldByARestingEnvelopeStillFollowsAControllerAndTheNoteOff() {
        // lpf_2p 500 Hz; fileg +1200 cents, sustain 0.5 (+600 cents), release 0.05 s; cc74 adds up to 1200 cents
        Envelope fil = new Envelope(0, 0, 0, 0, 0.05, 0.5, 0.05, 1200, 0, 0, 0, 0, 0, 0, 0);
        Fixtures f = new Fixtures().sample("t", Fixtures.sine(2000, 150_000, 0.5)).region("t", b -> {
            b.tuning = new Tuning(60, 0, 0, 0, 0, 200, -200);
            b.filters.add(new Filter("lpf_2p", 500, 0, 0, 60, 0, 0));
            b.envelopes = new Envelopes(LONG_RELEASE, fil, Envelope.MOD_DEFAULT);
            b.modulation.add(dev.loophole.model.Modulation.of("cc74", "cutoff", 1200));
        });
        Fixtures dry = new Fixtures().sample("t", Fixtures.sine(2000, 150_000, 0.5)).region("t", b -> {
            b.tuning = new Tuning(60, 0, 0, 0, 0, 200, -200);
            b.envelopes = new Envelopes(LONG_RELEASE, Envelope.MOD_DEFAULT, Envelope.MOD_DEFAULT);
        });
        var ev = events(0, 0x90, 60, 127, 40_000, 0xB0, 74, 127, 80_000, 0x80, 60, 0);
        float[][] wet = f.render(f.instrument(1), ev, 120_000), ref = dry.render(dry.instrument(1), ev, 120_000);
        double[][] stages = {{10_000, 40_000, 500 * Math.sqrt(2)}, {45_000, 80_000, 1000 * Math.sqrt(2)}, {90_000, 120_000, 1000}};
        for (double[] st : stages) {
            double measured = 20 * Math.log10(rms(wet[0], (int) st[0], (int) st[1]) / rms(ref[0], (int) st[0], (int) st[1]));
            double expected = CookbookResponse.db(FilterType.LPF_2P, st[2], 0, 0, 2000, Fixtures.RATE);
            assertThat(measured).as("frames %.0f..%.0f, cutoff %.1f Hz", st[0], st[1], st[2]).isCloseTo(expected, within(0.1));
        }
    }

    /** A pitch envelope sustaining off the note holds the pitch there (its ratio kept, not recomputed), and the note-off brings it home. */
    @Test
    void aPitchHeldByASustainingEnvelopeStaysThereUntilTheNoteOff() {
        Envelope peg = new Envelope(0, 0, 0, 0, 0.05, 0.5, 0.05, 1200, 0, 0, 0, 0, 0, 0, 0); // +600 cents while sustaining
        Fixtures f = new Fixtures().sample("s", Fixtures.sine(220, 150_000, 0.5)).region("s", b -> {
            b.tuning = new Tuning(57, 0, 0, 100, 0, 200, -200);
            b.envelopes = new Envelopes(LONG_RELEASE, Envelope.MOD_DEFAULT, peg);
        });
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 57, 127, 40_000, 0x80, 57, 0), 80_000);
        assertThat(Fixtures.measureFrequency(out[0], 10_000, 40_000)).isCloseTo(220 * Math.sqrt(2), within(0.3));
        assertThat(Fixtures.measureFrequency(out[0], 50_000, 80_000)).isCloseTo(220, within(0.3));
    }
}
