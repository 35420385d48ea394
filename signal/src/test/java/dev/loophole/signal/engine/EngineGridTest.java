package dev.loophole.signal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Longer offline blocks split on a grid ({@link Engine#grid}, {@link OfflineRenderer#grid}): the instruments see the very
 * render spans blocks of the grid's size gave them, and a tail that lasts until the voices fall silent stops on the same
 * frame; without the grid both would differ.
 */
class EngineGridTest {
    static final int RATE = 48_000, GRID = 256, LONG = 1024;

    /** Logs every render span in song frames, and sounds (one voice) from its first note-on to {@link #silentFrom}. */
    static final class Spans implements NoMidi { // the note-on alone matters here
        final List<long[]> spans = new ArrayList<>();
        long clock, silentFrom = Long.MAX_VALUE;
        boolean started;
        @Override public void noteOn(int c, int k, int v) { started = true; }
        @Override public void render(float[] l, float[] r, int from, int to) {
            spans.add(new long[] {clock + from, clock + to});
        }
        @Override public int activeVoices() { return started && clock < silentFrom ? 1 : 0; }
        @Override public void allSoundOff() { }
    }

    /** Note-ons on the frames given (120 BPM at 480 ppq: a tick is 50 frames at 48 kHz), so each lands on its frame exactly. */
    private static MidiSong song(long... frames) {
        List<MidiEvent> events = new ArrayList<>();
        for (int i = 0; i < frames.length; i++) events.add(new MidiEvent(frames[i] / 50, 0x90, 60, 100, 0, i));
        return new MidiSong("t", new TempoMap(480, List.of(new TempoMap.Change(0, 500_000))), events);
    }

    private record Run(List<long[]> spans, long frames) { }

    private static Run render(MidiSong song, int block, int grid, double tail, long silentFrom) {
        Engine engine = new Engine(RATE, block).grid(grid);
        Spans s = new Spans();
        s.silentFrom = silentFrom;
        engine.route(0, s);
        OfflineRenderer r = new OfflineRenderer(engine, block);
        if (grid > 0) r.grid(grid);
        OfflineRenderer.Result res = r.render(song, tail, (l, rr, n) -> s.clock += n, null);
        return new Run(s.spans, res.frames());
    }

    /** The spans blocks of GRID frames give: cut at every multiple of GRID and at every event frame, worked out here alone. */
    private static List<long[]> expectedSpans(long end, long... eventFrames) {
        TreeSet<Long> cuts = new TreeSet<>();
        for (long f = 0; f <= end; f += GRID) cuts.add(f);
        cuts.add(end);
        for (long e : eventFrames) cuts.add(e);
        List<long[]> out = new ArrayList<>();
        Long prev = null;
        for (long c : cuts) { if (prev != null && c > prev) out.add(new long[] {prev, c}); prev = c; }
        return out;
    }

    @Test
    void longBlocksOnTheGridRenderTheSpansOfGridBlocks() {
        long[] at = {50, 300, 1000, 1050, 3050, 5000};
        MidiSong song = song(at);
        double tail = 0.05; // 2,400 frames after the frame past the last event
        long end = 5001 + 2400;
        Run grid = render(song, LONG, GRID, tail, Long.MAX_VALUE);
        Run plain = render(song, GRID, 0, tail, Long.MAX_VALUE);
        Run noGrid = render(song, LONG, 0, tail, Long.MAX_VALUE);
        List<long[]> expected = expectedSpans(end, at);
        assertThat(grid.frames()).isEqualTo(end);
        assertThat(grid.spans()).containsExactlyElementsOf(expected);
        assertThat(plain.spans()).containsExactlyElementsOf(expected);
        // without the grid a long block renders across the GRID boundaries: fewer, longer spans
        assertThat(noGrid.spans().size()).isLessThan(expected.size());
    }

    @Test
    void aTailUntilSilenceStopsOnTheFrameGridBlocksStopOn() {
        long[] at = {100, 2000};
        MidiSong song = song(at);
        long silent = 2001 + 3 * GRID + 17; // the voice falls silent past the last event, inside a GRID block
        // the first GRID boundary from the last event on at which the voice is silent: (2001 + 3·256 + 17) → next multiple of 256
        long expectedEnd = (silent + GRID - 1) / GRID * GRID;
        Run grid = render(song, LONG, GRID, -1, silent);
        Run plain = render(song, GRID, 0, -1, silent);
        Run noGrid = render(song, LONG, 0, -1, silent);
        assertThat(plain.frames()).isEqualTo(expectedEnd);
        assertThat(grid.frames()).isEqualTo(expectedEnd);
        assertThat(grid.spans()).containsExactlyElementsOf(expectedSpans(expectedEnd, at));
        assertThat(noGrid.frames()).isEqualTo((silent + LONG - 1) / LONG * LONG).isNotEqualTo(expectedEnd);
    }

    /**
     * The last event just past a multiple of the long block (frame 1,100; the render's events end at 1,101): the block
     * at 1,024 already holds the tail, so it must be a grid block, or the render would run on to 2,048.
     */
    @Test
    void aTailStartingJustPastALongBlockBoundaryStopsOnTheGrid() {
        long[] at = {100, 1100};
        MidiSong song = song(at);
        long silent = 1300;
        long expectedEnd = (silent + GRID - 1) / GRID * GRID; // 1,536: the first grid point past 1,101 where the voice is silent
        assertThat(expectedEnd).isEqualTo(1536);
        Run grid = render(song, LONG, GRID, -1, silent);
        Run plain = render(song, GRID, 0, -1, silent);
        assertThat(plain.frames()).isEqualTo(expectedEnd);
        assertThat(grid.frames()).isEqualTo(expectedEnd);
        assertThat(grid.spans()).containsExactlyElementsOf(expectedSpans(expectedEnd, at));
    }

    /** Each note-on starts a voice that sounds for {@link #LENGTH} rendered frames: its own clock, so it counts the same deferred. */
    static final class Timed implements NoMidi {
        static final int LENGTH = 400;
        final List<Long> ends = new ArrayList<>();
        long clock;
        @Override public void noteOn(int c, int k, int v) { ends.add(clock + LENGTH); }
        @Override public void render(float[] l, float[] r, int from, int to) { clock += to - from; }
        @Override public int activeVoices() { return (int) ends.stream().filter(e -> e > clock).count(); }
        @Override public void allSoundOff() { }
    }

    /** Voices at a block end {@code t}: notes dispatched before it (one on t comes after the count) still sounding through it. */
    private static int voicesAt(long t, long... starts) {
        int n = 0;
        for (long s : starts) if (s < t && s + Timed.LENGTH > t) n++;
        return n;
    }

    /**
     * Voices peak between two ends of a 1,024-frame block: one instrument renders straight, one defers its block (replayed
     * at the block's end, on workers or not), and the most voices reported is what 256-frame blocks count at their ends.
     */
    @Test
    void theMostVoicesAreCountedAtEveryGridPointOfALongBlock() {
        long[] plain = {260, 300, 2100}, deferred = {270, 280, 1030};
        long end = 3000;
        int expected = 0, atLongEnds = 0;
        for (long t = GRID; t <= end; t += GRID) expected = Math.max(expected, voicesAt(t, plain) + voicesAt(t, deferred));
        for (long t = LONG; t <= end; t += LONG) atLongEnds = Math.max(atLongEnds, voicesAt(t, plain) + voicesAt(t, deferred));
        assertThat(expected).isEqualTo(4); // frame 512: the four notes from 260 to 300
        assertThat(atLongEnds).as("long-block ends alone miss the peak").isLessThan(expected);
        List<MidiEvent> events = new ArrayList<>();
        for (long f : plain) events.add(new MidiEvent(f / 10, 0x90, 60, 100, 0, f));
        for (long f : deferred) events.add(new MidiEvent(f / 10, 0x91, 60, 100, 0, f));
        events.sort(java.util.Comparator.comparingLong(MidiEvent::tick));
        // 120 BPM at 2,400 ppq: a tick is 10 frames at 48 kHz
        MidiSong song = new MidiSong("t", new TempoMap(2400, List.of(new TempoMap.Change(0, 500_000))), events);
        double tail = (end - 2101) / (double) RATE;
        for (int threads : new int[] {0, 2})
            for (int block : new int[] {GRID, LONG})
                try (RenderWorkers w = threads > 0 ? RenderWorkers.forRender(threads) : null) {
                    Engine engine = new Engine(RATE, block).grid(GRID).workers(w);
                    engine.route(0, new Timed());
                    engine.route(1, RecordedInstrument.of(new Timed()));
                    OfflineRenderer.Result res = new OfflineRenderer(engine, block).grid(GRID).render(song, tail, (l, r, n) -> { }, null);
                    assertThat(res.frames()).isEqualTo(end);
                    assertThat(res.maxVoices()).as("blocks of " + block + ", " + threads + " workers").isEqualTo(expected);
                }
    }
}
