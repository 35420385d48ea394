package dev.loophole.signal.dsp;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static dev.loophole.signal.dsp.VoiceFilter.*;

/**
 * {@link FilterLanes}' run, four channels at a time: {@link VoiceFilter}'s two-frames-per-step state-space loop with
 * each double a vector of four lanes, every product and sum in the scalar loop's order (no fused multiply-add; a fixed
 * 256-bit species, whatever the machine prefers), so each lane equals its filter's scalar run bit for bit. Loaded
 * only when {@link Simd#VECTOR} is true.
 */
final class FilterLanesVector {
    private FilterLanesVector() {}

    private static final VectorSpecies<Double> D4 = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Float> F4 = FloatVector.SPECIES_128;
    private static final int L = FilterLanes.LANES;

    // lane picks for a 4×4 transpose in two rounds of two-register look-ups: rows (a0 a1 a2 a3), (b0 …) →
    // (a0 b0 a1 b1), (a2 b2 a3 b3) → columns (a0 b0 c0 d0) …; the same picks turn the columns back into rows
    private static final double[] INTERLEAVE_LO = {0, 4, 1, 5}, INTERLEAVE_HI = {2, 6, 3, 7}, PAIR_LO = {0, 1, 4, 5}, PAIR_HI = {2, 3, 6, 7};

    /**
     * Frames [0, n) of the four channels {@code b0 … b3} in place, state {@code s} (z1 lanes, then z2 lanes), coefficients
     * {@code c} (K·4 + lane), four frames at a time: the channels' floats are widened and transposed into one vector per
     * frame (lane = channel), and the outputs transposed back. Returns the frames done (n rounded down to four); the
     * caller runs the rest through each filter alone, whose pairs of frames line up with these. Written out in one
     * method, no helpers: a helper C2 compiles on its own is not inlined into this loop, and a vector crossing a call is
     * boxed (allocated).
     */
    static int run(float[] b0, float[] b1, float[] b2, float[] b3, double[] c, double[] s, int n) {
        final DoubleVector a11 = DoubleVector.fromArray(D4, c, A11 * L), a12 = DoubleVector.fromArray(D4, c, A12 * L), a21 = DoubleVector.fromArray(D4, c, A21 * L), a22 = DoubleVector.fromArray(D4, c, A22 * L), b1c = DoubleVector.fromArray(D4, c, B1 * L), b2c = DoubleVector.fromArray(D4, c, B2 * L);
        final DoubleVector c1 = DoubleVector.fromArray(D4, c, C1 * L), c2 = DoubleVector.fromArray(D4, c, C2 * L), d = DoubleVector.fromArray(D4, c, D * L), q11 = DoubleVector.fromArray(D4, c, Q11 * L), q12 = DoubleVector.fromArray(D4, c, Q12 * L), q21 = DoubleVector.fromArray(D4, c, Q21 * L), q22 = DoubleVector.fromArray(D4, c, Q22 * L);
        final DoubleVector r1 = DoubleVector.fromArray(D4, c, R1 * L), r2 = DoubleVector.fromArray(D4, c, R2 * L);
        final DoubleVector lo = DoubleVector.fromArray(D4, INTERLEAVE_LO, 0), hi = DoubleVector.fromArray(D4, INTERLEAVE_HI, 0);
        final DoubleVector pl = DoubleVector.fromArray(D4, PAIR_LO, 0), ph = DoubleVector.fromArray(D4, PAIR_HI, 0);
        DoubleVector z1 = DoubleVector.fromArray(D4, s, 0), z2 = DoubleVector.fromArray(D4, s, L);
        int i = 0;
        for (; i + 4 <= n; i += 4) {
            DoubleVector w0 = (DoubleVector) FloatVector.fromArray(F4, b0, i).convertShape(VectorOperators.F2D, D4, 0), w1 = (DoubleVector) FloatVector.fromArray(F4, b1, i).convertShape(VectorOperators.F2D, D4, 0), w2 = (DoubleVector) FloatVector.fromArray(F4, b2, i).convertShape(VectorOperators.F2D, D4, 0), w3 = (DoubleVector) FloatVector.fromArray(F4, b3, i).convertShape(VectorOperators.F2D, D4, 0);
            DoubleVector e0 = lo.selectFrom(w0, w1), e1 = hi.selectFrom(w0, w1), e2 = lo.selectFrom(w2, w3), e3 = hi.selectFrom(w2, w3);
            DoubleVector x0 = pl.selectFrom(e0, e2), x1 = ph.selectFrom(e0, e2), x2 = pl.selectFrom(e1, e3), x3 = ph.selectFrom(e1, e3);
            // frames i, i + 1
            DoubleVector y0 = c1.mul(z1).add(c2.mul(z2)).add(d.mul(x0));
            DoubleVector t1 = a11.mul(z1).add(a12.mul(z2).add(b1c.mul(x0))), t2 = a22.mul(z2).add(a21.mul(z1).add(b2c.mul(x0)));
            DoubleVector y1 = c1.mul(t1).add(c2.mul(t2)).add(d.mul(x1));
            DoubleVector n1 = q11.mul(z1).add(q12.mul(z2).add(r1.mul(x0).add(b1c.mul(x1))));
            z2 = q22.mul(z2).add(q21.mul(z1).add(r2.mul(x0).add(b2c.mul(x1))));
            z1 = n1;
            // frames i + 2, i + 3
            DoubleVector y2 = c1.mul(z1).add(c2.mul(z2)).add(d.mul(x2));
            t1 = a11.mul(z1).add(a12.mul(z2).add(b1c.mul(x2)));
            t2 = a22.mul(z2).add(a21.mul(z1).add(b2c.mul(x2)));
            DoubleVector y3 = c1.mul(t1).add(c2.mul(t2)).add(d.mul(x3));
            n1 = q11.mul(z1).add(q12.mul(z2).add(r1.mul(x2).add(b1c.mul(x3))));
            z2 = q22.mul(z2).add(q21.mul(z1).add(r2.mul(x2).add(b2c.mul(x3))));
            z1 = n1;
            DoubleVector f0 = lo.selectFrom(y0, y1), f1 = hi.selectFrom(y0, y1), f2 = lo.selectFrom(y2, y3), f3 = hi.selectFrom(y2, y3);
            ((FloatVector) pl.selectFrom(f0, f2).convertShape(VectorOperators.D2F, F4, 0)).intoArray(b0, i);
            ((FloatVector) ph.selectFrom(f0, f2).convertShape(VectorOperators.D2F, F4, 0)).intoArray(b1, i);
            ((FloatVector) pl.selectFrom(f1, f3).convertShape(VectorOperators.D2F, F4, 0)).intoArray(b2, i);
            ((FloatVector) ph.selectFrom(f1, f3).convertShape(VectorOperators.D2F, F4, 0)).intoArray(b3, i);
        }
        z1.intoArray(s, 0);
        z2.intoArray(s, L);
        return i;
    }
}
