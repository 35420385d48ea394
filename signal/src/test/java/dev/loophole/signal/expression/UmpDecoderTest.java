package dev.loophole.signal.expression;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.Instrument;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** MIDI 2.0 per-note messages: management (detach, reset), Pitch 7.25, the per-note bend range, 16-bit velocity. */
class UmpDecoderTest {
    record Call(String what, int id, int dim, float value) {}

    final List<Call> calls = new ArrayList<>();
    final Engine engine = new Engine(48_000, 256);

    UmpDecoderTest() {
        Instrument rec = new Instrument() {
            public void noteOn(int ch, int key, int v) { calls.add(new Call("noteOn", key, -1, v)); }
            public void noteOff(int ch, int key, int v) { calls.add(new Call("noteOff", key, -1, v)); }
            public void perNoteOn(int ch, int id, int key, int v) { calls.add(new Call("on", id, key, v)); }
            public void perNoteOff(int ch, int id, int key, int v) { calls.add(new Call("off", id, key, v)); }
            public void noteExpression(int ch, int id, int dim, float v) { calls.add(new Call("expr", id, dim, v)); }
            public void controlChange(int ch, int cc, int v) { calls.add(new Call("cc", cc, -1, v)); }
            public void pitchBend(int ch, int v) { }
            public void channelPressure(int ch, int v) { }
            public void polyPressure(int ch, int key, int v) { }
            public void programChange(int ch, int p) { calls.add(new Call("program", p, -1, 0)); }
            public void render(float[] l, float[] r, int from, int to) { }
            public int activeVoices() { return 0; }
            public void allSoundOff() { }
        };
        for (int c = 0; c < 16; c++) engine.route(c, rec);
    }

    void ump(int status, int ch, int b3, int b4, int w1) { engine.dispatch(Engine.UMP, UmpDecoder.word0(status, ch, b3, b4), w1); }

    float last(int dim) {
        for (int i = calls.size() - 1; i >= 0; i--) if (calls.get(i).what().equals("expr") && calls.get(i).dim() == dim) return calls.get(i).value();
        throw new AssertionError("no expression " + dim);
    }

    @Test
    void sixteenBitVelocityAndPerNoteBendRange() {
        ump(0x2, 3, 0, 7, 12 << 25); // per-note pitch bend sensitivity: ±12
        ump(0x9, 3, 60, 0, 0xABCD << 16);
        assertThat(calls.getFirst()).isEqualTo(new Call("on", calls.getFirst().id(), 60, 0xABCD));
        ump(0x6, 3, 60, 0, 0xC000_0000);                     // half way up
        assertThat(last(NoteExpression.PITCH)).isCloseTo(6f, within(1e-4f));
        ump(0x0, 3, 60, 3, (int) ((61L << 25) + (1L << 24))); // Pitch 7.25: key 61.5
        assertThat(last(NoteExpression.PITCH)).isCloseTo(6f + 1.5f, within(1e-4f));
    }

    @Test
    void detachLetsTheSoundingNoteKeepItsValuesAndResetRestsTheNoteNumber() {
        ump(0x9, 0, 64, 0, 0x8000 << 16);
        int first = calls.getFirst().id();
        ump(0xF, 0, 64, 0x02, 0);   // detach
        calls.clear();
        ump(0x6, 0, 64, 0, 0xFFFF_FFFF); // for the next note 64, not the detached one
        assertThat(calls).isEmpty();
        ump(0x9, 0, 64, 0, 0x8000 << 16);
        int second = calls.getFirst().id();
        assertThat(second).isNotEqualTo(first);
        assertThat(last(NoteExpression.PITCH)).as("the new note starts at the bend sent before it").isCloseTo(48f, within(1e-4f));
        ump(0xF, 0, 64, 0x01, 0);   // reset
        assertThat(last(NoteExpression.PITCH)).isZero();
        assertThat(last(NoteExpression.TIMBRE)).isEqualTo(NoteExpression.TIMBRE_CENTRE);
        ump(0x8, 0, 64, 0, 0);
        assertThat(calls.getLast()).isEqualTo(new Call("off", second, 64, 0));
    }

    @Test
    void assignableAndRegisteredPerNoteControllersAndChannelMessages() {
        ump(0x9, 1, 50, 0, 0x4000 << 16);
        ump(0x1, 1, 50, 9, 0xFFFF_FFFF);
        assertThat(calls.getLast().dim()).isEqualTo(NoteExpression.perNoteCc(NoteExpression.ASSIGNABLE_BASE + 9));
        ump(0x0, 1, 50, 1, 0x8000_0000);
        assertThat(calls.getLast()).isEqualTo(new Call("expr", calls.getFirst().id(), NoteExpression.perNoteCc(1), 0.5f));
        ump(0xB, 1, 7, 0, 0xFE00_0000);
        assertThat(calls.getLast()).isEqualTo(new Call("cc", 7, -1, 127));
        ump(0xC, 1, 0, 0, 5 << 24);
        assertThat(calls.getLast()).isEqualTo(new Call("program", 5, -1, 0));
        engine.dispatch(Engine.UMP, 0x2091_3C64, 0); // MIDI 1.0 in UMP (type 2): an ordinary note-on
        assertThat(calls.getLast()).isEqualTo(new Call("noteOn", 0x3C, -1, 0x64));
    }

    @Test
    void scalingKeepsMinCentreAndMax() {
        assertThat(MidiScale.up(0, 7, 32)).isZero();
        assertThat(MidiScale.up(64, 7, 32)).isEqualTo(0x8000_0000L);
        assertThat(MidiScale.up(127, 7, 32)).isEqualTo(0xFFFF_FFFFL);
        assertThat(MidiScale.up(16383, 14, 32)).isEqualTo(0xFFFF_FFFFL);
        assertThat(MidiScale.velocity16(127)).isEqualTo(0xFFFF);
        assertThat(MidiScale.bipolar14(8192)).isZero();
        assertThat(MidiScale.bipolar14(0)).isEqualTo(-1f);
        assertThat(MidiScale.bipolar14(16383)).isEqualTo(1f);
    }
}
