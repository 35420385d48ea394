package dev.loophole.signal.engine;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.util.List;

/**
 * The offline driver: plays a MIDI song through an {@link Engine} (or a node graph) as fast as it can, block by block,
 * with every event on the frame {@code round(seconds(tick) × rate)}. Deterministic: it depends on
 * nothing but the song, the engine's instruments and their seeds.
 */
public final class OfflineRenderer {
    /** Receives rendered blocks. */
    public interface Sink {
        void write(float[] left, float[] right, int frames);
    }

    /** Progress in frames, called once per block from the rendering thread. */
    public interface Progress {
        void update(long framesDone, long framesExpected);
    }

    /**
     * What a render did. {@code peak} is the largest absolute sample value over both channels; {@code maxVoices} the most
     * voices sounding at the end of a block or a grid point inside one ({@link BlockSource#peakVoices}). {@code droppedEvents} events did not fit their block (0: {@link #render} sizes
     * its buffer to the fullest block), the first of them in the block starting at frame {@code droppedAt} (-1: none).
     */
    public record Result(long frames, float peak, int maxVoices, double wallSeconds, int droppedEvents, long droppedAt) {
        public double seconds(int rate) { return frames / (double) rate; }

        public double peakDbfs() { return peak > 0 ? 20 * Math.log10(peak) : Double.NEGATIVE_INFINITY; }

        /** What was lost, for the user ("N MIDI events were dropped, the first in the block at frame F"), or null. */
        public String droppedMessage() {
            return droppedEvents == 0 ? null
                    : droppedEvents + " MIDI event(s) did not fit their block and were dropped, the first in the block at frame " + droppedAt;
        }
    }

    /** The song's events with a tempo pseudo-event at every tempo change (it sorts before notes on the same tick). */
    private static List<MidiEvent> withTempoEvents(MidiSong song) {
        List<TempoMap.Change> changes = song.tempoMap().changes();
        if (changes.size() <= 1 && changes.getFirst().microsPerQuarter() == TempoMap.DEFAULT_TEMPO) return song.events();
        List<MidiEvent> out = new java.util.ArrayList<>(song.events().size() + changes.size());
        for (TempoMap.Change c : changes)
            out.add(new MidiEvent(c.tick(), Engine.TEMPO, (int) Math.round(60e9 / c.microsPerQuarter()), 0, -1, Long.MIN_VALUE + c.tick()));
        out.addAll(song.events());
        out.sort(java.util.Comparator.comparingLong(MidiEvent::tick).thenComparingLong(MidiEvent::order));
        return out;
    }

    /** Longest tail rendered while waiting for voices to fall silent (held loops never would). */
    public static final double MAX_AUTO_TAIL_SECONDS = 30;

    private final BlockSource engine;
    private final int blockSize;
    private Runnable beforeBlock = () -> { };
    private int grid;

    public OfflineRenderer(BlockSource engine, int blockSize) {
        if (blockSize <= 0 || blockSize > engine.maxBlock())
            throw new IllegalArgumentException("block size " + blockSize + " is outside 1.." + engine.maxBlock());
        this.engine = engine;
        this.blockSize = blockSize;
    }

    /**
     * Work done before every block on the rendering thread — the place where offline rendering waits
     * for disk streaming to deliver what the block will read.
     */
    public OfflineRenderer beforeEachBlock(Runnable r) {
        this.beforeBlock = r;
        return this;
    }

    /**
     * The source renders on a grid of {@code frames} (a divisor of the block size: {@link BlockSource#grid}, set here so
     * the two cannot disagree), so the longer blocks sound as blocks of {@code frames} would, bit for bit, and
     * {@link Result#maxVoices} is counted at each grid point. Where the render's end is not known ahead (the tail lasts
     * until the voices fall silent) the blocks are {@code frames} long from the first one that reaches the last event,
     * so the render stops where blocks of {@code frames} would stop.
     */
    public OfflineRenderer grid(int frames) {
        if (frames <= 0 || blockSize % frames != 0)
            throw new IllegalArgumentException("grid " + frames + " does not divide the block size " + blockSize);
        engine.grid(frames);
        this.grid = frames;
        return this;
    }

