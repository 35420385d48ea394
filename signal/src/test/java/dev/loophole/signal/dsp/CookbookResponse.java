package dev.loophole.signal.dsp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each {@link FilterType} should measure, written from the textbooks and not from {@link VoiceFilter}: the
 * digital filters of R. Bristow-Johnson's "Audio EQ Cookbook" (the bilinear transform of each analog prototype with the
 * cutoff prewarped, which is what VoiceFilter says each of its sections is), evaluated on the unit circle. One-pole
 * types are the same transform of 1/(1 + s), s/(1 + s), (1 − s)/(1 + s). Resonance r dB (P = 10^(r/20)) sets the Q of
 * a 2-pole section whose low-pass peaks P high: |H|max² = Q⁴/(Q² − ¼), so Q² = (P² + P√(P² − 1))/2; pkf_2p is the
 * low-pass minus the high-pass, (1 − s²)/(s² + s/Q + 1), whose |H(j)| = 2Q = P. 4p/6p: Butterworth sections
 * (Q = 1/(2 sin((2k − 1)π/2n))), the highest-Q one raised (by bisection here) until the whole cascade peaks P high.
 */
public final class CookbookResponse {
    private CookbookResponse() {}

    private static final Map<String, Double> TOP_Q = new ConcurrentHashMap<>();

    /** |H| in dB at {@code f} of {@code type} at cutoff {@code fc}, resonance/gain in dB, peq bandwidth 1 octave. */
    public static double db(FilterType type, double fc, double res, double gain, double f, double fs) {
        return db(type, fc, res, gain, 1, f, fs);
    }

    public static double db(FilterType type, double fc, double res, double gain, double bwOct, double f, double fs) {
        double w0 = 2 * Math.PI * fc / fs, w = 2 * Math.PI * f / fs, q = resonanceQ(res);
        double a = Math.pow(10, gain / 40);
        return switch (type) {
            case LPF_1P -> onePole(w0, w, 0);
            case HPF_1P -> onePole(w0, w, 1);
            case APF_1P -> onePole(w0, w, 2);
            case BPF_1P -> biquadDb(bandPass(w0, 0.5), w);
            case BRF_1P -> biquadDb(notch(w0, 0.5), w);
            case LPF_2P, LPF_2P_SV -> biquadDb(lowPass(w0, q), w);
            case HPF_2P, HPF_2P_SV -> biquadDb(highPass(w0, q), w);
            case BPF_2P, BPF_2P_SV -> biquadDb(bandPass(w0, q), w);
            case BRF_2P, BRF_2P_SV -> biquadDb(notch(w0, q), w);
            case PKF_2P -> {
                double qq = Math.pow(10, res / 20) / 2;
                double[] lp = lowPass(w0, qq), hp = highPass(w0, qq);
                yield biquadDb(new double[] {lp[0] - hp[0], lp[1] - hp[1], lp[2] - hp[2], lp[3], lp[4], lp[5]}, w);
            }
            case LPF_4P, HPF_4P, LPF_6P, HPF_6P -> {
                int order = type == FilterType.LPF_4P || type == FilterType.HPF_4P ? 4 : 6;
                boolean low = type == FilterType.LPF_4P || type == FilterType.LPF_6P;
                double[] qs = cascadeQs(order, res);
                double sum = 0;
                for (double sq : qs) sum += biquadDb(low ? lowPass(w0, sq) : highPass(w0, sq), w);
                yield sum;
            }
            case PEQ -> {
                double alpha = Math.sin(w0) * Math.sinh(Math.log(2) / 2 * bwOct * w0 / Math.sin(w0)), c = Math.cos(w0);
                yield biquadDb(new double[] {1 + alpha * a, -2 * c, 1 - alpha * a, 1 + alpha / a, -2 * c, 1 - alpha / a}, w);
            }
            case LSH, HSH -> {
                double c = Math.cos(w0), alpha = Math.sin(w0) / 2 * Math.sqrt(2), r = 2 * Math.sqrt(a) * alpha; // slope S = 1
                double[] co = type == FilterType.LSH
                        ? new double[] {a * ((a + 1) - (a - 1) * c + r), 2 * a * ((a - 1) - (a + 1) * c), a * ((a + 1) - (a - 1) * c - r),
                                (a + 1) + (a - 1) * c + r, -2 * ((a - 1) + (a + 1) * c), (a + 1) + (a - 1) * c - r}
                        : new double[] {a * ((a + 1) + (a - 1) * c + r), -2 * a * ((a - 1) + (a + 1) * c), a * ((a + 1) + (a - 1) * c - r),
                                (a + 1) - (a - 1) * c + r, 2 * ((a - 1) - (a + 1) * c), (a + 1) - (a - 1) * c - r};
                yield biquadDb(co, w);
            }
        };
    }

