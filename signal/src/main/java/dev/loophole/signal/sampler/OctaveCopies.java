package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.HalfBand;

/**
 * A sample's octave copies for the windowed sinc: copy k is the sample band-limited to 1/2^(k+1) of its rate and
 * decimated by 2^k ({@link HalfBand}, one octave at a time), so its frame j stands at sample frame j·2^k. A voice
 * pitched up by 2^k or more reads copy k with a kernel stretched by less than two ({@link SincReader}).
 *
 * <p>A copy is of the signal as a voice hears it. For a forward loop {@code [loopStart, loopEnd]} (inclusive) that is
 * the sample up to the loop's end and then the loop over and over, {@link #EXTENSION} frames of the copy past it: after
 * any number of wraps, the frames around a voice's position are a straight run of this extended signal once the
 * position is moved by whole periods ({@link #origin}), so a window across a wrap reads one contiguous stretch.
 * Without a loop the copy is of the sample itself. Immutable once built; shared by the regions that play the sample
 * with the same loop.
 */
final class OctaveCopies {
    /** How far, in frames of each copy, the loop's repeats run past its end: a window's span (≈ 200 at a stretch below two) with room to spare. */
    static final int EXTENSION = 320;

    final long loopStart, loopEnd; // -1, -1: the sample without a loop
    /** {@code levels[k - 1][channel]}. */
    final float[][][] levels;

    private OctaveCopies(long loopStart, long loopEnd, float[][][] levels) {
        this.loopStart = loopStart;
        this.loopEnd = loopEnd;
        this.levels = levels;
    }

    boolean looped() { return loopEnd >= 0; }

    int depth() { return levels.length; }

    long bytes() {
        long b = 0;
        for (float[][] level : levels) for (float[] c : level) b += 4L * c.length;
        return b;
    }

    /** Copies 1…{@code depth} of {@code channels} ({@code frames} long), of the loop {@code [loopStart, loopEnd]} as heard, or plain when {@code loopEnd < 0}. */
    static OctaveCopies build(float[][] channels, int frames, long loopStart, long loopEnd, int depth) {
        float[][][] levels = new float[depth][channels.length][];
        for (int c = 0; c < channels.length; c++) {
            if (loopEnd < 0) {
                float[] above = channels[c];
                int length = frames;
                for (int k = 0; k < depth; k++) {
                    above = HalfBand.decimate(above, length);
                    length = above.length;
                    levels[k][c] = above;
                }
            } else {
                // Each level from its own extended signal, so every level's repeats run EXTENSION of its frames past the
                // loop (a cascade would halve the valid part at each step); the frames before the loop's end are the same.
                for (int k = 1; k <= depth; k++) {
                    float[] e = heard(channels[c], (int) loopStart, (int) loopEnd, (EXTENSION + 2 * HalfBand.REACH) << k);
                    for (int j = 0; j < k; j++) e = HalfBand.decimate(e, e.length);
                    levels[k - 1][c] = java.util.Arrays.copyOf(e, (int) ((loopEnd + 1 + (1L << k) - 1) >> k) + EXTENSION);
                }
            }
        }
        return new OctaveCopies(loopStart, loopEnd, levels);
    }

    /** The sample to the loop's end, then the loop repeated for {@code extension} frames. */
    private static float[] heard(float[] x, int ls, int le, int extension) {
        int period = le - ls + 1;
        float[] e = new float[le + 1 + extension];
        System.arraycopy(x, 0, e, 0, le + 1);
        for (int i = le + 1; i < e.length; i++) e[i] = e[i - period];
        return e;
    }

    /**
     * Where a voice at unwrapped frames {@code lo … hi} reads this copy: the sample frame of {@code lo} minus
     * {@code lo} (add it to an unwrapped position), or {@link LoopPlayhead#NOT_STRAIGHT} when these copies do not
     * serve the voice's state (its loop active or not must match how the copy was made) or the window runs past
     * the extended signal.
     */
    long origin(SampleRead v, long lo, long hi, int k) {
        if (v.looping() != looped()) return LoopPlayhead.NOT_STRAIGHT;
        if (!looped()) return 0;
        long t = v.mapFrame(lo) - lo;
        return hi + t <= loopEnd + ((EXTENSION - 2L) << k) ? t : LoopPlayhead.NOT_STRAIGHT;
    }
}
