package dev.loophole.signal.dsp;

/**
 * Band-limited sample playback: a Kaiser-windowed sinc read through a polyphase table, for
 * {@code sample_quality}-style settings of 8, 16, 32 or 64 taps.
 *
 * <p><b>Table.</b> The kernel h(t) = 2c·sinc(2ct)·kaiser(β, t/H), H = taps/2, is tabulated at
 * {@link #PHASES} fractional positions per input frame plus one (rows 0..P, each {@code taps}
 * floats: 33 KB for 8 taps … 262 KB for 64; rows past P/2 are the first half's mirror images, h being even), built
 * once per tap count on first use and shared by all
 * voices; the stretched path reads the same numbers reordered as one flat kernel (as much again).
 * Between adjacent rows the coefficients are interpolated linearly, which puts the kernel's own
 * images near ±P·fs, about (f/P)² down: below −130 dB at P = 1024. Each row is normalised to sum 1
 * so DC passes exactly at every phase.
 *
 * <p><b>Design per tap count</b> (c as a fraction of the sample rate, chosen by a search for the
 * deepest stop band beyond 0.55·fs with the pass band flat to 20 kHz at 48 kHz): 8 taps c 0.4925,
 * β 1.5 (±0.5 dB, stop band −17 dB); 16 taps c 0.485, β 3.25 (±0.1 dB, −35 dB); 32 taps c 0.475,
 * β 7.5 (±0.1 dB, −77 dB); 64 taps c 0.4825, β 13.5 (±0.001 dB to 20 kHz, −0.3 dB at 0.45·fs,
 * −130 dB).
 *
 * <p><b>Pitch.</b> {@code ratio} is input frames per output frame (pitch and sample-rate conversion
 * together). At ratio ≤ 1 the kernel runs as designed, cutting at the input's Nyquist. Pitching up,
 * it is stretched by the ratio — taps at t/ratio, gain 1/ratio — so the cutoff follows the output's
 * Nyquist and the quality (transition width, stop band) stays the same relative to the output.
 * Stretches up to two read a quantised stretch table once {@link #prepareStretches} ran ({@link StretchTables}: the
 * smallest 2^(j/32) at or above the stretch, run by the direct kernel); beyond two, or unprepared, the flat kernel is
 * read at each tap's own phase, taps × ratio multiply-adds per output frame, so the
 * stretch stops growing at {@link #MAX_STRETCH} (beyond it, aliasing is accepted to bound the cost).
 *
 * <p><b>Buffers and loops.</b> The interpolator reads {@code buf[floor(pos) − reach … floor(pos) +
 * reach]} ({@link #reach}); it never wraps. A voice assembles that window once per block with
 * {@link #gather}, which unrolls a sustain loop (and pads with zeros outside the sample), then runs
 * {@link #process} on it. Nothing here allocates or throws for valid windows.
 *
 * <p><b>Arithmetic.</b> The sums run in float with fixed partial sums ({@link SincKernels}): the direct kernel on the
 * Vector API where it is resolved, with a scalar twin giving the same bits. Against sums in double the output moves by
 * float rounding (a render of the GM song: −139 dB RMS, −132 dB peak relative to the signal).
 */
public final class SincInterpolator {
    public static final int PHASES = 1024;
    public static final double MAX_STRETCH = 16;

    private static final int[] TAPS = {8, 16, 32, 64};
    private static final double[] CUTOFF = {0.4925, 0.485, 0.475, 0.4825};
    private static final double[] BETA = {1.5, 3.25, 7.5, 13.5};
    private static final float[][] TABLES = new float[4][], KERNELS = new float[4][];
    private static final float[][][] STRETCHES = new float[4][][];

    private final int taps, half, k;
    private final float[] table, kernel;
    /** Columns of each stretch table (index j, see {@link StretchTables}). */
    private final int[] stretchTaps = new int[StretchTables.STEPS + 1];
    /** The stretch tables once {@link #prepareStretches} ran, else null: stretched voices take the stretched kernel. */
    private volatile float[][] stretches;
    private static final SincKernels KERNELS_IMPL = SincKernels.INSTANCE;

    /** The interpolators {@link #shared} gave out, one per tap count, made on first use. */
    private static final SincInterpolator[] SHARED = new SincInterpolator[4];

    /** @param taps 8, 16, 32 or 64; the vector kernels are warmed up here ({@link #warmUp}) */
    public SincInterpolator(int taps) {
        this(taps, true);
    }

