package dev.loophole.signal.dsp;

/**
 * The curve of an envelope segment ({@code egN_shapeX}, ARIA {@code *_attack_shape}…), as a map of
 * progress x in [0, 1] to [0, 1]: 0 is straight; s &gt; 0 starts slowly (x^(1+s)); s &lt; 0 starts fast
 * (1 − (1−x)^(1−s)). Both ends are fixed, so a shape never changes a segment's time or its levels.
 */
public final class Shape {
    private Shape() {}

    public static double apply(double x, double s) {
        if (s == 0) return x;
        return s > 0 ? Math.pow(x, 1 + s) : 1 - Math.pow(1 - x, 1 - s);
    }
}
