package dev.loophole.signal.fx;

/**
 * One second-order section for a stereo pair (transposed direct form II, double state), with the
 * RBJ Audio EQ Cookbook designs the EQ needs. Coefficients are normalised by a0.
 */
final class Biquad {
    double b0 = 1, b1, b2, a1, a2;
    private double l1, l2, r1, r2;

    void peak(double rate, double freq, double gainDb, double q) {
        double a = Math.pow(10, gainDb / 40), w = 2 * Math.PI * freq / rate, alpha = Math.sin(w) / (2 * q), c = Math.cos(w);
        set(1 + alpha * a, -2 * c, 1 - alpha * a, 1 + alpha / a, -2 * c, 1 - alpha / a);
    }

    void lowShelf(double rate, double freq, double gainDb, double q) {
        double a = Math.pow(10, gainDb / 40), w = 2 * Math.PI * freq / rate, alpha = Math.sin(w) / (2 * q), c = Math.cos(w);
        double s = 2 * Math.sqrt(a) * alpha;
        set(a * ((a + 1) - (a - 1) * c + s), 2 * a * ((a - 1) - (a + 1) * c), a * ((a + 1) - (a - 1) * c - s),
                (a + 1) + (a - 1) * c + s, -2 * ((a - 1) + (a + 1) * c), (a + 1) + (a - 1) * c - s);
    }

    void highShelf(double rate, double freq, double gainDb, double q) {
        double a = Math.pow(10, gainDb / 40), w = 2 * Math.PI * freq / rate, alpha = Math.sin(w) / (2 * q), c = Math.cos(w);
        double s = 2 * Math.sqrt(a) * alpha;
        set(a * ((a + 1) + (a - 1) * c + s), -2 * a * ((a - 1) + (a + 1) * c), a * ((a + 1) + (a - 1) * c - s),
                (a + 1) - (a - 1) * c + s, 2 * ((a - 1) - (a + 1) * c), (a + 1) - (a - 1) * c - s);
    }

    void lowPass(double rate, double freq, double q) {
        double w = 2 * Math.PI * freq / rate, alpha = Math.sin(w) / (2 * q), c = Math.cos(w);
        set((1 - c) / 2, 1 - c, (1 - c) / 2, 1 + alpha, -2 * c, 1 - alpha);
    }

    void highPass(double rate, double freq, double q) {
        double w = 2 * Math.PI * freq / rate, alpha = Math.sin(w) / (2 * q), c = Math.cos(w);
        set((1 + c) / 2, -(1 + c), (1 + c) / 2, 1 + alpha, -2 * c, 1 - alpha);
    }

    private void set(double nb0, double nb1, double nb2, double a0, double na1, double na2) {
        b0 = nb0 / a0; b1 = nb1 / a0; b2 = nb2 / a0; a1 = na1 / a0; a2 = na2 / a0;
    }

    void process(float[] left, float[] right, int from, int to) {
        double z1 = l1, z2 = l2, w1 = r1, w2 = r2;
        for (int i = from; i < to; i++) {
            double x = left[i], y = b0 * x + z1;
            z1 = b1 * x - a1 * y + z2;
            z2 = b2 * x - a2 * y;
            left[i] = (float) y;
            x = right[i];
            y = b0 * x + w1;
            w1 = b1 * x - a1 * y + w2;
            w2 = b2 * x - a2 * y;
            right[i] = (float) y;
        }
        // Flush what has decayed below audibility so a silent tail never runs on denormals.
        l1 = Math.abs(z1) < 1e-25 ? 0 : z1; l2 = Math.abs(z2) < 1e-25 ? 0 : z2;
        r1 = Math.abs(w1) < 1e-25 ? 0 : w1; r2 = Math.abs(w2) < 1e-25 ? 0 : w2;
    }

    void clear() { l1 = l2 = r1 = r2 = 0; }
}