    /**
     * The one interpolator of {@code taps} every voice shares, made (its polyphase table built) the first time a tap
     * count is asked for, so a render at one quality builds one table. It is not warmed up: whoever lets a real-time
     * thread run it calls {@link #warmUp} first. Made on the control side; later calls only read.
     */
    public static SincInterpolator shared(int taps) {
        int k = index(taps);
        SincInterpolator s = SHARED[k]; // all fields final but the volatile stretches: safe to read without the lock
        return s != null ? s : made(k);
    }

    private static synchronized SincInterpolator made(int k) {
        if (SHARED[k] == null) SHARED[k] = new SincInterpolator(TAPS[k], false);
        return SHARED[k];
    }

    private static int index(int taps) {
        int k = java.util.Arrays.binarySearch(TAPS, taps);
        if (k < 0) throw new IllegalArgumentException("taps " + taps + ": expected 8, 16, 32 or 64");
        return k;
    }

    private SincInterpolator(int taps, boolean warm) {
        int k = index(taps);
        this.taps = taps;
        this.half = taps / 2;
        this.k = k;
        this.table = table(k);
        this.kernel = kernel(k);
        for (int j = 1; j <= StretchTables.STEPS; j++) stretchTaps[j] = StretchTables.taps(taps, j);
        if (warm) warmUp();
    }

    /**
     * Control side, before a real-time thread runs this interpolator: has C2 compile the vector kernels (once per JVM),
     * since until then the Vector API boxes every vector — an allocation per frame. A thread that may allocate (an
     * offline render) can skip it: the kernels give the same bits compiled or not.
     */
    public SincInterpolator warmUp() {
        if (!warm) {
            SincKernels.warmUp();
            warm = true;
        }
        return this;
    }

    private volatile boolean warm; // warmUp ran (its lock is taken once, not at every offline voice's first read)

    /**
     * Control side, before a voice pitched up plays: from now on stretches in (1, 2] read the quantised stretch tables
     * ({@link StretchTables}, built once per tap count and shared) with the direct kernel. Until then they take the
     * stretched kernel, as do stretches beyond two.
     */
    public SincInterpolator prepareStretches() {
        if (stretches == null) stretches = stretchTables(k);
        return this;
    }

    /** The stretch table (0: none) serving {@code ratio} once {@link #prepareStretches} ran, for tests. */
    int stretchIndex(double ratio) {
        double s = stretch(ratio);
        return s == 1 || stretches == null ? 0 : StretchTables.index(s);
    }

    /** Table j (rows 0..P of {@link #stretchTaps} columns), for tests. */
    float[] stretchTable(int j) { return stretchTables(k)[j]; }

    int stretchTaps(int j) { return stretchTaps[j]; }

    public int taps() { return taps; }

    /** The polyphase table (rows 0..P of {@code taps} coefficients), for the kernels' tests. */
    float[] table() { return table; }

    /** Frames needed on each side of floor(position) at this ratio. */
    public int reach(double ratio) {
        double s = stretch(ratio);
        int j = s == 1 ? 0 : StretchTables.index(s); // the table's half-width whether or not it is prepared: the window never depends on it
        return Math.max((int) Math.ceil(half * s), stretchTaps[j] / 2) + 1;
    }

    private static double stretch(double ratio) {
        return ratio > 1 ? Math.min(ratio, MAX_STRETCH) : 1;
    }

    /** One output frame at {@code position} (in frames of {@code buf}). */
    public float sample(float[] buf, double position, double ratio) {
        return sample(buf, position, ratio, kernel(ratio));
    }

    /**
     * Two channels at once: {@code outL[k]} and {@code outR[k]} exactly as {@link #sample} gives them for {@code l} and
     * {@code r}, with the kernel's coefficients worked out once for both.
     */
    public void sample(float[] l, float[] r, double position, double ratio, float[] outL, float[] outR, int k) {
        sample(l, r, position, ratio, kernel(ratio), outL, outR, k);
    }

    /**
     * Which kernel serves {@code ratio}: 0 the designed one (ratio ≤ 1), j &gt; 0 stretch table j, −1 the stretched
     * kernel. A reader running many frames at one ratio asks once and passes it to the four- and eight-argument
     * {@code sample}s, which then give the same bits as the others without choosing per frame.
     */
    public int kernel(double ratio) {
        double s = stretch(ratio);
        if (s == 1) return 0;
        int j = stretches == null ? 0 : StretchTables.index(s);
        return j > 0 ? j : -1;
    }

    /** {@link #sample(float[], double, double)} with the kernel {@link #kernel} chose for {@code ratio}. */
    public float sample(float[] buf, double position, double ratio, int kernel) {
        if (kernel == 0) return KERNELS_IMPL.frame(table, taps, PHASES, buf, position);
        if (kernel > 0) return KERNELS_IMPL.frame(stretches[kernel], stretchTaps[kernel], StretchTables.PHASES, buf, position);
        return stretched(buf, position, stretch(ratio));
    }

