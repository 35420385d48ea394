package dev.loophole.demo;

/**
 * A second-order filter (the usual audio-EQ-cookbook designs) used to shape noise for the drums.
 * Transposed direct form II in double precision; {@link StrictMath} keeps the coefficients identical everywhere.
 */
final class Biquad {
    private final double b0, b1, b2, a1, a2;
    private double z1, z2;

    private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
        this.b0 = b0 / a0;
        this.b1 = b1 / a0;
        this.b2 = b2 / a0;
        this.a1 = a1 / a0;
        this.a2 = a2 / a0;
    }

    static Biquad lowpass(double hz, double q, int rate) {
        double w = 2 * Math.PI * hz / rate, cos = StrictMath.cos(w), alpha = StrictMath.sin(w) / (2 * q);
        return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    static Biquad highpass(double hz, double q, int rate) {
        double w = 2 * Math.PI * hz / rate, cos = StrictMath.cos(w), alpha = StrictMath.sin(w) / (2 * q);
        return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
    }

    /** Band-pass with 0 dB gain at the centre. */
    static Biquad bandpass(double hz, double q, int rate) {
        double w = 2 * Math.PI * hz / rate, cos = StrictMath.cos(w), alpha = StrictMath.sin(w) / (2 * q);
        return new Biquad(alpha, 0, -alpha, 1 + alpha, -2 * cos, 1 - alpha);
    }

    double process(double x) {
        double y = b0 * x + z1;
        z1 = b1 * x - a1 * y + z2;
        z2 = b2 * x - a2 * y;
        return y;
    }
}
