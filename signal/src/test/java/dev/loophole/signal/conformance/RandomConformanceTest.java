package dev.loophole.signal.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.loophole.model.Program;
import dev.loophole.model.midi.MidiEvent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lorand/hirand ({@code random.sfz}): the split cannot be written as a fixed voice list, so this
 * asserts its properties over many notes — one region per note, the 30/70 proportion within ±5
 * points, and the same choices for the same seed (renders must be reproducible).
 */
class RandomConformanceTest {
    static final int NOTES = 2000;

    @TempDir Path dir;

    @Test
    void lorandHirandSplitsNotesByProportionAndRepeatsForASeed() throws Exception {
        Program program = ConformanceHarness.load(SfzConformanceTest.resources(), "random.sfz", dir);
        List<String> first = choices(program, 42), again = choices(program, 42), other = choices(program, 7);

        assertEquals(NOTES, first.size(), "exactly one region per note");
        long a = first.stream().filter("a"::equals).count();
        double share = a / (double) NOTES;
        assertTrue(Math.abs(share - 0.3) <= 0.05, "region a (lorand 0..0.3) played " + share + " of the notes, expected 0.30 ± 0.05");
        assertEquals(first, again, "the same seed must make the same choices");
        assertNotEquals(first, other, "another seed should make other choices");
    }

    /** The region label chosen for each of {@link #NOTES} notes, in order, one note every 1000 frames. */
    private static List<String> choices(Program program, long seed) {
        List<MidiEvent> events = new ArrayList<>();
        for (int i = 0; i < NOTES; i++) {
            events.add(new MidiEvent(i * 1000L, 0x90, 60, 100, 0, 2L * i));
            events.add(new MidiEvent(i * 1000L + 100, 0x80, 60, 64, 0, 2L * i + 1));
        }
        ConformanceHarness.Result r = ConformanceHarness.render(program, events, seed, 1000);
        return r.starts().stream().map(ConformanceHarness.Event::label).toList();
    }
}
