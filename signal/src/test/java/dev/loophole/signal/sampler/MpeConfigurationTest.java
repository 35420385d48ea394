package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.MpeFixtures.LEFT_KEY;
import static dev.loophole.signal.sampler.MpeFixtures.RIGHT_KEY;
import static dev.loophole.signal.sampler.MpeFixtures.bendFor;
import static dev.loophole.signal.sampler.MpeFixtures.cents;
import static dev.loophole.signal.sampler.MpeFixtures.hz;
import static dev.loophole.signal.sampler.MpeFixtures.pitch;
import static dev.loophole.signal.sampler.MpeFixtures.rmsDb;
import static dev.loophole.signal.sampler.MpeFixtures.semisOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.expression.MpeDecoder;
import dev.loophole.signal.sampler.MpeFixtures.Stream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MPE Configuration Message: zones on and off mid-stream, what it releases and resets. */
class MpeConfigurationTest {
    static final int S = MpeFixtures.RATE;

    @Test
    void zoneOffMidStreamReleasesItsNotesAndMembersTurnPlain() {
        SamplerInstrument inst = MpeFixtures.instrument(false);
        Stream s = new Stream().mcm(0, 0, 15).on(0, 1, LEFT_KEY, 100).on(0, 2, RIGHT_KEY, 100)
                .mcm(S / 2, 0, 0)                                  // zone off: both notes released (1 s release)
                .bend(2 * S, 3, 16383).on(2 * S, 3, LEFT_KEY, 100); // channel 4 is plain again: SFZ bend_up 200 cents
        float[][] out = MpeFixtures.render(inst, s, 3 * S);
        assertThat(rmsDb(out[1], S / 4, S / 2)).as("sounding before the MCM").isGreaterThan(-20);
        assertThat(rmsDb(out[1], S / 2 + S + 2400, 2 * S)).as("released by it (the right note got no note-off)").isLessThan(-100);
        assertThat(cents(pitch(out[0], 2 * S + 2400, 3 * S), hz(LEFT_KEY))).as("a plain channel bend").isCloseTo(200, within(0.5));
    }

