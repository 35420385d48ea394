package dev.loophole.model;

/**
 * Loop settings of a region. {@code mode} and the points may be absent ({@code null} / -1):
 * then the sample's own metadata (the WAV {@code smpl} chunk) decides, as SFZ specifies.
 *
 * @param start     first frame of the loop, or -1 for the sample's loop start
 * @param end       last frame of the loop (inclusive, as in SFZ), or -1 for the sample's loop end
 * @param crossfade loop crossfade in seconds
 * @param count     number of loop repetitions for {@code loop_count}, 0 for endless
 */
public record Loop(LoopMode mode, LoopType type, long start, long end, double crossfade, int count) {
    public static final Loop DEFAULT = new Loop(null, LoopType.FORWARD, -1, -1, 0, 0);

    public Loop {
        if (type == null) type = LoopType.FORWARD;
        if (start >= 0 && end >= 0 && end < start)
            throw new IllegalArgumentException("loop end " + end + " is before loop start " + start);
        if (crossfade < 0) throw new IllegalArgumentException("loop crossfade is negative");
    }
}
