package dev.loophole.signal.dsp;

/**
 * The windowed sinc's kernel stretched by the quantised factors s_j = 2^(j/{@link #STEPS}), j = 1…STEPS, each as a
 * polyphase table of the direct kernel's form, so a voice pitched up by a ratio between octaves runs the (vector)
 * direct kernel instead of the stretched one, whose per-tap look-ups cost 7–13× as much.
 *
 * <p><b>Quantising up.</b> A voice at stretch s ∈ (1, 2] uses the table of the smallest s_j ≥ s ({@link #index}): the
 * cutoff, c/s_j of the input's rate, sits at most 2^(−1/STEPS) below where the exact stretch puts it, so aliases can
 * only fall, and the flat pass band ends up to 2.1 % lower (at 48 kHz, 20 kHz becomes 19.57 kHz at worst).
 *
 * <p><b>Table j</b> has {@code taps(j)} = 2·H_j columns (the kernel's support 2·H·s_j rounded up to a multiple of 8,
 * the vector kernel's lane count) and {@link #PHASES} + 1 rows: row i, column c holds
 * h((i/P + H_j − 1 − c)/s_j), the weight of frame floor(x) − H_j + 1 + c at fraction i/P, each row normalised to sum 1
 * so DC passes exactly at every phase. Rows are interpolated from the fine flat kernel (no Bessel per entry): about
 * 100 k look-ups per table. Built once per tap count on the control side ({@link SincInterpolator#prepareStretches}),
 * immutable, shared by all voices.
 */
final class StretchTables {
    /**
     * Rows per input frame: half the designed table's 1,024. The 32 tables (6.1 MB for sinc64, was 12.2 at 1,024) are
     * what many voices at many stretches read at random phases, so their size is what issue 15's 10,000 notes pay in
     * cache misses (≈ 12 % of that render). The cost: the rows' linear interpolation error is 4× larger, the alias
     * floor at stretched ratios −123 … −130 dB instead of −135 … −138, and renders move ≈ −130 dB (BENCHMARKS.md,
     * "Sinc kernels without range checks").
     */
    static final int PHASES = 512;
    /** Quantisation steps per octave. */
    static final int STEPS = 32;
    private static final int BUCKETS = 4096;
    /** s_j for j = 0…STEPS (s_0 = 1, s_STEPS = 2). */
    private static final double[] STRETCH = new double[STEPS + 1];
    /** BUCKET[b]: the smallest j with s_j ≥ 1 + b/BUCKETS, so the answer for s in that bucket is it or the next. */
    private static final int[] BUCKET = new int[BUCKETS + 1];

    static {
        for (int j = 0; j <= STEPS; j++) STRETCH[j] = j == STEPS ? 2 : Math.pow(2, (double) j / STEPS);
        for (int b = 0, j = 0; b <= BUCKETS; b++) {
            double s = 1 + (double) b / BUCKETS;
            while (STRETCH[j] < s) j++;
            BUCKET[b] = j;
        }
    }

    private StretchTables() {}

    /** The stretch of table j. */
    static double stretch(int j) { return STRETCH[j]; }

    /** Table j's taps for a kernel of {@code taps}: ⌈taps·s_j / 8⌉·8. */
    static int taps(int taps, int j) { return (int) Math.ceil(taps * STRETCH[j] / 8 - 1e-9) * 8; }

    /** The table serving stretch {@code s} ∈ (1, 2]: the smallest j with s_j ≥ s; 0 beyond 2 (no table). */
    static int index(double s) {
        if (!(s <= 2)) return 0;
        int j = BUCKET[(int) ((s - 1) * BUCKETS)];
        while (STRETCH[j] < s) j++;
        return j;
    }

    /** Tables 1…STEPS (index 0 unused) from {@code pairs}, the flat kernel of {@code taps} as K[u] and K[u+1] − K[u] pairs. */
    static float[][] build(float[] pairs, int taps) {
        float[][] t = new float[STEPS + 1][];
        for (int j = 1; j <= STEPS; j++) t[j] = table(pairs, taps, j);
        return t;
    }

    private static float[] table(float[] pairs, int taps, int j) {
        int P = PHASES, F = SincInterpolator.PHASES, n = taps(taps, j), hn = n / 2, h = taps / 2, last = taps * F;
        double s = STRETCH[j];
        float[] t = new float[(P + 1) * n];
        double[] row = new double[n];
        for (int i = 0; i <= P / 2; i++) { // the rest mirror these
            double sum = 0;
            for (int c = 0; c < n; c++) {
                double u = ((double) i / P + hn - 1 - c) / s * F + h * F; // the flat kernel's coordinate
                double v = 0;
                if (u >= 0 && u <= last) {
                    int e = Math.min((int) u, last);
                    v = pairs[2 * e] + (u - e) * pairs[2 * e + 1];
                }
                row[c] = v;
                sum += v;
            }
            for (int c = 0; c < n; c++) t[i * n + c] = (float) (row[c] / sum);
        }
        return SincInterpolator.mirrorRows(t, n, P);
    }
}
