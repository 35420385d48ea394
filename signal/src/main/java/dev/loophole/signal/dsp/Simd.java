package dev.loophole.signal.dsp;

/**
 * Whether the SIMD kernels may run. The Vector API is an incubator module in JDK 25, resolved only when the JVM
 * is started with {@code --add-modules jdk.incubator.vector} (the launcher does, for every command but
 * {@code --version} and {@code --help}); without it, or on a CPU without eight-float vectors ({@link SimdWidth}), the
 * scalar kernels run.
 *
 * <p>A kernel's vector and scalar forms do the same arithmetic in the same order — fixed lane counts (never the
 * machine's preferred width), lanes summed one by one in a fixed order, no fused multiply-add in one form and not the
 * other — so a render is bit-identical whichever runs, on any machine. Classes that touch {@code jdk.incubator.vector}
 * are loaded only behind {@link #VECTOR}. {@code -Dloophole.simd=false} forces the scalar forms (tests compare them).
 */
public final class Simd {
    private Simd() {}

    public static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equals(System.getProperty("loophole.simd")) && SimdWidth.eightFloats();
}
