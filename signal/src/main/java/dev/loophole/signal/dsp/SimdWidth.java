package dev.loophole.signal.dsp;

import jdk.incubator.vector.FloatVector;

/** Loaded only when the Vector API module is resolved (see {@link Simd#VECTOR}). */
final class SimdWidth {
    private SimdWidth() {}

    /**
     * Whether the CPU runs eight-float vectors as vectors: the kernels use {@code SPECIES_256}, and where the JIT cannot
     * map it to registers (x86 before AVX2, or a 128-bit machine) the Vector API runs Java fallbacks that box every
     * vector — allocation an audio thread must never do, and slower than the scalar forms, which give the same bits.
     */
    static boolean eightFloats() {
        return FloatVector.SPECIES_PREFERRED.length() >= 8;
    }
}
