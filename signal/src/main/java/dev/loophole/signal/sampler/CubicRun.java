package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.Simd;

/**
 * The cubic (Catmull-Rom) read of a run of frames whose four neighbours lie in one array, for one or two
 * channels. A run in the integer form (below) reads each frame straight from its integer position, index and fraction
 * made where they are used (eight lanes at a time in {@link CubicVector} on AVX-512: no round trip through scratch
 * arrays, whose stores the vector loads had to wait for). Other runs go in two phases: first every frame's position
 * (its index into {@code at}, its fraction into the left output, scratch until the second phase overwrites it), then
 * the interpolation from those; a stereo voice works out those positions once for both channels.
 *
 * <p><b>Positions without the chain.</b> Every read path sums the voice's position frame by frame,
 * {@code p += step}, and reads at {@code q = p + offset}; that chain of dependent additions (one add's latency
 * per frame) was the kernel's critical path. Within one binade [2<sup>e</sup>, 2<sup>e+1</sup>) doubles are
 * the multiples of u = 2<sup>e−52</sup>, so while every sum of a run stays inside one binade each
 * {@code p += step} rounds to {@code p + M·u}, M = step/u rounded to the nearest integer (unless step/u lies
 * exactly halfway, where the rounding would depend on p's last bit). Then p<sub>j</sub> = (P + j·M)·u exactly, in
 * integers, with no chain; a whole {@code offset} ≤ 0 keeps q exact too. {@link #run} and {@link #positions} use
 * that form where those conditions hold (97 % of the GM song's frames) and sum frame by frame elsewhere: either way
 * the very doubles the summing loop makes (so the render is bit-identical to it; {@code CubicRunTest} checks every
 * form against the summing loop).
 */
final class CubicRun {
    private CubicRun() {}

    private static final long BINADE_LO = 1L << 52, BINADE_HI = 1L << 53;

    /**
     * Frames {@code [from, to)} read at {@code pos + offset} (sums of {@code step} from {@code pos}); {@code dr}
     * and {@code outR} are null for one channel. Returns the position after the run. {@code at} is scratch of
     * at least {@code to} ints. {@code vector}: the Vector API form may run (where it is resolved); the same bits either way.
     */
    static double run(float[] dl, float[] dr, float[] outL, float[] outR, int from, int to,
                      double pos, double offset, double step, int[] at, boolean vector) {
        boolean lanes = vector && Simd.VECTOR;
        int sh = integerShift(pos, offset, step, to - from);
        if (sh >= 0 && (!lanes || CubicVector.WIDE)) { // the integer form, read straight from the sums (no scratch)
            double up = twoTo(sh);
            long mm = (long) Math.rint(step * up), p0 = (long) (pos * up);
            integerRun(dl, dr, outL, outR, from, to, p0 + (long) (offset * up), mm, sh, lanes);
            return (double) (p0 + (to - from) * mm) * twoTo(-sh);
        }
        // Where the positions' form runs (WIDE) the scratch kernel is not used at all: 3 % of the GM song's frames would
        // gain little from it, and compiling it and warming it up would cost a one-shot render more than that
        boolean scratchLanes = lanes && !CubicVector.WIDE;
        double end = positions(from, to, pos, offset, step, at, outL, sh);
        if (dr != null) interpolate(dr, outL, outR, from, to, at, scratchLanes); // right first: it reads the fractions the left overwrites
        interpolate(dl, outL, outL, from, to, at, scratchLanes);
        return end;
    }

    /**
     * {@link #run}'s integer form: frames {@code [from, to)} at {@code q + (j − from)·mm} in units of 2^−sh, both channels
     * ({@code dr}, {@code outR} null for one). Returns how many frames of each channel {@link CubicVector} did (0 without
     * {@code lanes}), so a test watches the kernel renders take rather than guessing it.
     */
    static int integerRun(float[] dl, float[] dr, float[] outL, float[] outR, int from, int to, long q, long mm, int sh, boolean lanes) {
        if (dr != null) read(dr, outR, from, to, q, mm, sh, lanes);
        return read(dl, outL, from, to, q, mm, sh, lanes);
    }

    /** One channel of {@link #integerRun}; returns the frames the vector kernel did. */
    private static int read(float[] d, float[] out, int from, int to, long q, long mm, int sh, boolean lanes) {
        int j = lanes && to - from >= CubicVector.LANES ? CubicVector.hermite(d, out, from, to, q, mm, sh) : from;
        hermite(d, out, j, to, q + (j - from) * mm, mm, sh);
        return j - from;
    }

