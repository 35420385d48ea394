package dev.loophole.signal.dsp;

/** Test-side measurement tools: an in-place radix-2 FFT, windows, sine fits. Double precision. */
final class Spectrum {
    private Spectrum() {}

    /** In-place complex FFT; n must be a power of two. */
    static void fft(double[] re, double[] im) {
        int n = re.length;
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) j ^= bit;
            j ^= bit;
            if (i < j) {
                double t = re[i]; re[i] = re[j]; re[j] = t;
                t = im[i]; im[i] = im[j]; im[j] = t;
            }
        }
        for (int len = 2; len <= n; len <<= 1) {
            double ang = -2 * Math.PI / len;
            for (int i = 0; i < n; i += len) {
                for (int k = 0; k < len / 2; k++) {
                    double wr = Math.cos(ang * k), wi = Math.sin(ang * k);
                    int a = i + k, b = a + len / 2;
                    double xr = re[b] * wr - im[b] * wi, xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr; im[b] = im[a] - xi;
                    re[a] += xr; im[a] += xi;
                }
            }
        }
    }

    /** |X[k]| for k in [0, n/2] of a real signal (zero-padded or truncated to n). */
    static double[] magnitude(float[] x, int n, double[] window) {
        double[] re = new double[n], im = new double[n];
        for (int i = 0; i < Math.min(n, x.length); i++) re[i] = x[i] * (window == null ? 1 : window[i]);
        fft(re, im);
        double[] m = new double[n / 2 + 1];
        for (int k = 0; k <= n / 2; k++) m[k] = Math.hypot(re[k], im[k]);
        return m;
    }

    /**
     * Periodic 4-term Blackman-Harris window (−92 dB side lobes). Being a sum of four cosines periodic
     * in n, a tone exactly on a bin leaks into only the 3 bins either side of it.
     */
    static double[] blackmanHarris(int n) {
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            double x = 2 * Math.PI * i / n;
            w[i] = 0.35875 - 0.48829 * Math.cos(x) + 0.14128 * Math.cos(2 * x) - 0.01168 * Math.cos(3 * x);
        }
        return w;
    }

    /** Amplitude of the component at {@code freq} (cycles/sample) in x[from, to), Hann-weighted fit. */
    static double toneAmplitude(float[] x, int from, int to, double freq) {
        double sr = 0, si = 0, sw = 0;
        int n = to - from;
        for (int i = 0; i < n; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / n);
            double ph = 2 * Math.PI * freq * (from + i);
            sr += w * x[from + i] * Math.cos(ph);
            si += w * x[from + i] * Math.sin(ph);
            sw += w;
        }
        return 2 * Math.hypot(sr, si) / sw;
    }

    static double db(double v) { return 20 * Math.log10(v); }

    /**
     * Frequency in cycles/sample from a least-squares line through the upward zero crossings of
     * x[from, to) (each located by linear interpolation): slope = period.
     */
    static double zeroCrossingFrequency(float[] x, int from, int to) {
        double sk = 0, st = 0, skk = 0, skt = 0;
        int k = 0;
        for (int i = from + 1; i < to; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = i - 1 + x[i - 1] / (double) (x[i - 1] - x[i]);
                sk += k; st += t; skk += (double) k * k; skt += k * t;
                k++;
            }
        }
        double period = (k * skt - sk * st) / (k * skk - sk * sk);
        return 1 / period;
    }
}
