package dev.loophole.model.midi;

import java.util.ArrayList;
import java.util.List;

/**
 * Converts ticks to seconds through a file's tempo changes. With metrical timing {@code ppq} ticks
 * make a quarter note; with SMPTE timing ({@code smpteTicksPerSecond > 0}) tempo is ignored.
 */
public final class TempoMap {
    /** A tempo change: from {@code tick} on, a quarter note lasts {@code microsPerQuarter}. */
    public record Change(long tick, int microsPerQuarter) {
        public Change {
            if (microsPerQuarter <= 0) throw new IllegalArgumentException("tempo " + microsPerQuarter + " µs per quarter is not positive");
        }
    }

    public static final int DEFAULT_TEMPO = 500_000; // 120 BPM, the SMF default

    private final int ppq;
    private final double smpteTicksPerSecond;
    private final long[] ticks;
    private final int[] tempos;
    private final double[] seconds; // seconds at each change

    public TempoMap(int ppq, List<Change> changes) {
        this(ppq, 0, changes);
    }

    private TempoMap(int ppq, double smpteTicksPerSecond, List<Change> changes) {
        if (ppq <= 0 && smpteTicksPerSecond <= 0) throw new IllegalArgumentException("division " + ppq + " is not positive");
        this.ppq = ppq;
        this.smpteTicksPerSecond = smpteTicksPerSecond;
        List<Change> sorted = new ArrayList<>(changes);
        sorted.sort((a, b) -> Long.compare(a.tick(), b.tick()));
        if (sorted.isEmpty() || sorted.getFirst().tick() > 0) sorted.addFirst(new Change(0, DEFAULT_TEMPO));
        // A later change at the same tick wins.
        List<Change> dedup = new ArrayList<>();
        for (Change c : sorted) {
            if (!dedup.isEmpty() && dedup.getLast().tick() == c.tick()) dedup.removeLast();
            dedup.add(c);
        }
        int n = dedup.size();
        ticks = new long[n];
        tempos = new int[n];
        seconds = new double[n];
        for (int i = 0; i < n; i++) {
            ticks[i] = dedup.get(i).tick();
            tempos[i] = dedup.get(i).microsPerQuarter();
            if (i > 0) seconds[i] = seconds[i - 1] + (ticks[i] - ticks[i - 1]) * tempos[i - 1] / (1e6 * ppq);
        }
    }

    /** SMPTE timing: {@code framesPerSecond × ticksPerFrame} ticks per second, tempo-independent. */
    public static TempoMap smpte(double framesPerSecond, int ticksPerFrame) {
        return new TempoMap(0, framesPerSecond * ticksPerFrame, List.of());
    }

    public int ppq() { return ppq; }

    public double seconds(long tick) {
        if (smpteTicksPerSecond > 0) return tick / smpteTicksPerSecond;
        int i = indexAt(tick);
        return seconds[i] + (tick - ticks[i]) * tempos[i] / (1e6 * ppq);
    }

    /** The frame at which an event at {@code tick} starts: round(seconds × rate), as a renderer places it. */
    public long frame(long tick, int sampleRate) {
        return Math.round(seconds(tick) * sampleRate);
    }

    public double bpmAt(long tick) {
        return 60e6 / tempos[indexAt(tick)];
    }

    public List<Change> changes() {
        List<Change> out = new ArrayList<>();
        for (int i = 0; i < ticks.length; i++) out.add(new Change(ticks[i], tempos[i]));
        return out;
    }

    private int indexAt(long tick) {
        int lo = 0, hi = ticks.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (ticks[mid] <= tick) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
