package dev.loophole.signal.dsp;

/**
 * An SFZ v2 flex envelope ({@code egN_*}) for one voice: it moves from point to point, each segment
 * taking a whole number of frames and following its shape, holds at the sustain point while the note
 * is held, and may loop. Sample-accurate: a segment of {@code t} seconds lasts {@code round(t·fs)} frames
 * and the point's level is output on the first frame after it.
 *
 * <p>Levels are −1..1. Shapes bend a segment: 0 straight, s &gt; 0 slow start (x^(1+s)), s &lt; 0 fast start
 * (1 − (1−x)^(1−s)), the same curve {@link Shape} gives the DAHDSR stages. Configure on the control side
 * or at note-on ({@link #set}); nothing allocates after construction.
 */
public final class FlexEg {
    public static final int MAX_POINTS = 32;

    private final double rate;
    private final int[] frames = new int[MAX_POINTS];
    private final float[] levels = new float[MAX_POINTS];
    private final float[] shapes = new float[MAX_POINTS];
    private int points, sustain, loop, loopCount;

    private int segment;      // the point being moved towards
    private int pos, len;     // frames into the segment, and its length
    private float from;       // level at the segment's start
    private float level;
    private boolean released, holding, done;
    private int loopsLeft;

    public FlexEg(double sampleRate) { this.rate = sampleRate; }

    /**
     * Sets the shape of the envelope. {@code times} are seconds from the previous point (point 0's time
     * is a delay at its level); {@code sustain} 0 means none; {@code loop} 0 means none.
     */
    public void set(int count, double[] times, double[] levels, double[] shapes, int sustain, int loop, int loopCount) {
        points = Math.min(count, MAX_POINTS);
        for (int i = 0; i < points; i++) {
            frames[i] = (int) Math.min(Integer.MAX_VALUE / 2, Math.max(0, Math.round(times[i] * rate)));
            this.levels[i] = (float) Math.max(-1, Math.min(1, levels[i]));
            this.shapes[i] = (float) shapes[i];
        }
        this.sustain = sustain > 0 && sustain < points ? sustain : 0;
        this.loop = loop > 0 && loop < points ? loop : 0;
        this.loopCount = Math.max(0, loopCount);
    }

    /** Note-on. */
    public void trigger() {
        released = false;
        holding = false;
        done = points == 0;
        loopsLeft = loopCount;
        level = points == 0 ? 0 : levels[0];
        if (done) return;
        begin(0);
    }

    /** Note-off: leave the sustain point (or a held loop) and play the points after it. */
    public void release() {
        if (released || done) return;
        released = true;
        if (holding) {
            holding = false;
            next(sustain + 1);
        }
    }

    public boolean isDone() { return done; }

    public float level() { return level; }

    /** Writes the next {@code n} levels into {@code out[off..off+n)}. */
    public void process(float[] out, int off, int n) {
        for (int i = off, end = off + n; i < end; i++) out[i] = step();
    }

    /** Moves on {@code n} frames without writing them (for control-rate use). */
    public void skip(int n) {
        for (int i = 0; i < n && !done && !holding; i++) step();
    }

    private float step() {
        float out = level;
        if (done || holding) return out;
        if (++pos >= len) arrive();
        else level = from + (levels[segment] - from) * (float) Shape.apply((double) pos / len, shapes[segment]);
        return out;
    }

    /** Starts the segment towards point {@code k} from the current level; zero-length segments arrive at once. */
    private void begin(int k) {
        segment = k;
        from = level;
        pos = 0;
        len = frames[k];
        if (len == 0) arrive();
    }

    /** The current segment reached its point. */
    private void arrive() {
        level = levels[segment];
        if (!released && sustain > 0 && segment == sustain) { holding = true; return; }
        next(segment + 1);
    }

    private void next(int k) {
        if (k < points) { begin(k); return; }
        boolean again = loop > 0 && (loopCount > 0 ? loopsLeft-- > 0 : !released);
        if (again && frames[loop] + sumAfter(loop) > 0) { begin(loop); return; }
        done = true;
    }

    /** Frames from point {@code k} to the end: a loop of zero length would never move on. */
    private int sumAfter(int k) {
        int s = 0;
        for (int i = k + 1; i < points; i++) s += frames[i];
        return s;
    }
}