    /** Q of a 2-pole low-pass peaking {@code res} dB above its pass band (0 dB: Butterworth, 1/√2). */
    static double resonanceQ(double res) {
        double p = Math.pow(10, res / 20);
        return Math.sqrt((p * p + p * Math.sqrt(p * p - 1)) / 2);
    }

    private static double[] lowPass(double w0, double q) {
        double c = Math.cos(w0), alpha = Math.sin(w0) / (2 * q);
        return new double[] {(1 - c) / 2, 1 - c, (1 - c) / 2, 1 + alpha, -2 * c, 1 - alpha};
    }

    private static double[] highPass(double w0, double q) {
        double c = Math.cos(w0), alpha = Math.sin(w0) / (2 * q);
        return new double[] {(1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha};
    }

    /** The cookbook's band-pass with 0 dB at the centre. */
    private static double[] bandPass(double w0, double q) {
        double c = Math.cos(w0), alpha = Math.sin(w0) / (2 * q);
        return new double[] {alpha, 0, -alpha, 1 + alpha, -2 * c, 1 - alpha};
    }

    private static double[] notch(double w0, double q) {
        double c = Math.cos(w0), alpha = Math.sin(w0) / (2 * q);
        return new double[] {1, -2 * c, 1, 1 + alpha, -2 * c, 1 - alpha};
    }

    /** kind 0: 1/(1 + s), 1: s/(1 + s), 2: (1 − s)/(1 + s), with s = (1/K)(1 − z⁻¹)/(1 + z⁻¹), K = tan(w0/2). */
    private static double onePole(double w0, double w, int kind) {
        double k = Math.tan(w0 / 2);
        double[] b = switch (kind) {
            case 0 -> new double[] {k, k};
            case 1 -> new double[] {1, -1};
            default -> new double[] {k - 1, k + 1};
        };
        return biquadDb(new double[] {b[0], b[1], 0, k + 1, k - 1, 0}, w);
    }

    /** |(b0 + b1 z⁻¹ + b2 z⁻²)/(a0 + a1 z⁻¹ + a2 z⁻²)| in dB at z = e^{jw}; {@code c} = {b0, b1, b2, a0, a1, a2}. */
    static double biquadDb(double[] c, double w) {
        double c1 = Math.cos(w), s1 = Math.sin(w), c2 = Math.cos(2 * w), s2 = Math.sin(2 * w);
        double nr = c[0] + c[1] * c1 + c[2] * c2, ni = -(c[1] * s1 + c[2] * s2);
        double dr = c[3] + c[4] * c1 + c[5] * c2, di = -(c[4] * s1 + c[5] * s2);
        return 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
    }

    /** The section Qs of a 4- or 6-pole cascade at resonance {@code res}: Butterworth, the top one raised. */
    static double[] cascadeQs(int order, double res) {
        double[] qs = new double[order / 2];
        for (int k = 1; k <= order / 2; k++) qs[k - 1] = 1 / (2 * Math.sin((2 * k - 1) * Math.PI / (2 * order)));
        java.util.Arrays.sort(qs);
        if (res > 0) qs[qs.length - 1] = TOP_Q.computeIfAbsent(order + "/" + res, key -> topQ(qs, res));
        return qs;
    }

    /** Bisection on the top Q: the analog cascade's peak grows with it. */
    private static double topQ(double[] butter, double res) {
        double[] qs = butter.clone();
        double lo = qs[qs.length - 1], hi = 1e3;
        for (int it = 0; it < 60; it++) {
            qs[qs.length - 1] = Math.sqrt(lo * hi);
            if (analogPeakDb(qs) < res) lo = qs[qs.length - 1]; else hi = qs[qs.length - 1];
        }
        return Math.sqrt(lo * hi);
    }

    /** max over Ω of the analog low-pass cascade Π 1/|1 − Ω² + jΩ/Q| in dB: a log grid, then a finer one around the best. */
    private static double analogPeakDb(double[] qs) {
        double best = Double.NEGATIVE_INFINITY, at = 1;
        for (double om = 0.05; om < 5; om *= 1.002) {
            double m = analogDb(qs, om);
            if (m > best) { best = m; at = om; }
        }
        for (double om = at / 1.002; om < at * 1.002; om *= 1.000002) best = Math.max(best, analogDb(qs, om));
        return best;
    }

    private static double analogDb(double[] qs, double om) {
        double db = 0;
        for (double q : qs) db -= 10 * Math.log10((1 - om * om) * (1 - om * om) + om * om / (q * q));
        return db;
    }
}
