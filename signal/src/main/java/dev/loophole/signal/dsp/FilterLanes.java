package dev.loophole.signal.dsp;

/**
 * The two-pole filters of several voices run together, one channel per lane: a filter's per-frame chain has little
 * parallelism within one channel, but the channels of different voices are independent, so four of them run in one
 * {@link FilterLanesVector} loop (a 256-bit vector of doubles, lane = channel). Each lane does
 * {@link VoiceFilter}'s own two-frames-per-step state-space arithmetic in its order with its coefficients
 * ({@link VoiceFilter#stateSpace}), so a channel comes out bit for bit as its filter's {@link VoiceFilter#process}
 * would make it; without the Vector API (or with fewer than two channels) each runs through its own filter, the
 * scalar twin. Filled and run on one thread (the render's); nothing allocates.
 */
public final class FilterLanes {
    /** Channels per vector run. */
    public static final int LANES = 4;
    private final int capacity, maxFrames;
    private final VoiceFilter[] filter;
    private final float[][] buf;
    private final int[] channel;
    private int count;
    private final double[][] coef; // per vector run of a run() call: coefficient K of lane l at K·LANES + l
    private final double[] state = new double[2 * LANES];
    // which filter's coefficients each lane holds and at which tuning (null: zeros): a filter that holds still (most
    // chunks of most voices, which keep their lane from chunk to chunk) is not derived again
    private final VoiceFilter[] held;
    private final long[] heldTunings;
    private final float[] silence;                       // the unused lanes' input: zeros, and zeros after the run

    /** Room for {@code capacity} channels of up to {@code maxFrames} frames per run. */
    public FilterLanes(int capacity, int maxFrames) {
        this.capacity = capacity;
        this.maxFrames = maxFrames;
        filter = new VoiceFilter[capacity];
        buf = new float[capacity][];
        channel = new int[capacity];
        coef = new double[(capacity + LANES - 1) / LANES][VoiceFilter.COEFFICIENTS * LANES];
        held = new VoiceFilter[coef.length * LANES];
        heldTunings = new long[held.length];
        silence = new float[maxFrames];
    }

    /** Whether {@code f} may run here ({@link #add}): one two-pole section. */
    public static boolean fits(VoiceFilter f) { return f.laneable(); }

    /** Channel {@code ch} (0 left, 1 right) of {@code f} filters {@code x} in place at the next {@link #run}. */
    public void add(VoiceFilter f, float[] x, int ch) {
        if (count == capacity) throw new IllegalStateException("more than " + capacity + " channels");
        filter[count] = f;
        buf[count] = x;
        channel[count] = ch;
        count++;
    }

    /** Channels added since the last run. */
    public int size() { return count; }

    /** Filters frames [0, n) of every channel added since the last run; {@code vector}: the Vector API form may run (same bits either way). */
    public void run(int n, boolean vector) {
        if (n > maxFrames) throw new IllegalArgumentException(n + " frames, room for " + maxFrames);
        int k = 0;
        if (vector && Simd.VECTOR) for (; count - k >= 2; k += LANES) runVector(k, Math.min(LANES, count - k), n);
        for (; k < count; k++) filter[k].runChannel(buf[k], 0, n, channel[k]);
        for (int i = 0; i < count; i++) { filter[i] = null; buf[i] = null; }
        count = 0;
    }

    /** Channels {@code [k, k + m)} in one vector run; the lanes past m filter silence with zero coefficients (zeros stay zeros). */
    private void runVector(int k, int m, int n) {
        final double[] c = coef[k / LANES];
        for (int l = 0; l < LANES; l++) {
            VoiceFilter f = l < m ? filter[k + l] : null;
            if (f != held[k + l] || f != null && f.tunings() != heldTunings[k + l]) {
                if (f != null) f.stateSpace(0, c, l, LANES);
                else for (int q = 0; q < VoiceFilter.COEFFICIENTS; q++) c[q * LANES + l] = 0;
                held[k + l] = f;
                heldTunings[k + l] = f == null ? 0 : f.tunings();
            }
            state[l] = f == null ? 0 : f.state1(channel[k + l]);
            state[LANES + l] = f == null ? 0 : f.state2(channel[k + l]);
        }
        int done = FilterLanesVector.run(lane(k, 0, m), lane(k, 1, m), lane(k, 2, m), lane(k, 3, m), c, state, n);
        for (int l = 0; l < m; l++) {
            VoiceFilter f = filter[k + l];
            int ch = channel[k + l];
            f.state(ch, state[l], state[LANES + l], done == n);
            if (done < n) f.runChannel(buf[k + l], done, n, ch); // the last frames alone, from the lanes' state
        }
    }

    private float[] lane(int k, int l, int m) { return l < m ? buf[k + l] : silence; }

    /**
     * Compiles the vector form before an audio thread runs it: calls {@link #run} — the audio thread's own entry — until
     * it allocates nothing ({@link WarmUp#settle}). No fixed count of kernel calls first: one left the kernel uncompiled
     * in a few runs of ten (C2 inlined it into the warm-up loop), and the settle alone compiles it as soon.
     * Live instruments only; a no-op without the Vector API.
     */
    public static void warmUp() {
        if (!Simd.VECTOR) return;
        synchronized (FilterLanes.class) {
            if (settled) return;
            FilterLanes lanes = new FilterLanes(2 * LANES, 32);
            VoiceFilter[] f = new VoiceFilter[2 * LANES];
            float[][] x = new float[2 * LANES][32];
            for (int i = 0; i < f.length; i++) {
                f[i] = new VoiceFilter(48_000);
                f[i].setType(FilterType.LPF_2P);
                f[i].setParameters(500 + 700 * i, i, 0, 1);
            }
            int[] turn = {0};
            settled = WarmUp.settle(() -> { // every shape a live block takes: full and partial groups, whole and short chunks
                int t = turn[0]++, m = 2 + t % (f.length - 1), n = t % 3 == 0 ? 32 : t % 3 == 1 ? 31 : 1;
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < 32; j++) x[i][j] = (j * 7 % 13) / 13f - 0.5f;
                    lanes.add(f[i], x[i], 0);
                }
                lanes.run(n, true);
            });
        }
    }

    private static boolean settled; // guarded by the class lock
}
