package dev.loophole.signal.sampler;

import dev.loophole.media.SampleMetadata;
import dev.loophole.model.Amp;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.Filter;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.LoopType;
import dev.loophole.model.Tuning;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.expression.MidiScale;
import dev.loophole.signal.expression.UmpDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * An instrument that lets tests measure notes one by one: keys below 64 play hard left, keys from
 * 64 hard right, so two notes played together are two clean channels. The tone is a looped 440 Hz
 * sine (key 69), plus a partial at 8 × for the filter programs; 1 s release.
 */
final class MpeFixtures {
    static final int RATE = Fixtures.RATE;
    static final int LEFT_KEY = 60, RIGHT_KEY = 67;

    private MpeFixtures() { }

    static double hz(int key) { return 440 * Math.pow(2, (key - 69) / 12.0); }

    /** {@code filtered}: 440 Hz + 3520 Hz at half level through a 2-pole low-pass at 800 Hz. */
    static SamplerInstrument instrument(boolean filtered) { return instrument(filtered, null); }

    /** With {@code mapping} (null: the sampler default) as the program's expression mapping. */
    static SamplerInstrument instrument(boolean filtered, dev.loophole.model.ExpressionMapping mapping) {
        float[] tone = new float[RATE];
        for (int i = 0; i < tone.length; i++) {
            double ph = 2 * Math.PI * 440 * i / RATE;
            tone[i] = (float) (0.25 * Math.sin(ph) + (filtered ? 0.125 * Math.sin(8 * ph) : 0));
        }
        Fixtures f = new Fixtures().sample("tone", tone, SampleMetadata.NONE);
        for (int side = 0; side < 2; side++) {
            int s = side;
            f.region("tone", b -> {
                b.keyRange = s == 0 ? new IntRange(0, 63) : new IntRange(64, 127);
                b.amp = new Amp(0, 100, s == 0 ? -100 : 100, 100, 0, 0, 60, 0, 0, 0); // amp_veltrack 0: level ignores velocity
                b.tuning = new Tuning(69, 0, 0, 100, 0, 200, -200);
                b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, LoopType.FORWARD, 1200, 2399, 0, 0); // 11 whole cycles
                b.envelopes = new Envelopes(new Envelope(0, 0, 0, 0, 0, 1, 1.0, 0, 0, 0, 0, 0, 0, 0, 0),
                        Envelope.MOD_DEFAULT, Envelope.MOD_DEFAULT);
                if (filtered) b.filters.add(new Filter("lpf_2p", 800, 0, 0, 60, 0, 0));
            });
        }
        var program = mapping == null ? f.program() : f.program().withExpression(mapping);
        return new SamplerInstrument(new PatchCompiler(f.provider(), RATE).compile(program), RATE, 64, 1);
    }

    static float[][] render(SamplerInstrument inst, Stream s, int frames) {
        return new Fixtures().render(inst, s.events, frames);
    }

    /** Builds a timed event list, MIDI 1.0 or UMP (one event per frame stamp, file order kept). */
    static final class Stream {
        final List<MidiEvent> events = new ArrayList<>();

        Stream msg(long frame, int status, int d1, int d2) {
            events.add(new MidiEvent(frame, status, d1, d2, 0, events.size()));
            return this;
        }

        Stream cc(long t, int ch, int cc, int v) { return msg(t, 0xB0 | ch, cc, v); }

        /** MPE Configuration Message: zone of manager {@code ch} (0 or 15) gets {@code members} member channels. */
        Stream mcm(long t, int ch, int members) { return cc(t, ch, 101, 0).cc(t, ch, 100, 6).cc(t, ch, 6, members); }

        Stream bendRange(long t, int ch, int semis) { return cc(t, ch, 101, 0).cc(t, ch, 100, 0).cc(t, ch, 6, semis); }

        Stream on(long t, int ch, int key, int vel) { return msg(t, 0x90 | ch, key, vel); }

        Stream off(long t, int ch, int key) { return msg(t, 0x80 | ch, key, 64); }

        Stream bend(long t, int ch, int value14) { return msg(t, 0xE0 | ch, value14 & 0x7F, value14 >> 7); }

        Stream pressure(long t, int ch, int v) { return msg(t, 0xD0 | ch, v, 0); }

        Stream ump(long t, int w0, int w1) { return msg(t, Engine.UMP, w0, w1); }

        Stream umpOn(long t, int ch, int key, int vel7) { return ump(t, UmpDecoder.word0(0x9, ch, key, 0), MidiScale.velocity16(vel7) << 16); }

        Stream umpOff(long t, int ch, int key) { return ump(t, UmpDecoder.word0(0x8, ch, key, 0), MidiScale.velocity16(64) << 16); }

        /** Per-note pitch bend, given as the MIDI 1.0 14-bit value a translator would scale up. */
        Stream umpBend(long t, int ch, int key, int value14) { return ump(t, UmpDecoder.word0(0x6, ch, key, 0), (int) MidiScale.up(value14, 14, 32)); }

        Stream umpPressure(long t, int ch, int key, int v7) { return ump(t, UmpDecoder.word0(0xA, ch, key, 0), (int) MidiScale.up(v7, 7, 32)); }

        Stream umpTimbre(long t, int ch, int key, int v7) { return ump(t, UmpDecoder.word0(0x0, ch, key, 74), (int) MidiScale.up(v7, 7, 32)); }
    }

    /** The 14-bit bend value for {@code semis} at ±{@code range}. */
    static int bendFor(double semis, int range) { return (int) Math.round(8192 + semis / range * (semis >= 0 ? 8191 : 8192)); }

    /**
     * The semitones a 14-bit bend means at ±{@code range}, from the MIDI specs and not from the decoder: the distance
     * from the centre 8192 as a fraction of the half range below it (8192 steps) or above it (8191 steps, so 16383 is the
     * full range, as the MIDI 2.0 min-centre-max translation makes it).
     */
    static double semisOf(int value14, int range) {
        int d = value14 - 8192;
        return (d < 0 ? d / 8192.0 : d / 8191.0) * range;
    }

    static double rmsDb(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i] * (double) x[i];
        return 10 * Math.log10(s / (to - from));
    }

    /** Amplitude of the component at {@code hz} in x[from, to), Hann-weighted. */
    static double toneAmplitude(float[] x, int from, int to, double hz) {
        double sr = 0, si = 0, sw = 0;
        for (int i = from; i < to; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - from + 0.5) / (to - from));
            double ph = 2 * Math.PI * hz * i / RATE;
            sr += w * x[i] * Math.cos(ph);
            si += w * x[i] * Math.sin(ph);
            sw += w;
        }
        return 2 * Math.hypot(sr, si) / sw;
    }

    static double pitch(float[] x, int from, int to) { return dev.loophole.signal.testing.Pitch.regressionHz(x, from, to, RATE); }

    static double cents(double measured, double expected) { return 1200 * Math.log(measured / expected) / Math.log(2); }
}
