package dev.loophole.signal.dsp;

import java.lang.management.ManagementFactory;

/**
 * Fused multiply-add with one rounding — {@link Math#fma(float, float, float)}'s bits — that never allocates. Where the
 * CPU has the instruction (x86-64 with FMA3, every AArch64) HotSpot compiles {@code Math.fma} to it; elsewhere
 * {@code Math.fma} falls back to BigDecimal, which an audio thread must never run (and a vector {@code fma} falls back
 * to it lane by lane). There {@link #roundToOdd} gives the same bits with plain double arithmetic, so a render is
 * identical on either kind of machine, and the sinc's vector form is not used ({@link SincKernels#INSTANCE}).
 */
public final class Fma {
    private Fma() {}

    /** Whether this JVM compiles fused multiply-adds to the CPU's instruction (HotSpot's {@code UseFMA}). */
    public static final boolean HARDWARE = hardware();

    private static boolean hardware() {
        try {
            var vm = ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
            return vm != null && "true".equals(vm.getVMOption("UseFMA").getValue());
        } catch (RuntimeException | LinkageError e) { // not HotSpot, or no jdk.management: the portable form is exact too
            return false;
        }
    }

    /** a·b + c rounded once to float. */
    public static float fma(float a, float b, float c) {
        return HARDWARE ? Math.fma(a, b, c) : roundToOdd(a, b, c);
    }

    /**
     * a·b + c rounded once, without the instruction: the product is exact in double (24 + 24 bits of 53); the sum is
     * rounded to double by round-to-odd (its exact error from TwoSum: when the sum was inexact and came out even, step one
     * ulp toward the error), and a double rounded to odd, with 29 more bits than a float, rounds to the float nearest
     * the exact sum (Boldo and Melquiond, "When double rounding is odd").
     */
    static float roundToOdd(float a, float b, float c) {
        double p = (double) a * b, s = p + c;
        if (!Double.isFinite(s)) return (float) s;
        double v = s - p, err = (p - (s - v)) + (c - v);
        long bits = Double.doubleToRawLongBits(s);
        // Inexact and even: one ulp toward the error (+1 in the bits when the error has the sum's sign, else −1), with
        // no branch on the bit itself — it is a coin toss, and a mispredicted branch per tap made the sinc 10× slower.
        if (err != 0) bits += (~bits & 1) * (((bits ^ Double.doubleToRawLongBits(err)) >> 63) | 1);
        return (float) Double.longBitsToDouble(bits);
    }
}