    /**
     * Renders the song. {@code tailSeconds} ≥ 0 renders exactly that long after the last event;
     * a negative value renders until every voice is silent (at most {@link #MAX_AUTO_TAIL_SECONDS}).
     */
    public Result render(MidiSong song, double tailSeconds, Sink sink, Progress progress) {
        int rate = engine.sampleRate();
        TempoMap tempo = song.tempoMap();
        List<MidiEvent> events = withTempoEvents(song);
        long[] frameOf = new long[events.size()];
        for (int i = 0; i < frameOf.length; i++) frameOf[i] = tempo.frame(events.get(i).tick(), rate);
        long lastEventFrame = frameOf.length == 0 ? 0 : frameOf[frameOf.length - 1] + 1;

        EventBuffer buffer = new EventBuffer(fullestBlock(frameOf, blockSize));
        int[] next = {0}, dropped = {0};
        long[] droppedAt = {-1};
        Result r = loop(new float[2][blockSize], blockSize, grid, rate, lastEventFrame, tailSeconds, engine::activeVoices, engine::peakVoices, (pos, pairs, n) -> {
            buffer.clear();
            while (next[0] < events.size() && frameOf[next[0]] < pos + n) {
                MidiEvent e = events.get(next[0]);
                if (!buffer.add((int) (frameOf[next[0]] - pos), e.status(), e.data1(), e.data2()) && dropped[0]++ == 0) droppedAt[0] = pos;
                next[0]++;
            }
            beforeBlock.run();
            engine.process(pairs, n, buffer);
        }, (pairs, n) -> sink.write(pairs[0], pairs[1], n), progress);
        return new Result(r.frames(), r.peak(), r.maxVoices(), r.wallSeconds(), dropped[0], droppedAt[0]);
    }

    /**
     * The most events any block can hold: every block lies inside one window of {@code blockSize} frames starting on a
     * multiple of it (the tail's shorter blocks start on the grid, which divides it), and {@code frames} is sorted.
     */
    static int fullestBlock(long[] frames, int blockSize) {
        int most = 1;
        for (int i = 0, start = 0; i < frames.length; i++) {
            if (frames[i] / blockSize != frames[start] / blockSize) start = i;
            most = Math.max(most, i - start + 1);
        }
        return most;
    }

    /** Renders one block of {@code frames} frames, the first at frame {@code pos}, into {@code pairs} (overwriting them). */
    @FunctionalInterface
    public interface Block { void render(long pos, float[][] pairs, int frames); }

    /** Receives each rendered block: every pair of {@code pairs}, {@code frames} long. */
    @FunctionalInterface
    public interface PairSink { void write(float[][] pairs, int frames); }

    /**
     * The offline loop every render shares: blocks until {@code tailSeconds} after {@code lastEventFrame}
     * (negative: until {@code voices} reports silence past it, at most {@link #MAX_AUTO_TAIL_SECONDS}),
     * with the peak over every channel and the most voices seen. {@code droppedEvents} is the caller's to fill.
     */
    public static Result loop(float[][] pairs, int blockSize, int rate, long lastEventFrame, double tailSeconds,
                              java.util.function.IntSupplier voices, Block block, PairSink sink, Progress progress) {
        return loop(pairs, blockSize, 0, rate, lastEventFrame, tailSeconds, voices, voices, block, sink, progress);
    }

    /**
     * As {@link #loop(float[][], int, int, long, double, java.util.function.IntSupplier, Block, PairSink, Progress)}, with
     * blocks of {@code grid} (0: none) where the end is not known (see {@link #grid}), and the most voices taken from
     * {@code peakVoices} after each block ({@link BlockSource#peakVoices}: inside a long block too).
     */
    static Result loop(float[][] pairs, int blockSize, int grid, int rate, long lastEventFrame, double tailSeconds,
                       java.util.function.IntSupplier voices, java.util.function.IntSupplier peakVoices, Block block, PairSink sink, Progress progress) {
        long fixedEnd = tailSeconds >= 0 ? lastEventFrame + Math.round(tailSeconds * rate) : -1;
        long autoCap = lastEventFrame + Math.round(MAX_AUTO_TAIL_SECONDS * rate);
        long expected = fixedEnd >= 0 ? fixedEnd : lastEventFrame;
        long t0 = System.nanoTime();
        long pos = 0;
        int maxVoices = 0;
        float peak = 0;
        while (true) {
            long end = fixedEnd >= 0 ? fixedEnd : autoCap;
            if (pos >= end) break;
            if (fixedEnd < 0 && pos >= lastEventFrame && voices.getAsInt() == 0) break;
            int size = grid > 0 && fixedEnd < 0 && pos + blockSize > lastEventFrame ? grid : blockSize;
            int n = (int) Math.min(size, end - pos);
            block.render(pos, pairs, n);
            for (float[] ch : pairs)
                for (int i = 0; i < n; i++) {
                    float a = Math.abs(ch[i]);
                    if (a > peak || Float.isNaN(a)) peak = Float.isNaN(a) ? Float.NaN : a;
                }
            maxVoices = Math.max(maxVoices, peakVoices.getAsInt());
            sink.write(pairs, n);
            pos += n;
            if (progress != null) progress.update(pos, Math.max(expected, pos));
        }
        return new Result(pos, peak, maxVoices, (System.nanoTime() - t0) / 1e9, 0, -1);
    }
}
