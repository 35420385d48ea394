package dev.loophole.signal.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A recorded instrument passes every call on: at once outside a block, at the block's end inside one, in order. */
class RecordedInstrumentTest {

    /** Notes each call with its arguments; renders a constant so a segment's frames show where it landed. */
    static final class Calls implements Instrument {
        final List<String> seen = new ArrayList<>();
        String refuse; // a call that throws, once

        private void note(String call) {
            seen.add(call);
            if (call.equals(refuse)) {
                refuse = null;
                throw new IllegalStateException("refused " + call);
            }
        }

        @Override public void noteOn(int ch, int key, int vel) { note("noteOn " + ch + " " + key + " " + vel); }
        @Override public void noteOff(int ch, int key, int vel) { note("noteOff " + ch + " " + key + " " + vel); }
        @Override public void controlChange(int ch, int cc, int v) { note("cc " + ch + " " + cc + " " + v); }
        @Override public void pitchBend(int ch, int v) { note("bend " + ch + " " + v); }
        @Override public void channelPressure(int ch, int v) { note("pressure " + ch + " " + v); }
        @Override public void polyPressure(int ch, int key, int v) { note("poly " + ch + " " + key + " " + v); }
        @Override public void programChange(int ch, int program) { note("program " + ch + " " + program); }
        @Override public void perNoteOn(int ch, int id, int key, int vel16) { note("perNoteOn " + ch + " " + id + " " + key + " " + vel16); }
        @Override public void perNoteOff(int ch, int id, int key, int vel16) { note("perNoteOff " + ch + " " + id + " " + key + " " + vel16); }
        @Override public void noteExpression(int ch, int id, int dim, float v) { note("expression " + ch + " " + id + " " + dim + " " + v); }
        @Override public void tempo(double bpm) { note("tempo " + bpm); }
        @Override public void nodeTune(double cents) { note("tune " + cents); }

        @Override
        public void render(float[] left, float[] right, int from, int to) {
            note("render " + from + ".." + to);
            for (int i = from; i < to; i++) {
                left[i] += 0.25f;
                right[i] -= 0.25f;
            }
        }

        @Override public int activeVoices() { return 1; }
        @Override public void allSoundOff() { }
    }

    private static final List<String> ALL_TWELVE = List.of("noteOn 1 60 100", "noteOff 1 60 64", "cc 2 7 90", "bend 3 9000",
            "pressure 4 33", "poly 5 61 44", "program 6 12", "perNoteOn 7 3 62 40000", "perNoteOff 7 3 62 30000",
            "expression 7 3 1 0.5", "tempo 133.5", "tune -12.5");

    private static void callAllTwelve(Instrument i) {
        i.noteOn(1, 60, 100);
        i.noteOff(1, 60, 64);
        i.controlChange(2, 7, 90);
        i.pitchBend(3, 9000);
        i.channelPressure(4, 33);
        i.polyPressure(5, 61, 44);
        i.programChange(6, 12);
        i.perNoteOn(7, 3, 62, 40000);
        i.perNoteOff(7, 3, 62, 30000);
        i.noteExpression(7, 3, 1, 0.5f);
        i.tempo(133.5);
        i.nodeTune(-12.5);
    }

    @Test
    void outsideABlockEveryCallReachesTheInstrumentAtOnceAndInOrder() {
        Calls inner = new Calls();
        Instrument recorded = RecordedInstrument.of(inner);
        assertThat(recorded).isInstanceOf(RecordedInstrument.class);
        recorded.noteOn(1, 60, 100);
        assertThat(inner.seen).as("before the next call").containsExactly("noteOn 1 60 100");
        inner.seen.clear();
        callAllTwelve(recorded);
        assertThat(inner.seen).containsExactlyElementsOf(ALL_TWELVE);
        float[] l = new float[8], r = new float[8];
        recorded.render(l, r, 2, 6);
        assertThat(inner.seen).last().isEqualTo("render 2..6");
        assertThat(l).containsExactly(0, 0, 0.25f, 0.25f, 0.25f, 0.25f, 0, 0);
    }

    @Test
    void inABlockTheCallsArriveAtItsEndBetweenTheSegmentsTheyCameBetween() {
        Calls inner = new Calls();
        Instrument recorded = RecordedInstrument.of(inner);
        float[] l = new float[64], r = new float[64];
        recorded.beginBlock();
        recorded.render(l, r, 0, 10);
        callAllTwelve(recorded);
        recorded.render(l, r, 10, 64);
        recorded.noteOff(0, 1, 2);
        assertThat(inner.seen).as("nothing before the block ends").isEmpty();
        assertThat(l[5]).as("nor in the outputs").isZero();
        recorded.endBlock();
        List<String> expected = new ArrayList<>();
        expected.add("render 0..10");
        expected.addAll(ALL_TWELVE);
        expected.add("render 10..64");
        expected.add("noteOff 0 1 2");
        assertThat(inner.seen).containsExactlyElementsOf(expected);
        for (int i = 0; i < 64; i++) {
            assertThat(l[i]).as("left %d", i).isEqualTo(0.25f);
            assertThat(r[i]).as("right %d", i).isEqualTo(-0.25f);
        }
    }

    @Test
    void aCallTheInstrumentRefusesOutsideABlockIsNotReplayedWithTheNext() {
        Calls inner = new Calls();
        Instrument recorded = RecordedInstrument.of(inner);
        inner.refuse = "noteOn 1 60 100";
        assertThatThrownBy(() -> recorded.noteOn(1, 60, 100)).hasMessage("refused noteOn 1 60 100");
        recorded.noteOff(1, 60, 0);
        assertThat(inner.seen).containsExactly("noteOn 1 60 100", "noteOff 1 60 0");
    }
}
