package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.CpuFlags;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CubicRun#hermite} eight frames at a time. The eight frames' neighbours lie within sixteen consecutive
 * samples whenever the first and last index of the group are at most {@link #SPREAD} apart (a pitch ratio up to
 * about 1.7): those sixteen are loaded as two vectors and each neighbour picked from them by lane index
 * ({@code selectFrom}, a table look-up across two registers) instead of gathered from memory; a wider group
 * runs the scalar form. Then {@link dev.loophole.signal.dsp.Interpolation#hermite}'s expression lane by lane,
 * operation for operation (no fused multiply-add; fixed 256-bit species, whatever the machine prefers), so the
 * output equals the scalar form's bit for bit. Loaded only when {@link dev.loophole.signal.dsp.Simd#VECTOR} is true.
 *
 * <p>Two entries: runs in {@link CubicRun}'s integer form, whose eight positions are made in long lanes (index =
 * position ≫ shift, fraction = the low bits converted to float, the scalar casts' very roundings), where eight longs
 * fit a register ({@link #WIDE}); elsewhere frames whose index and fraction {@link CubicRun#positions} left in scratch
 * arrays (renders use one entry or the other, never both, so one kernel is compiled and warmed up).
 */
final class CubicVector {
    private CubicVector() {}

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_256;
    static final int LANES = 8;
    private static final VectorSpecies<Long> L = LongVector.SPECIES_512;
    /** The lanes' offsets 0 … 7. */
    private static final LongVector IOTA = LongVector.zero(L).addIndex(1);
    /**
     * Whether eight longs fit a vector register (AVX-512): the positions' form ({@link #hermite(float[], float[], int, int,
     * long, long, int)}) works in them; elsewhere the JIT would not map it to registers (and the fallback boxes). On x86
     * its long-to-float conversion also needs AVX-512DQ ({@code vcvtqq2ps}; HotSpot's x86.ad supports VectorCastL2X to a
     * floating type only with it), which the Xeon Phi's AVX-512 lacks (its other operations were not checked one by one: a chip without DQ is left out whatever else it has).
     */
    static final boolean WIDE = LongVector.SPECIES_PREFERRED.length() >= LANES && (!CpuFlags.X86 || CpuFlags.x86Has("avx512dq"));
    /** Largest index spread of a group of eight: its last frame's x2 is then window lane SPREAD + 3 = 15. */
    private static final int SPREAD = 12;

    /**
     * Scratch data that takes every branch of the kernels (a group in the register window, one too wide for it, one at
     * the sample's end), so the compiled kernel meets no path it never saw, which would send it back to the interpreter
     * mid-render: {@link ScalarStart}'s warm-ups. Case {@code c} of {@link #run(int)}: the indices {@code at[c]}, or
     * positions from {@code q[c]} by {@code mm[c]} in units of 2^−{@link #SHIFT}. A nested class, so not one whose C2
     * thresholds are scaled: C2 compiles the kernel on its own, never a warm-up loop with the kernel inlined.
     */
    record Exercise(float[] d, float[] frac, float[] out, int[][] at, long[] q, long[] mm) implements Runnable {
        static final int SHIFT = 40, CASES = 4;

        static Exercise make() {
            float[] d = new float[80], frac = new float[32];
            int[] narrow = new int[32], wide = new int[32], end = new int[32];
            for (int j = 0; j < 32; j++) { narrow[j] = 1 + j; wide[j] = 1 + 2 * j; end[j] = 70 + j % 8; frac[j] = j / 32f; }
            for (int i = 0; i < d.length; i++) d[i] = i;
            long one = 1L << SHIFT;
            // the positions' form: steps ≈ 1 from 1.25 (the vector loop), ≈ 2 from 1.5, 0.25 from 70, ≈ −1 from 34.5 (scalar)
            return new Exercise(d, frac, new float[32], new int[][] {narrow, wide, end},
                    new long[] {one + one / 4, one + one / 2, 70 * one, 34 * one + one / 2},
                    new long[] {one + 12_345, 2 * one + 6_789, one / 4, -one - 4_321});
        }

        /** One round: every case. */
        @Override
        public void run() {
            for (int c = 0; c < CASES; c++) run(c);
        }

        /** The kernel renders use on case {@code c}: the positions' form where it runs ({@link #WIDE}), else the scratch form. */
        void run(int c) {
            if (WIDE) hermite(d, out, 0, 32, q[c], mm[c], SHIFT);
            else hermite(d, frac, out, 0, 32, at[c % at.length]);
        }
    }


    /**
     * {@link CubicRun#hermite(float[], float[], int, int, long, long, int)} eight frames at a time: each lane's position
     * {@code q + j·mm} made in a long lane, its index and fraction taken from it there (the fraction's long-to-float
     * rounding is the scalar cast's), with no round trip through scratch arrays. Frames {@code [from, from + 8m)} for
     * the largest such m up to {@code to}, or none (see below); returns the first frame not done. Only where {@link #WIDE}.
     */
    static int hermite(float[] d, float[] out, int from, int to, long q, long mm, int sh) {
        int groups = (to - from) / LANES;
        // Forward, no group wider than the window (spread ≤ floor(7·step) + 1) and the last group's window inside the
        // array; else the scalar form reads the run (backward loop passes, ratios above ≈ 1.6, the array's end: 0.1 % of
        // the GM song's frames), which keeps this loop free of tests per group and C2's compile of it small
        if (mm < 0 || ((LANES - 1) * mm >>> sh) >= SPREAD || ((q + (groups - 1) * LANES * mm) >>> sh) + 2 * LANES - 1 > d.length) return from;
        long mask = (1L << sh) - 1;
        float unit = Float.intBitsToFloat((127 - sh) << 23);
        LongVector steps = IOTA.mul(mm);
        // The group's window and Hermite are written out here and in the other kernel, not in a helper: vectors passed to
        // a method C2 did not inline are boxed, and whether it inlines one depends on compile order and code size (on an
        // AVX2 machine it did not: 1,490 young collections in one GM render instead of 12)
        for (int g = 0; g < groups; g++, q += LANES * mm) {
            int lo = (int) (q >>> sh), base = lo - 1;
            LongVector p = steps.add(q);
            IntVector k = (IntVector) p.lanewise(VectorOperators.LSHR, sh).sub(lo).convertShape(VectorOperators.L2I, I, 0);
            FloatVector f = ((FloatVector) p.and(mask).convertShape(VectorOperators.L2F, F, 0)).mul(unit);
            // the sixteen samples from base, picked as int bits (an int index picks without the float form's conversions)
            IntVector w0 = FloatVector.fromArray(F, d, base).reinterpretAsInts(), w1 = FloatVector.fromArray(F, d, base + LANES).reinterpretAsInts();
            FloatVector xm1 = k.selectFrom(w0, w1).reinterpretAsFloats(), x0 = k.add(1).selectFrom(w0, w1).reinterpretAsFloats();
            FloatVector x1 = k.add(2).selectFrom(w0, w1).reinterpretAsFloats(), x2 = k.add(3).selectFrom(w0, w1).reinterpretAsFloats();
            // c1 = 0.5 (x1 − xm1); c2 = xm1 − 2.5 x0 + 2 x1 − 0.5 x2; c3 = 0.5 (x2 − xm1) + 1.5 (x0 − x1)
            FloatVector c1 = x1.sub(xm1).mul(0.5f), c2 = xm1.sub(x0.mul(2.5f)).add(x1.mul(2f)).sub(x2.mul(0.5f));
            FloatVector c3 = x2.sub(xm1).mul(0.5f).add(x0.sub(x1).mul(1.5f));
            c3.mul(f).add(c2).mul(f).add(c1).mul(f).add(x0).intoArray(out, from + g * LANES);
        }
        return from + groups * LANES;
    }

    /** Frames {@code [from, from + 8m)} for the largest such m up to {@code to}; returns the first frame not done. */
    static int hermite(float[] d, float[] frac, float[] out, int from, int to, int[] at) {
        int j = from;
        for (; j + LANES <= to; j += LANES) {
            int first = at[j], last = at[j + LANES - 1];
            int lo = Math.min(first, last), base = lo - 1;
            if (Math.abs(last - first) > SPREAD || base + 2 * LANES > d.length) {
                CubicRun.hermite(d, frac, out, j, j + LANES, at);
                continue;
            }
            IntVector k = IntVector.fromArray(I, at, j).sub(lo);
            FloatVector f = FloatVector.fromArray(F, frac, j);
            // as in the positions' form above, written out (see there)
            IntVector w0 = FloatVector.fromArray(F, d, base).reinterpretAsInts(), w1 = FloatVector.fromArray(F, d, base + LANES).reinterpretAsInts();
            FloatVector xm1 = k.selectFrom(w0, w1).reinterpretAsFloats(), x0 = k.add(1).selectFrom(w0, w1).reinterpretAsFloats();
            FloatVector x1 = k.add(2).selectFrom(w0, w1).reinterpretAsFloats(), x2 = k.add(3).selectFrom(w0, w1).reinterpretAsFloats();
            FloatVector c1 = x1.sub(xm1).mul(0.5f), c2 = xm1.sub(x0.mul(2.5f)).add(x1.mul(2f)).sub(x2.mul(0.5f));
            FloatVector c3 = x2.sub(xm1).mul(0.5f).add(x0.sub(x1).mul(1.5f));
            c3.mul(f).add(c2).mul(f).add(c1).mul(f).add(x0).intoArray(out, j);
        }
        return j;
    }
}
