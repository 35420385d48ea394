package dev.loophole.media.library;

/**
 * Finds the fundamental of a pitched sample with McLeod's normalised square difference function (NSDF):
 * n(τ) = 2·r(τ) / m(τ), where r is the autocorrelation and m the summed energy of the two overlapping parts.
 * r comes from an FFT (so a file costs O(N log N), not O(N²)). The pitch is the first peak after the first
 * zero crossing that reaches {@value #PEAK_SHARE} of the highest peak, refined by a parabola. A sample whose best
 * peak is below {@value #CLARITY} (noise, most drums) has no pitch.
 */
public final class PitchDetector {
    static final double PEAK_SHARE = 0.9;
    static final double CLARITY = 0.8;
    static final double LOWEST_HZ = 25, HIGHEST_HZ = 4500;

    private PitchDetector() {}

    /** The fundamental in Hz of {@code x[0..n)} at {@code rate}, or NaN when none is clear. */
    public static double detect(float[] x, int n, int rate) {
        int maxTau = (int) Math.min(n / 2, Math.ceil(rate / LOWEST_HZ));
        int minTau = Math.max(2, (int) Math.floor(rate / HIGHEST_HZ));
        if (maxTau <= minTau + 2) return Double.NaN;
        int size = Integer.highestOneBit(Math.max(2 * n - 1, 2)) << 1;
        double[] re = new double[size], im = new double[size];
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[i];
        mean /= n;
        for (int i = 0; i < n; i++) re[i] = x[i] - mean;
        double[] sq = new double[n];
        for (int i = 0; i < n; i++) sq[i] = re[i] * re[i];
        Fft.transform(re, im, false);
        for (int i = 0; i < size; i++) { re[i] = re[i] * re[i] + im[i] * im[i]; im[i] = 0; }
        Fft.transform(re, im, true); // re[τ] = r(τ)·size
        double[] nsdf = new double[maxTau + 1];
        double m = 0;
        for (int i = 0; i < n; i++) m += 2 * sq[i];
        for (int tau = 0; tau <= maxTau; tau++) {
            if (tau > 0) m -= sq[tau - 1] + sq[n - tau];
            nsdf[tau] = m > 1e-12 ? 2 * (re[tau] / size) / m : 0;
        }
        return pick(nsdf, minTau, maxTau, rate);
    }

    private static double pick(double[] nsdf, int minTau, int maxTau, int rate) {
        int tau = 1;
        while (tau < maxTau && nsdf[tau] > 0) tau++; // past the first zero crossing
        double best = 0;
        int[] peaks = new int[maxTau];
        int count = 0;
        for (; tau < maxTau; tau++) {
            if (nsdf[tau] > 0 && nsdf[tau] >= nsdf[tau - 1] && nsdf[tau] > nsdf[tau + 1] && tau >= minTau) {
                peaks[count++] = tau;
                best = Math.max(best, nsdf[tau]);
            }
        }
        if (best < CLARITY) return Double.NaN;
        for (int i = 0; i < count; i++) {
            int t = peaks[i];
            if (nsdf[t] >= PEAK_SHARE * best) {
                double a = nsdf[t - 1], b = nsdf[t], c = nsdf[t + 1];
                double denom = a - 2 * b + c;
                double shift = denom == 0 ? 0 : 0.5 * (a - c) / denom;
                return rate / (t + shift);
            }
        }
        return Double.NaN;
    }

    /** The MIDI key nearest {@code hz} (A4 = 440 Hz = key 69), or -1 for NaN or out of range. */
    public static int midiKey(double hz) {
        if (!(hz > 0)) return -1;
        long k = Math.round(69 + 12 * Math.log(hz / 440.0) / Math.log(2));
        return k < 0 || k > 127 ? -1 : (int) k;
    }
}
