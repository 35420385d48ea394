package dev.loophole.signal.timeline;

import dev.loophole.signal.sampler.SampleData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * An audio lane's clips as the audio thread plays them (§10: no ticks, no model): each a sample
 * laid on the timeline in engine frames, sorted by start. Built on the control side, immutable,
 * swapped into an {@link AudioLanePlayer} whole.
 */
public final class AudioClipTable {
    /**
     * One clip. Timeline frame t in [{@code start}, {@code end}) plays sample position
     * {@code source + (t − start) × ratio}; {@code ratio} is the file's rate over the engine's.
     *
     * @param key     the clip's identity across edits (a reader keeps playing it through a swap)
     * @param fadeIn  engine frames of the linear fade in (0..1 from {@code start})
     * @param fadeOut engine frames of the linear fade out (to 0 at {@code end})
     */
    public record Clip(long key, SampleData sample, long start, long end, long source, double ratio, float gain, long fadeIn, long fadeOut) {
        public Clip {
            if (end <= start) throw new IllegalArgumentException("clip " + key + ": end " + end + " is not after start " + start);
            if (!(ratio > 0) || ratio > AudioLanePlayer.MAX_RATIO)
                throw new IllegalArgumentException("clip " + key + ": rate ratio " + ratio + " is outside (0, " + AudioLanePlayer.MAX_RATIO + "]");
        }

        /** Sample position (file frames) at timeline frame {@code t}. */
        double position(long t) { return source + (t - start) * ratio; }

        /** Gain at timeline frame {@code t}: level × fade in × fade out. */
        float gainAt(long t) {
            float g = gain;
            long in = t - start, out = end - t;
            if (in < fadeIn) g *= (float) ((double) in / fadeIn);
            if (out < fadeOut) g *= (float) ((double) out / fadeOut);
            return g;
        }
    }

    public static final AudioClipTable EMPTY = new AudioClipTable(List.of());

    final Clip[] clips;
    final long[] maxEnd; // maxEnd[i] = the latest end among clips[0..i]: non-decreasing, for a binary search
    final long end;

    public AudioClipTable(List<Clip> list) {
        List<Clip> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong(Clip::start).thenComparingLong(Clip::key));
        clips = sorted.toArray(Clip[]::new);
        maxEnd = new long[clips.length];
        long m = 0;
        for (int i = 0; i < clips.length; i++) maxEnd[i] = m = Math.max(m, clips[i].end());
        end = m;
    }

    public int size() { return clips.length; }

    public Clip clip(int i) { return clips[i]; }

    /** Frame one past the last clip (0 when empty). */
    public long endFrame() { return end; }

    /** The first clip that may still sound at or after {@code frame}. */
    int firstEndingAfter(long frame) {
        int lo = 0, hi = clips.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (maxEnd[mid] > frame) hi = mid; else lo = mid + 1;
        }
        return lo;
    }

    int indexOfKey(long key) {
        for (int i = 0; i < clips.length; i++) if (clips[i].key == key) return i;
        return -1;
    }
}
