package dev.loophole.signal.testing;

/** Pitch measured on rendered audio, for tests here and in the cli (shared through signal's test jar). */
public final class Pitch {
    private Pitch() {}

    /** Frequency from the first to the last upward zero crossing (each interpolated between frames). */
    public static double zeroCrossingHz(float[] x, int from, int to, int rate) {
        double first = -1, last = -1;
        int cycles = 0;
        for (int i = from + 1; i < to; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = crossing(x, i);
                if (first < 0) first = t; else cycles++;
                last = t;
            }
        }
        return cycles * rate / (last - first);
    }

    /** Frequency by least squares over every upward zero crossing: cycle count against crossing time. */
    public static double regressionHz(float[] x, int from, int to, int rate) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = 0;
        for (int i = from + 1; i < to; i++) {
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = crossing(x, i);
                sx += n; sy += t; sxx += (double) n * n; sxy += n * t; n++;
            }
        }
        double framesPerCycle = (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return rate / framesPerCycle;
    }

    private static double crossing(float[] x, int i) {
        return i - 1 + (-x[i - 1]) / (double) (x[i] - x[i - 1]);
    }
}
