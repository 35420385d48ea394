package dev.loophole.signal.dsp;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link SincKernels} on the Vector API, 8 float lanes (256 bits) whatever the machine offers, so the partial sums and
 * their tree are the scalar form's: same bits. Loaded only when {@link Simd#VECTOR}.
 */
final class SincKernelsVector extends SincKernels {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final VectorShuffle<Float> PAIRS = VectorShuffle.fromValues(F, 1, 0, 3, 2, 5, 4, 7, 6),
            QUADS = VectorShuffle.fromValues(F, 2, 3, 0, 1, 6, 7, 4, 5),
            HALVES = VectorShuffle.fromValues(F, 4, 5, 6, 7, 0, 1, 2, 3);

    // One 8-tap block per iteration, no branch inside: the two partial sums trade places each block (block q goes to
    // sum q mod 2, as in the scalar twin; their final sum is the same either way round), so every load dominates the
    // back edge and C2 can hoist its range check out of the loop (loop predication).

    @Override
    public float direct(float[] t, int r0, int r1, float a, float[] buf, int base, int taps) {
        FloatVector va = FloatVector.broadcast(F, a), s0 = FloatVector.zero(F), s1 = s0;
        for (int j = 0; j < taps; j += 8) {
            FloatVector c0 = FloatVector.fromArray(F, t, r0 + j);
            FloatVector x = FloatVector.fromArray(F, buf, base + j).fma(va.fma(FloatVector.fromArray(F, t, r1 + j).sub(c0), c0), s0);
            s0 = s1;
            s1 = x;
        }
        // the tree written out here, not in a helper: a vector passed to a method C2 did not inline is boxed
        // (15 KB per block on the audio-lane path, AudioLaneTest)
        FloatVector v = s0.add(s1), p = v.add(v.rearrange(PAIRS)), q = p.add(p.rearrange(QUADS));
        return q.add(q.rearrange(HALVES)).lane(0);
    }

    @Override
    public void directStereo(float[] t, int r0, int r1, float a, float[] l, float[] r, int base, int taps,
                             float[] outL, float[] outR, int k) {
        FloatVector va = FloatVector.broadcast(F, a), l0 = FloatVector.zero(F), l1 = l0, q0 = l0, q1 = l0;
        for (int j = 0; j < taps; j += 8) {
            FloatVector c0 = FloatVector.fromArray(F, t, r0 + j);
            FloatVector w = va.fma(FloatVector.fromArray(F, t, r1 + j).sub(c0), c0);
            FloatVector x = FloatVector.fromArray(F, l, base + j).fma(w, l0), y = FloatVector.fromArray(F, r, base + j).fma(w, q0);
            l0 = l1;
            l1 = x;
            q0 = q1;
            q1 = y;
        }
        FloatVector vl = l0.add(l1), pl = vl.add(vl.rearrange(PAIRS)), ql = pl.add(pl.rearrange(QUADS));
        FloatVector vr = q0.add(q1), pr = vr.add(vr.rearrange(PAIRS)), qr = pr.add(pr.rearrange(QUADS));
        outL[k] = ql.add(ql.rearrange(HALVES)).lane(0);
        outR[k] = qr.add(qr.rearrange(HALVES)).lane(0);
    }
}
