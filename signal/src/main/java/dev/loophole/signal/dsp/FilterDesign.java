package dev.loophole.signal.dsp;

/**
 * Control-side design arithmetic for {@link VoiceFilter}: resonance in dB to section Q, Butterworth
 * section Qs, and the resonance tables of the 4- and 6-pole cascades. Magnitudes of analog
 * prototypes are enough here: the bilinear transform moves frequencies but keeps every gain value,
 * so a peak height designed on the prototype is the peak height of the digital filter.
 */
final class FilterDesign {
    private FilterDesign() {}

    static final double SQRT1_2 = Math.sqrt(0.5);
    static final double[] BUTTER4 = butterworthQ(4), BUTTER6 = butterworthQ(6);

    /** Lift tables ({@link LiftTables}) are sampled at √resonance = 0, 0.2, … 6.4 (resonance 0..40.96 dB). */
    private static final double STEP = 0.2;

    /**
     * Q of a 2-pole low-pass whose resonant peak is {@code db} above the pass band (0 dB → 1/√2).
     * From |H|max = Q/√(1 − 1/(4Q²)): Q² = (P² + P√(P² − 1))/2 with P the peak as a gain.
     */
    static double qForPeakDb(double db) {
        double p = Math.pow(10, Math.max(db, 0) / 20);
        return Math.sqrt((p * p + p * Math.sqrt(p * p - 1)) / 2);
    }

    /** Peak gain in dB of a 2-pole low-pass of quality {@code q}; 0 when it has no peak. */
    static double peakDb(double q) {
        return q <= SQRT1_2 ? 0 : 20 * Math.log10(q / Math.sqrt(1 - 1 / (4 * q * q)));
    }

    /** Section Qs of a Butterworth filter of even order n, lowest Q first. */
    static double[] butterworthQ(int n) {
        double[] q = new double[n / 2];
        for (int i = 0; i < n / 2; i++) q[i] = 1 / (2 * Math.cos((2 * i + 1) * Math.PI / (2 * n)));
        return q;
    }

    /**
     * Q of the top section of a 4-pole (order 4) or 6-pole cascade whose other sections stay
     * Butterworth, such that the whole filter peaks {@code resonanceDb} above its pass band. The top
     * section must peak higher than that by a "lift" that grows from its Butterworth value (3.01 dB
     * for 4p, 6.02 dB for 6p: resonance 0 is exactly Butterworth) to the loss of the other sections
     * at cutoff (5.33 dB, 8.73 dB) as the peak narrows onto the cutoff. The lift is tabulated against
     * √resonance, where it is smooth, and interpolated linearly: peak within ~0.05 dB of the request.
     */
    static double cascadeTopQ(int order, double resonanceDb) {
        double[] table = order == 4 ? LiftTables.LIFT4 : LiftTables.LIFT6;
        double x = Math.sqrt(Math.max(resonanceDb, 0)) / STEP;
        int i = Math.min((int) x, table.length - 2);
        double a = Math.min(x - i, 1);
        double lift = table[i] + a * (table[i + 1] - table[i]);
        return qForPeakDb(resonanceDb + lift);
    }

    /** The lift table of a cascade, by bisection: how {@link LiftTables} was made (slow: not for start-up). */
    static double[] liftTable(double[] butter) {
        double[] t = new double[33];
        double top = butter[butter.length - 1];
        for (int i = 0; i < t.length; i++) {
            double r = i * STEP * i * STEP;
            double q = top;
            if (i > 0) { // bisection on Q: the cascade's peak grows monotonically with the top Q
                double lo = top, hi = 1e4;
                for (int it = 0; it < 60; it++) {
                    double mid = Math.sqrt(lo * hi);
                    if (cascadePeakDb(butter, mid) < r) lo = mid; else hi = mid;
                }
                q = Math.sqrt(lo * hi);
            }
            t[i] = peakDb(q) - r;
        }
        return t;
    }

    /** Peak in dB of the low-pass cascade of {@code butter} with its last Q replaced by {@code top}. */
    static double cascadePeakDb(double[] butter, double top) {
        // coarse scan of Ω² on a log grid, then golden-section refinement around the best point
        double best = Double.NEGATIVE_INFINITY, bestX = 0;
        int n = 400;
        double lo = Math.log(1e-3), hi = Math.log(4);
        for (int i = 0; i <= n; i++) {
            double x = lo + (hi - lo) * i / n, m = cascadeGain2(butter, top, Math.exp(x));
            if (m > best) { best = m; bestX = x; }
        }
        double a = bestX - (hi - lo) / n, b = bestX + (hi - lo) / n, g = (Math.sqrt(5) - 1) / 2;
        for (int it = 0; it < 80; it++) {
            double c = b - g * (b - a), d = a + g * (b - a);
            if (cascadeGain2(butter, top, Math.exp(c)) > cascadeGain2(butter, top, Math.exp(d))) b = d; else a = c;
        }
        double peak = Math.max(1, Math.max(best, cascadeGain2(butter, top, Math.exp((a + b) / 2))));
        return 10 * Math.log10(peak);
    }

    /** |H(jΩ)|² of the cascade at u = Ω². */
    private static double cascadeGain2(double[] butter, double top, double u) {
        double m = 1;
        for (int s = 0; s < butter.length; s++) {
            double q = s == butter.length - 1 ? top : butter[s];
            m /= (1 - u) * (1 - u) + u / (q * q);
        }
        return m;
    }
}