    /** The stereo {@code sample} with the kernel {@link #kernel} chose for {@code ratio}. */
    public void sample(float[] l, float[] r, double position, double ratio, int kernel, float[] outL, float[] outR, int k) {
        if (kernel == 0) KERNELS_IMPL.frameStereo(table, taps, PHASES, l, r, position, outL, outR, k);
        else if (kernel > 0) KERNELS_IMPL.frameStereo(stretches[kernel], stretchTaps[kernel], StretchTables.PHASES, l, r, position, outL, outR, k);
        else stretchedStereo(l, r, position, stretch(ratio), outL, outR, k);
    }

    /**
     * Frames k = 0 … n − 1 into {@code outL[k]} (and {@code outR[k]} when {@code stereo}) at buffer positions
     * x_k = (p_k + offset) · inverse − base, with p_0 = {@code p} and p_{k+1} = p_k + step, through the kernel
     * {@link #kernel} chose for {@code ratio}: the same bits as {@code sample} at each x_k, with the table, its columns
     * and phases looked up once per chunk instead of per frame. {@code inverse} is 1 or a power of two's reciprocal
     * (an octave copy's), so the product is the quotient {@code (p_k + offset) / 2^k} exactly. Returns p_n, the position
     * after the last frame (the caller's next position: summed here, once).
     */
    public double run(float[] l, float[] r, boolean stereo, double p, double step, double offset, double inverse, double base,
                    double ratio, int kernel, float[] outL, float[] outR, int n) {
        double q = p;
        if (kernel >= 0) {
            float[] t = kernel == 0 ? table : stretches[kernel];
            int columns = kernel == 0 ? taps : stretchTaps[kernel], phases = kernel == 0 ? PHASES : StretchTables.PHASES;
            SincKernels kernels = KERNELS_IMPL;
            if (stereo) for (int k = 0; k < n; k++, q += step) kernels.frameStereo(t, columns, phases, l, r, (q + offset) * inverse - base, outL, outR, k);
            else for (int k = 0; k < n; k++, q += step) outL[k] = kernels.frame(t, columns, phases, l, (q + offset) * inverse - base);
        } else {
            double s = stretch(ratio);
            if (stereo) for (int k = 0; k < n; k++, q += step) stretchedStereo(l, r, (q + offset) * inverse - base, s, outL, outR, k);
            else for (int k = 0; k < n; k++, q += step) outL[k] = stretched(l, (q + offset) * inverse - base, s);
        }
        return q;
    }

    /**
     * Fills {@code out[from, to)} reading {@code buf} from {@code position}, advancing {@code ratio}
     * frames per output frame; returns the position after the last frame.
     */
    public double process(float[] buf, double position, double ratio, float[] out, int from, int to) {
        double pos = position;
        int kernel = kernel(ratio);
        for (int i = from; i < to; i++, pos += ratio) out[i] = sample(buf, pos, ratio, kernel);
        return pos;
    }

    // The stretched kernel steps its kernel coordinate u = ((x − m)/s + H)·P in 17.15 fixed point (below 2^16 entries):
    // an integer step per tap, whose two halves are the tap's index and fraction.
    private static final double ONE = 1 << SincKernels.FRACTION_BITS;

    private float stretched(float[] buf, double x, double s) {
        double reachF = half * s;
        int m0 = (int) Math.floor(x - reachF) + 1, m1 = (int) Math.ceil(x + reachF) - 1;
        int step = (int) (PHASES / s * ONE);
        return KERNELS_IMPL.stretched(kernel, firstTap(x, s, m0, m1, step), step, m1 - m0 + 1, buf, m0);
    }

    private void stretchedStereo(float[] l, float[] r, double x, double s, float[] outL, float[] outR, int k) {
        double reachF = half * s;
        int m0 = (int) Math.floor(x - reachF) + 1, m1 = (int) Math.ceil(x + reachF) - 1;
        int step = (int) (PHASES / s * ONE);
        KERNELS_IMPL.stretchedStereo(kernel, firstTap(x, s, m0, m1, step), step, m1 - m0 + 1, l, r, m0, outL, outR, k);
    }

    /** The coordinate of tap m0: in (0, 2HP) for every tap in [m0, m1], the last one held at 0, not a rounding unit below it. */
    private int firstTap(double x, double s, int m0, int m1, int step) {
        long u = Math.min((long) (((x - m0) / s + half) * PHASES * ONE), Integer.MAX_VALUE);
        return (int) (u - Math.min(0, u - (long) (m1 - m0) * step));
    }

