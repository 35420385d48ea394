package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.Interpolation;

/**
 * The voices' innermost loops: interpolate {@code out[from..to)} from {@code d} starting at
 * position {@code p}, stepping {@code step}. The caller guarantees every neighbour read is inside
 * {@code d}, so the loops carry no bounds logic of their own. Each returns the position after the run.
 * Cubic runs out of one array go through {@link CubicRun} (both channels at once, eight frames at a time);
 * the cubic case here serves callers with one channel and no scratch.
 */
final class Kernels {
    private Kernels() {}

    /** The kernel of an {@link Interpolation} quality below sinc (nearest, linear, cubic), in either direction. */
    static double run(int quality, float[] d, float[] out, int from, int to, double p, double step) {
        if (quality == Interpolation.NEAREST && step < 0) return nearestBackward(d, out, from, to, p, step);
        return runShifted(quality, d, out, from, to, p, 0, step); // an offset of 0 adds nothing: the same positions
    }

    /**
     * The forward kernels (nearest, linear, cubic), reading at {@code pos + offset} but summing {@code pos}: a loop's later passes
     * read the sample at a whole-frame offset from the voice's unwrapped position, and the position that comes
     * back is the same sums of {@code step} the voice's careful path makes.
     */
    static double runShifted(int quality, float[] d, float[] out, int from, int to, double pos, double offset, double step) {
        if (quality == Interpolation.NEAREST) {
            for (int j = from; j < to; j++) { out[j] = d[(int) (pos + offset + 0.5)]; pos += step; }
        } else if (quality >= Interpolation.CUBIC) {
            for (int j = from; j < to; j++) {
                double q = pos + offset;
                int idx = (int) q;
                out[j] = Interpolation.hermite(d[idx - 1], d[idx], d[idx + 1], d[idx + 2], (float) (q - idx));
                pos += step;
            }
        } else {
            for (int j = from; j < to; j++) {
                double q = pos + offset;
                int idx = (int) q;
                out[j] = Interpolation.linear(d[idx], d[idx + 1], (float) (q - idx));
                pos += step;
            }
        }
        return pos;
    }

    /**
     * As nearest ({@link #runShifted} at quality 0), travelling backward ({@code step < 0}): a position halfway between two frames
     * takes the one ahead in the direction of travel, as the forward rounding does, so a mirrored loop
     * reads the same frames either way.
     */
    static double nearestBackward(float[] d, float[] out, int from, int to, double p, double step) {
        for (int j = from; j < to; j++) {
            out[j] = d[(int) Math.ceil(p - 0.5)];
            p += step;
        }
        return p;
    }

    /** Linear interpolation reading a ring buffer: frame f lives at {@code ring[f & mask]}. */
    static double linearRing(float[] ring, float[] out, int from, int to, double p, double step) {
        final int mask = ring.length - 1;
        for (int j = from; j < to; j++) {
            long idx = (long) p;
            float f = (float) (p - idx);
            int i = (int) idx;
            out[j] = Interpolation.linear(ring[i & mask], ring[(i + 1) & mask], f);
            p += step;
        }
        return p;
    }

    static double cubicRing(float[] ring, float[] out, int from, int to, double p, double step) {
        final int mask = ring.length - 1;
        for (int j = from; j < to; j++) {
            long idx = (long) p;
            float f = (float) (p - idx);
            int i = (int) idx;
            out[j] = Interpolation.hermite(ring[(i - 1) & mask], ring[i & mask], ring[(i + 1) & mask], ring[(i + 2) & mask], f);
            p += step;
        }
        return p;
    }
}
