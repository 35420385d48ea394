package dev.loophole.model;

import java.util.List;

/**
 * An SFZ v2 flex envelope ({@code egN_*}): a list of points the envelope moves through, each reached
 * {@code time} seconds after the previous one along a curve of {@code shape}. What it modulates is said
 * by {@link Modulation} routings whose source is {@code egN}.
 *
 * <p>Point 0 is where the envelope starts (its time is a delay before the first move). While the note
 * is held the envelope stops at point {@code sustain} (0: no sustain point — it runs to its last point and
 * stays there); on release it goes on from wherever it is to the points after the sustain point. With
 * {@code loop} ≥ 1 the segment after the last point returns to point {@code loop} ({@code loopCount}
 * times, 0 = while the note is held).
 *
 * @param ampeg   this envelope replaces ampeg as the voice's amplitude envelope (ARIA {@code egN_ampeg})
 * @param dynamic times and levels follow their CC modulation while playing ({@code egN_dynamic})
 */
public record FlexEnvelope(int index, List<Point> points, int sustain, int loop, int loopCount, boolean ampeg, boolean dynamic) {

    /**
     * One point. {@code level} is −1..1; {@code shape} bends the segment arriving at it: 0 straight,
     * positive slow-then-fast (x^(1+s)), negative fast-then-slow (1 − (1−x)^(1−s)).
     */
    public record Point(double time, double level, double shape) {
        public Point {
            if (!(time >= 0) || Double.isInfinite(time)) throw new IllegalArgumentException("point time " + time + " is not a time >= 0");
            if (level < -1 || level > 1) throw new IllegalArgumentException("point level " + level + " is outside -1..1");
        }
    }

    public FlexEnvelope {
        if (index < 1) throw new IllegalArgumentException("eg index " + index + " is below 1");
        points = List.copyOf(points);
        if (sustain < 0 || sustain >= Math.max(1, points.size()))
            throw new IllegalArgumentException("eg" + index + "_sustain " + sustain + " is not one of its " + points.size() + " points");
        if (loop < 0 || loop >= Math.max(1, points.size()))
            throw new IllegalArgumentException("eg" + index + "_loop " + loop + " is not one of its " + points.size() + " points");
        if (loopCount < 0) throw new IllegalArgumentException("eg" + index + "_loop_count is negative");
    }
}