    /**
     * For frames {@code [from, to)}: {@code at[j] = (int) q} and {@code frac[j] = (float) (q − (int) q)} with
     * {@code q = p + offset}, p summed from {@code pos} by {@code step}; returns the sum after the last frame.
     * Positions must be ≥ 0 ({@code (int)} then floors).
     */
    static double positions(int from, int to, double pos, double offset, double step, int[] at, float[] frac) {
        return positions(from, to, pos, offset, step, at, frac, integerShift(pos, offset, step, to - from));
    }

    /** {@link #positions}, given the run's {@link #integerShift} {@code sh}. */
    private static double positions(int from, int to, double pos, double offset, double step, int[] at, float[] frac, int sh) {
        if (sh >= 0) {
            double up = twoTo(sh); // × up and × 2^-sh are exact: powers of two, far from overflow
            long mm = (long) Math.rint(step * up), p0 = (long) (pos * up), mask = (1L << sh) - 1;
            float unit = Float.intBitsToFloat((127 - sh) << 23); // 2^-sh as a float, sh <= 52
            long q = p0 + (long) (offset * up);
            for (int j = from; j < to; j++, q += mm) {
                at[j] = (int) (q >>> sh);
                frac[j] = (float) (q & mask) * unit;
            }
            return (double) (p0 + (to - from) * mm) * twoTo(-sh);
        }
        for (int j = from; j < to; j++) { // the summing loop itself
            double q = pos + offset;
            int idx = (int) q;
            at[j] = idx;
            frac[j] = (float) (q - idx);
            pos += step;
        }
        return pos;
    }

    /**
     * When the {@code n} sums of a run from {@code pos} all stay inside pos's binade (a margin of one unit u each
     * side), step/u is not a tie, {@code offset} is whole, ≤ 0 and leaves q ≥ 0: 52 − e, the shift that makes u
     * one; else −1 (sum frame by frame).
     */
    static int integerShift(double pos, double offset, double step, int n) {
        int e = Math.getExponent(pos);
        if (e < 0 || e > 30 || offset > 0 || offset != Math.rint(offset) || -offset > pos) return -1;
        int sh = 52 - e;
        double up = twoTo(sh), s = step * up, m = Math.rint(s);
        if (Math.abs(s - m) == 0.5 || Math.abs(m) >= 0x1p56 || n > 64) return -1; // n·m stays far inside a long
        long p0 = (long) (pos * up), last = p0 + n * (long) m, o = (long) (offset * up);
        return last > BINADE_LO && last < BINADE_HI - 1 && p0 + o >= 0 && last + o >= 0 ? sh : -1;
    }

    /** 2^k for |k| ≤ 1022, from its bits. */
    private static double twoTo(int k) { return Double.longBitsToDouble((long) (k + 1023) << 52); }

    /** {@link #hermite}, eight frames at a time on the Vector API where it is resolved. */
    private static void interpolate(float[] d, float[] frac, float[] out, int from, int to, int[] at, boolean vector) {
        int j = Simd.VECTOR && vector && to - from >= CubicVector.LANES ? CubicVector.hermite(d, frac, out, from, to, at) : from;
        hermite(d, frac, out, j, to, at);
    }

    /**
     * {@link Interpolation#hermite} at each frame of {@code [from, to)} read at {@code q + (j − from)·mm} in units of
     * 2^−sh (the integer form): index {@code q >>> sh}, fraction {@code q}'s low {@code sh} bits, as {@link #positions} makes them.
     */
    static void hermite(float[] d, float[] out, int from, int to, long q, long mm, int sh) {
        long mask = (1L << sh) - 1;
        float unit = Float.intBitsToFloat((127 - sh) << 23);
        for (int j = from; j < to; j++, q += mm) {
            int i = (int) (q >>> sh);
            out[j] = Interpolation.hermite(d[i - 1], d[i], d[i + 1], d[i + 2], (float) (q & mask) * unit);
        }
    }

    /** {@link Interpolation#hermite} at each frame of {@code [from, to)}: index {@code at[j]}, fraction {@code frac[j]}. */
    static void hermite(float[] d, float[] frac, float[] out, int from, int to, int[] at) {
        for (int j = from; j < to; j++) {
            int i = at[j];
            out[j] = Interpolation.hermite(d[i - 1], d[i], d[i + 1], d[i + 2], frac[j]);
        }
    }
}
