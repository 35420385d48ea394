package dev.loophole.signal.dsp;

/**
 * Decimation by two through a Kaiser-windowed half-band FIR: the step that makes a sample's octave copies for the
 * windowed sinc ({@code OctaveCopies} in the sampler), so a voice pitched up reads a copy at most one octave below
 * its own rate instead of a kernel stretched by the whole pitch ratio.
 *
 * <p><b>Design</b> (of the input rate F): pass band to 0.2083·F, flat within 1e-6 dB; stop band from 0.2917·F at
 * −141 dB; 123 taps (β 14.5, odd offsets up to ±61), half of them zero. The edges are where the 64-tap sinc puts its
 * own (20 kHz of 48 kHz): whatever the copy folds back lands above 0.4167 of its rate, outside the band a voice
 * reading it passes below the output's 20 kHz. Symmetric and centred, so output frame j sits exactly at input
 * frame 2j (no delay); the input is read as zeros outside {@code [0, length)}.
 */
public final class HalfBand {
    /** Largest odd offset of a non-zero tap. */
    public static final int REACH = 61;
    private static final double BETA = 14.5;
    private static final double[] ODD = design(); // ODD[i] = h(2i + 1) = h(−(2i + 1)); h(0) = 1/2

    private HalfBand() {}

    /** Frames of the decimated copy of a {@code length}-frame input, the filter's ringing past the end included. */
    public static int decimatedLength(int length) {
        return length == 0 ? 0 : (length - 1 + REACH) / 2 + 1;
    }

    /** {@code x[0, length)} low-passed and decimated by two. */
    public static float[] decimate(float[] x, int length) {
        float[] y = new float[decimatedLength(length)];
        for (int j = 0; j < y.length; j++) {
            int c = 2 * j;
            double acc = c < length ? 0.5 * x[c] : 0;
            if (c - REACH >= 0 && c + REACH < length) {
                for (int i = 0; i < ODD.length; i++) acc += ODD[i] * ((double) x[c - 2 * i - 1] + x[c + 2 * i + 1]);
            } else {
                for (int i = 0; i < ODD.length; i++) {
                    int a = c - 2 * i - 1, b = c + 2 * i + 1;
                    double s = (a >= 0 && a < length ? x[a] : 0) + (b < length ? x[b] : 0);
                    acc += ODD[i] * s;
                }
            }
            y[j] = (float) acc;
        }
        return y;
    }

    /** The magnitude response at {@code f} (a fraction of the input rate), for tests. */
    static double response(double f) {
        double h = 0.5;
        for (int i = 0; i < ODD.length; i++) h += 2 * ODD[i] * Math.cos(2 * Math.PI * f * (2 * i + 1));
        return Math.abs(h);
    }

    private static double[] design() {
        int n = (REACH + 1) / 2;
        double[] odd = new double[n];
        double i0 = SincInterpolator.besselI0(BETA), sum = 0;
        for (int i = 0; i < n; i++) {
            int m = 2 * i + 1;
            double r = m / (REACH + 1.0);
            double w = SincInterpolator.besselI0(BETA * Math.sqrt(1 - r * r)) / i0;
            odd[i] = 0.5 * Math.sin(Math.PI * m / 2) / (Math.PI * m / 2) * w;
            sum += 2 * odd[i];
        }
        for (int i = 0; i < n; i++) odd[i] *= 0.5 / sum; // the odd taps sum to 1/2: DC passes exactly
        return odd;
    }
}
