package dev.loophole.signal.dsp;

/**
 * Sample interpolation kernels. Each takes the four neighbours x[i-1], x[i], x[i+1], x[i+2] and the
 * fraction between x[i] and x[i+1]; at fraction 0 both return x[i] exactly, so a sample played at
 * its own rate and pitch passes through bit for bit.
 */
public final class Interpolation {
    private Interpolation() {}

    /** Quality codes, ordered cheap to best. */
    public static final int NEAREST = 0;
    public static final int LINEAR = 1;
    public static final int CUBIC = 2;
    public static final int SINC_8 = 3, SINC_16 = 4, SINC_32 = 5, SINC_64 = 6;

    /** The quality for an SFZ {@code sample_quality} value 0..10: 0 nearest, 1 linear, 2 cubic, 3..10 sinc of growing length. */
    public static int fromSampleQuality(int q) {
        if (q <= 0) return NEAREST;
        if (q == 1) return LINEAR;
        if (q == 2) return CUBIC;
        if (q == 3) return SINC_8;
        if (q <= 5) return SINC_16;
        if (q <= 7) return SINC_32;
        return SINC_64;
    }

    /** Names for command lines and reports. */
    public static final String[] NAMES = {"nearest", "linear", "cubic", "sinc8", "sinc16", "sinc32", "sinc64"};

    /** A quality code by name, or -1. */
    public static int byName(String name) {
        for (int i = 0; i < NAMES.length; i++) if (NAMES[i].equals(name)) return i;
        return -1;
    }

    public static float linear(float x0, float x1, float frac) {
        return x0 + (x1 - x0) * frac;
    }

    /** Cubic Hermite (Catmull-Rom): continuous first derivative, passes through the samples. */
    public static float hermite(float xm1, float x0, float x1, float x2, float frac) {
        float c1 = 0.5f * (x1 - xm1);
        float c2 = xm1 - 2.5f * x0 + 2f * x1 - 0.5f * x2;
        float c3 = 0.5f * (x2 - xm1) + 1.5f * (x0 - x1);
        return ((c3 * frac + c2) * frac + c1) * frac + x0;
    }
}
