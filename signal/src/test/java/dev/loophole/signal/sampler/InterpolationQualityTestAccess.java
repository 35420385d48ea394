package dev.loophole.signal.sampler;

/** The pitch estimator of InterpolationQualityTest, for tests in other packages. */
public final class InterpolationQualityTestAccess {
    private InterpolationQualityTestAccess() {}

    public static double frequency(float[] x, int from, int to) { return InterpolationQualityTest.frequency(x, from, to); }
}