    @Test
    void reconfiguringResetsBendRangesAndExpression() {
        int half = 8192 + 4096;
        Stream s = new Stream().mcm(0, 0, 15).bendRange(0, 1, 12).bend(0, 1, half).on(10, 1, LEFT_KEY, 100).off(S / 2, 1, LEFT_KEY)
                .mcm(S, 0, 15)                                     // same zone again: ranges back to ±48, bends to rest
                .on(S + 10, 1, RIGHT_KEY, 100).bend(S + S / 2, 1, half);
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(false), s, 2 * S);
        assertThat(cents(pitch(out[0], 2400, S / 2 - 100), hz(LEFT_KEY))).isCloseTo(semisOf(half, 12) * 100, within(0.5));
        assertThat(cents(pitch(out[1], S + 2400, S + S / 2 - 100), hz(RIGHT_KEY))).as("the bend was reset").isCloseTo(0, within(0.5));
        assertThat(cents(pitch(out[1], S + S / 2 + 2400, 2 * S), hz(RIGHT_KEY))).as("range ±48 again").isCloseTo(semisOf(half, 48) * 100, within(0.5));
    }

    @Test
    void overlappingZonesShrinkTheEarlierOne() {
        List<String> calls = new ArrayList<>();
        Engine e = new Engine(S, 256);
        Instrument rec = recorder(calls);
        for (int c = 0; c < 16; c++) e.route(c, rec);
        mcm(e, 0, 10);
        e.dispatch(0x90 | 5, 60, 100);  // a note on lower member 6
        mcm(e, 15, 8);                   // upper takes 7..14 (0-based 7..14): lower shrinks to 1..6
        assertThat(e.mpe().members(MpeDecoder.LOWER)).isEqualTo(6);
        assertThat(e.mpe().members(MpeDecoder.UPPER)).isEqualTo(8);
        assertThat(calls).as("the shrunk zone's notes were released").anyMatch(c -> c.startsWith("perNoteOff 0"));
        mcm(e, 0, 15);
        assertThat(e.mpe().members(MpeDecoder.UPPER)).as("a 15-member lower zone leaves no room").isZero();
        assertThat(e.mpe().memberZone(14)).isEqualTo(MpeDecoder.LOWER);
    }

    @Test
    void upperZoneNotesPlayOnItsManagerChannel() {
        List<String> calls = new ArrayList<>();
        Engine e = new Engine(S, 256);
        Instrument rec = recorder(calls);
        for (int c = 0; c < 16; c++) e.route(c, rec);
        mcm(e, 15, 3);
        e.dispatch(0x90 | 12, 64, 100);
        e.dispatch(0xE0 | 12, 0, 96);   // member bend
        e.dispatch(0x90 | 11, 64, 100); // channel 12 (0-based 11) is not a member: plain
        assertThat(calls).containsSubsequence("perNoteOn 15 64", "expr 15 0", "noteOn 11 64");
    }

    @Test
    void anInstrumentDeclaringAZoneGetsItWithoutAnMcm() {
        List<String> calls = new ArrayList<>();
        Instrument rec = recorder(calls);
        Instrument mpeKeys = new Instrument() { // declares a lower zone of 4 members
            public dev.loophole.model.ExpressionCapabilities capabilities() {
                return new dev.loophole.model.ExpressionCapabilities(java.util.Set.of(), java.util.Set.of(),
                        List.of(new dev.loophole.model.ExpressionCapabilities.MpeZone(true, 4)), 48);
            }
            public void noteOn(int ch, int key, int v) { rec.noteOn(ch, key, v); }
            public void noteOff(int ch, int key, int v) { rec.noteOff(ch, key, v); }
            public void perNoteOn(int ch, int id, int key, int v) { rec.perNoteOn(ch, id, key, v); }
            public void controlChange(int ch, int cc, int v) { rec.controlChange(ch, cc, v); }
            public void pitchBend(int ch, int v) { }
            public void channelPressure(int ch, int v) { }
            public void polyPressure(int ch, int key, int v) { }
            public void programChange(int ch, int p) { }
            public void render(float[] l, float[] r, int from, int to) { }
            public int activeVoices() { return 0; }
            public void allSoundOff() { }
        };
        Engine e = new Engine(S, 256);
        for (int c = 0; c < 16; c++) e.route(c, mpeKeys);
        e.dispatch(0x92, 60, 100);
        e.dispatch(0x95, 60, 100);
        assertThat(e.mpe().members(MpeDecoder.LOWER)).isEqualTo(4);
        assertThat(calls).containsSubsequence("perNoteOn 0 60", "noteOn 5 60");
    }

    static void mcm(Engine e, int ch, int members) {
        e.dispatch(0xB0 | ch, 101, 0);
        e.dispatch(0xB0 | ch, 100, 6);
        e.dispatch(0xB0 | ch, 6, members);
    }

    /** An instrument that writes down what reaches it. */
    static Instrument recorder(List<String> calls) {
        return new Instrument() {
            public void noteOn(int ch, int key, int v) { calls.add("noteOn " + ch + " " + key); }
            public void noteOff(int ch, int key, int v) { calls.add("noteOff " + ch + " " + key); }
            public void perNoteOn(int ch, int id, int key, int v) { calls.add("perNoteOn " + ch + " " + key); }
            public void perNoteOff(int ch, int id, int key, int v) { calls.add("perNoteOff " + ch + " " + key); }
            public void noteExpression(int ch, int id, int dim, float v) { calls.add("expr " + ch + " " + dim); }
            public void controlChange(int ch, int cc, int v) { calls.add("cc " + ch + " " + cc); }
            public void pitchBend(int ch, int v) { calls.add("bend " + ch); }
            public void channelPressure(int ch, int v) { }
            public void polyPressure(int ch, int key, int v) { }
            public void programChange(int ch, int p) { }
            public void render(float[] l, float[] r, int from, int to) { }
            public int activeVoices() { return 0; }
            public void allSoundOff() { }
        };
    }
}
