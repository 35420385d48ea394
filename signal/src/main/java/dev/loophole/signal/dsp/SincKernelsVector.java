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
        FloatVector s0 = FloatVector.zero(F), s1 = s0, u0 = s0, u1 = s0;
        for (int j = 0; j < taps; j += 8) {
            FloatVector b = FloatVector.fromArray(F, buf, base + j);
            FloatVector x = b.fma(FloatVector.fromArray(F, t, r0 + j), s0), y = b.fma(FloatVector.fromArray(F, t, r1 + j), u0);
            s0 = s1;
            s1 = x;
            u0 = u1;
            u1 = y;
        }
        // the tree written out here, not in a helper: a vector passed to a method C2 did not inline is boxed
        // (15 KB per block on the audio-lane path, AudioLaneTest)
        FloatVector s = s0.add(s1), v = FloatVector.broadcast(F, a).fma(u0.add(u1).sub(s), s);
        FloatVector p = v.add(v.rearrange(PAIRS)), q = p.add(p.rearrange(QUADS));
        return q.add(q.rearrange(HALVES)).lane(0);
    }

    @Override
    public void directStereo(float[] t, int r0, int r1, float a, float[] l, float[] r, int base, int taps,
                             float[] outL, float[] outR, int k) {
        FloatVector l0 = FloatVector.zero(F), l1 = l0, m0 = l0, m1 = l0, q0 = l0, q1 = l0, v0 = l0, v1 = l0;
        for (int j = 0; j < taps; j += 8) {
            FloatVector c0 = FloatVector.fromArray(F, t, r0 + j), c1 = FloatVector.fromArray(F, t, r1 + j);
            FloatVector bl = FloatVector.fromArray(F, l, base + j), br = FloatVector.fromArray(F, r, base + j);
            FloatVector x = bl.fma(c0, l0), xu = bl.fma(c1, m0), y = br.fma(c0, q0), yu = br.fma(c1, v0);
            l0 = l1;
            l1 = x;
            m0 = m1;
            m1 = xu;
            q0 = q1;
            q1 = y;
            v0 = v1;
            v1 = yu;
        }
        FloatVector va = FloatVector.broadcast(F, a), sl = l0.add(l1), sr = q0.add(q1);
        FloatVector vl = va.fma(m0.add(m1).sub(sl), sl), pl = vl.add(vl.rearrange(PAIRS)), ql = pl.add(pl.rearrange(QUADS));
        FloatVector vr = va.fma(v0.add(v1).sub(sr), sr), pr = vr.add(vr.rearrange(PAIRS)), qr = pr.add(pr.rearrange(QUADS));
        outL[k] = ql.add(ql.rearrange(HALVES)).lane(0);
        outR[k] = qr.add(qr.rearrange(HALVES)).lane(0);
    }
}