    /**
     * Copies frames {@code first … first + count − 1} of a sample into {@code dst[0, count)}, as the
     * voice hears them: zeros before 0 and after the end, and, when {@code loopEnd > loopStart}, frames
     * at or after {@code loopEnd} (exclusive end, i.e. SFZ {@code loop_end + 1}) folded back into the
     * loop. Once the voice has wrapped ({@code wrapped}), frames before {@code loopStart} are the end of
     * the loop too, so the kernel's history is right on the second and later passes.
     */
    public static void gather(float[] src, int loopStart, int loopEnd, boolean wrapped, long first, float[] dst, int count) {
        long len = loopEnd - loopStart;
        boolean loop = len > 0;
        for (int i = 0; i < count; i++) {
            long idx = first + i;
            if (loop && (idx >= loopEnd || wrapped && idx < loopStart)) idx = loopStart + Math.floorMod(idx - loopStart, len);
            dst[i] = idx >= 0 && idx < src.length ? src[(int) idx] : 0f;
        }
    }

    private static synchronized float[][] stretchTables(int k) {
        if (STRETCHES[k] == null) STRETCHES[k] = StretchTables.build(kernel(k), TAPS[k]);
        return STRETCHES[k];
    }

    private static synchronized float[] table(int k) {
        if (TABLES[k] == null) TABLES[k] = build(TAPS[k], CUTOFF[k], BETA[k]);
        return TABLES[k];
    }

    /**
     * The same coefficients as one continuous kernel, K[u] = h(u/P − H) for u = 0..2HP, for the
     * stretched path, whose taps fall on arbitrary phases: there a flat array needs one index per tap
     * instead of a row and a column. It is a reordering of the polyphase table, not a new design.
     */
    private static synchronized float[] kernel(int k) {
        if (KERNELS[k] == null) {
            float[] t = table(k);
            int taps = TAPS[k], n = taps * PHASES;
            float[] flat = new float[n + 1];
            for (int u = 0; u < n; u++) flat[u] = t[(u % PHASES) * taps + taps - 1 - u / PHASES];
            flat[n] = t[PHASES * taps]; // h(H): row P, column 0
            float[] pairs = new float[2 * n + 2]; // K[u] and K[u + 1] − K[u] side by side: one cache line per tap
            for (int u = 0; u <= n; u++) {
                pairs[2 * u] = flat[u];
                pairs[2 * u + 1] = u < n ? flat[u + 1] - flat[u] : 0f;
            }
            KERNELS[k] = pairs;
        }
        return KERNELS[k];
    }

    /**
     * Row i, column j holds h(i/P + H − 1 − j): the weight of frame floor(x) − H + 1 + j at fraction i/P. Rows 0…P/2
     * are computed, the rest copied: h is even, so row P − i is row i backwards ({@link #mirrorRows}).
     */
    private static float[] build(int taps, double c, double beta) {
        int h = taps / 2;
        float[] t = new float[(PHASES + 1) * taps];
        double i0Beta = besselI0(beta);
        double[] row = new double[taps];
        for (int i = 0; i <= PHASES / 2; i++) {
            double sum = 0;
            for (int j = 0; j < taps; j++) {
                double x = (double) i / PHASES + h - 1 - j;
                double r = x / h;
                double w = Math.abs(r) >= 1 ? (Math.abs(r) == 1 ? 1 / i0Beta : 0) : besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
                double arg = 2 * c * x;
                double sinc = arg == 0 ? 1 : Math.sin(Math.PI * arg) / (Math.PI * arg);
                row[j] = 2 * c * sinc * w;
                sum += row[j];
            }
            for (int j = 0; j < taps; j++) t[i * taps + j] = (float) (row[j] / sum);
        }
        return mirrorRows(t, taps, PHASES);
    }

    /**
     * Fills rows P/2 + 1 … P of a polyphase table of an even kernel from rows P/2 − 1 … 0: row P − i, column j is row i,
     * column taps − 1 − j (both are h(H − j − i/P)). Half the work of building a table, and the two halves mirror
     * exactly.
     */
    static float[] mirrorRows(float[] t, int taps, int phases) {
        for (int i = phases / 2 + 1; i <= phases; i++)
            for (int j = 0; j < taps; j++) t[i * taps + j] = t[(phases - i) * taps + taps - 1 - j];
        return t;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double term = 1, sum = 1, q = x * x / 4;
        for (int k = 1; k < 200 && term > sum * 1e-17; k++) {
            term *= q / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
