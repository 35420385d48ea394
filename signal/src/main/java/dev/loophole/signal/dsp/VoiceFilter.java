package dev.loophole.signal.dsp;

/**
 * The region filter ({@code fil_type}, {@code cutoff}, {@code resonance}, {@code fil_gain}) of one voice,
 * stereo, processed in place.
 *
 * <p><b>Structure.</b> Every type is a cascade of at most three topology-preserving sections: the
 * trapezoidal ("zero-delay feedback") one-pole and the TPT state-variable filter of V. Zavalishin,
 * <i>The Art of VA Filter Design</i> (2012), ch. 3 and 4, in A. Simper's solved form ("Linear
 * trapezoidal integrated SVF", Cytomic, 2013). The output of a section is a mix
 * {@code m0·x + m1·band + m2·low} (one-pole: {@code m0·x + m1·low}), so one loop serves all types.
 * Because the integrators keep their meaning when coefficients change, cutoff and resonance may be
 * set every 16–32-frame sub-block without clicks; the structure stays stable under any such sweep.
 * Each section is exactly the bilinear transform (pre-warped at the cutoff) of its analog
 * prototype: the digital filters of the Audio EQ Cookbook, which the tests measure it against.
 *
 * <p><b>Resonance.</b> For lpf/hpf 2p (and their {@code _sv} aliases — all 2-pole types here are
 * state-variable filters already) {@code resonance} is the height in dB of the resonant peak above
 * the pass band, exactly: 0 dB is Butterworth (Q = 1/√2, −3 dB at cutoff), 12 dB a 12 dB bump.
 * bpf/brf 2p use the same Q; the band-pass has 0 dB gain at cutoff, the notch is infinitely deep
 * there. pkf_2p is the SVF peak output (low − high), flat at 0 dB resonance and exactly
 * {@code resonance} dB high at cutoff. 4p/6p are Butterworth cascades (Q 0.541/1.307 and
 * 0.518/0.707/1.932) at resonance 0; resonance raises only the highest-Q section, just enough that the
 * whole cascade peaks {@code resonance} dB above its pass band (see {@link FilterDesign#cascadeTopQ}),
 * so 4p/6p resonance means what 2p resonance means. Range 0..40 dB.
 *
 * <p><b>Other types.</b> 1p types ignore resonance: lpf/hpf/apf are the TPT one-pole (−3 dB at
 * cutoff, apf 90° there); bpf_1p/brf_1p are the critically damped SVF (two coincident real poles,
 * Q = ½: 6 dB/oct skirts), band-pass normalised to 0 dB at cutoff. peq, lsh and hsh are the analog
 * prototypes of R. Bristow-Johnson's "Audio EQ Cookbook" in SVF form: peq with the cookbook's
 * bandwidth-to-Q mapping (bandwidth in octaves between the half-gain points), shelves with Q = 1/√2
 * (slope S = 1) and {@code gain}/2 at cutoff.
 *
 * <p><b>Real time.</b> {@link #process} allocates nothing. State is double precision; at the end of
 * each call state below 1e-12 (−240 dB) is flushed to exactly 0 (and NaN/runaway state reset), so a
 * decaying tail reaches true silence and never runs on subnormals: from 1e-12 a double cannot decay
 * into its subnormal range (1e-308) within any realistic block.
 */
public final class VoiceFilter {
    /** State smaller than this at the end of a block is set to exactly 0. */
    static final double FLUSH = 1e-12;
    /** Highest cutoff, as a fraction of the sample rate (the pre-warp tan() grows without bound at ½). */
    static final double MAX_CUTOFF = 0.49;
    static final double MIN_CUTOFF_HZ = 1.0;
    public static final double MAX_RESONANCE_DB = 40.0;

    private static final double SQRT1_2 = FilterDesign.SQRT1_2;
    private static final double[] BUTTER4 = FilterDesign.BUTTER4, BUTTER6 = FilterDesign.BUTTER6;

    private final double sampleRate;
    private FilterType type = FilterType.LPF_2P;
    private int sections;
    private boolean onePole;
    // per section: the output mix
    private final double[] m0 = new double[3], m1 = new double[3], m2 = new double[3];
    // per section, Simper's solved coefficients (a one-pole keeps its g/(1 + g) in p1); the runs derive their
    // state-space form from these at the start of each call (a few dozen flops a chunk, and no more arrays per filter)
    private final double[] p1 = new double[3], p2 = new double[3], p3 = new double[3];
    // state, index section * 2 + channel
    private final double[] s1 = new double[6], s2 = new double[6];

    public VoiceFilter(double sampleRate) {
        if (!(sampleRate > 0)) throw new IllegalArgumentException("sample rate " + sampleRate);
        this.sampleRate = sampleRate;
        setType(FilterType.LPF_2P);
    }

    public FilterType type() { return type; }

    /** Chooses the type; clears the state when the section layout changes. Set parameters after. */
    public void setType(FilterType newType) {
        int n = sectionsOf(newType);
        boolean one = isOnePole(newType);
        if (n != sections || one != onePole) reset();
        type = newType;
        sections = n;
        onePole = one;
        setFc = Double.NaN; // a new type is designed afresh, whatever the settings
        setParameters(1000, 0, 0, 1);
    }

    /** Cutoff and resonance only (gain 0 dB, bandwidth 1 octave). */
    public void set(double cutoffHz, double resonanceDb) { setParameters(cutoffHz, resonanceDb, 0, 1); }

    /**
     * Updates the coefficients; cheap enough (one tan, at most two exp/sqrt) for every sub-block.
     *
     * @param cutoffHz     clamped to [1 Hz, 0.49 × sample rate]
     * @param resonanceDb  clamped to [0, 40]; see the class comment for its meaning per type
     * @param gainDb       for peq, lsh, hsh
     * @param bandwidthOct for peq, clamped to [0.001, 4]
     */
    public void setParameters(double cutoffHz, double resonanceDb, double gainDb, double bandwidthOct) {
        double fc = Math.min(Math.max(cutoffHz, MIN_CUTOFF_HZ), MAX_CUTOFF * sampleRate);
        if (Double.isNaN(fc)) fc = 1000;
        double res = Math.min(Math.max(resonanceDb, 0), MAX_RESONANCE_DB);
        if (Double.isNaN(res)) res = 0;
        if (Double.isNaN(gainDb)) gainDb = 0;
        if (Double.isNaN(bandwidthOct)) bandwidthOct = 1;
        // The settings the coefficients were made from, after clamping (a cutoff swept past 0.49 × the rate): the same
        // settings make the same coefficients, so they are kept, and so is the runs' state-space form (tunings unchanged)
        if (fc == setFc && res == setRes && gainDb == setGain && bandwidthOct == setBw) return;
        setFc = fc; setRes = res; setGain = gainDb; setBw = bandwidthOct;
        tunings++;
        double w = Math.tan(Math.PI * fc / sampleRate);
        switch (type) {
            case LPF_1P -> onePole(0, w, 0, 1);
            case HPF_1P -> onePole(0, w, 1, -1);
            case APF_1P -> onePole(0, w, -1, 2);
            case BPF_1P -> svf(0, w, 2, 0, 2, 0);
            case BRF_1P -> svf(0, w, 2, 1, -2, 0);
            case LPF_2P, LPF_2P_SV -> svf(0, w, peakK(res), 0, 0, 1); // lowpass with 1/Q kept
            case HPF_2P, HPF_2P_SV -> { double kk = peakK(res); svf(0, w, kk, 1, -kk, -1); }
            case BPF_2P, BPF_2P_SV -> { double kk = peakK(res); svf(0, w, kk, 0, kk, 0); }
            case BRF_2P, BRF_2P_SV -> { double kk = peakK(res); svf(0, w, kk, 1, -kk, 0); }
            case PKF_2P -> {
                // |peak(j)| = 2Q: Q = ½ is an all-pass (flat), so 0 dB resonance is transparent
                double kk = 2 / Math.pow(10, res / 20);
                svf(0, w, kk, -1, kk, 2);
            }
            case LPF_4P -> { lowpass(0, w, BUTTER4[0]); lowpass(1, w, topQ(4, res)); }
            case HPF_4P -> { highpass(0, w, BUTTER4[0]); highpass(1, w, topQ(4, res)); }
            case LPF_6P -> {
                lowpass(0, w, BUTTER6[0]); lowpass(1, w, BUTTER6[1]); lowpass(2, w, topQ(6, res));
            }
            case HPF_6P -> {
                highpass(0, w, BUTTER6[0]); highpass(1, w, BUTTER6[1]); highpass(2, w, topQ(6, res));
            }
            case PEQ -> {
                double a = Math.pow(10, gainDb / 40);
                double bw = Math.min(Math.max(bandwidthOct, 0.001), 4);
                double w0 = 2 * Math.PI * fc / sampleRate;
                // cookbook: 1/Q = 2 sinh(ln2/2 · BW · w0/sin w0), the digital bandwidth correction
                double invQ = 2 * Math.sinh(Math.log(2) / 2 * bw * w0 / Math.sin(w0));
                double kk = invQ / a;
                svf(0, w, kk, 1, kk * (a * a - 1), 0);
            }
            case LSH -> {
                double a = Math.pow(10, gainDb / 40), kk = 1 / SQRT1_2;
                svf(0, w / Math.sqrt(a), kk, 1, kk * (a - 1), a * a - 1);
            }
            case HSH -> {
                double a = Math.pow(10, gainDb / 40), kk = 1 / SQRT1_2;
                svf(0, w * Math.sqrt(a), kk, a * a, kk * (1 - a) * a, 1 - a * a);
            }
        }
    }

    private double setFc = Double.NaN, setRes, setGain, setBw; // what the coefficients were last made from (NaN: none yet)

    // The resonance rarely moves while the cutoff does (a filter envelope): its 1/Q is kept, not recomputed.
    private double peakRes = Double.NaN, peakK, topRes = Double.NaN, topQ;
    private int topOrder;

    /** 1 / Q for a resonance peak of {@code res} dB: the very double {@code 1 / FilterDesign.qForPeakDb(res)}. */
    private double peakK(double res) {
        if (res != peakRes) { peakRes = res; peakK = 1 / FilterDesign.qForPeakDb(res); }
        return peakK;
    }

    private double topQ(int order, double res) {
        if (res != topRes || order != topOrder) { topRes = res; topOrder = order; topQ = FilterDesign.cascadeTopQ(order, res); }
        return topQ;
    }

    /** Clears the state (new note). */
    public void reset() {
        java.util.Arrays.fill(s1, 0);
        java.util.Arrays.fill(s2, 0);
    }

    /** True when all state is exactly zero: the filter outputs 0 for silent input. */
    public boolean isSilent() {
        for (int i = 0; i < 6; i++) if (s1[i] != 0 || s2[i] != 0) return false;
        return true;
    }

    /**
     * Filters frames {@code [from, to)} of {@code left} and {@code right} in place; {@code right} may
     * be {@code null} for a mono voice. Both channels share coefficients and keep separate state.
     */
    public void process(float[] left, float[] right, int from, int to) {
        for (int s = 0; s < sections; s++) {
            if (onePole) {
                onePoleRun(left, from, to, s, s * 2);
                if (right != null) onePoleRun(right, from, to, s, s * 2 + 1);
            } else {
                svfRun(left, from, to, s, s * 2);
                if (right != null) svfRun(right, from, to, s, s * 2 + 1);
            }
        }
        for (int i = 0, n = sections * 2; i < n; i++) { // only the states this layout uses
            s1[i] = flush(s1[i]);
            s2[i] = flush(s2[i]);
        }
    }

    // The runs below are the sections in state-space form, s' = A·s + B·x, y = C·s + D·x, with A, B, C, D
    // derived from the trapezoidal form's solved coefficients (same filter, same state meaning: the
    // integrators' states ic1, ic2). The recursion then costs one multiply and one add per state per
    // frame on its critical path (the trapezoidal form's chain is five operations long); the input and
    // output terms lie off that path and overlap with it. In double precision the two forms differ by
    // rounding only, far below the float output's resolution.

    private void onePoleRun(float[] x, int from, int to, int s, int st) {
        // v = (x − z)·G, low = v + z, z' = low + v, with G = g/(1 + g)
        final double gg = p1[s], a = 1 - 2 * gg, b = 2 * gg, c = m1[s] * (1 - gg), d = m0[s] + m1[s] * gg;
        double z = s1[st];
        for (int i = from; i < to; i++) {
            double in = x[i];
            x[i] = (float) (c * z + d * in);
            z = a * z + b * in;
        }
        s1[st] = z;
    }

    /** The state-space coefficients {@link #svfRun} and the lanes ({@link FilterLanes}) run, in this order. */
    static final int A11 = 0, A12 = 1, A21 = 2, A22 = 3, B1 = 4, B2 = 5, C1 = 6, C2 = 7, D = 8,
            Q11 = 9, Q12 = 10, Q21 = 11, Q22 = 12, R1 = 13, R2 = 14, COEFFICIENTS = 15;

    // Each section's state-space form at offset s·COEFFICIENTS, derived again only after a re-tune (ssAt: the tuning it
    // was derived at): a chunk of a filter holding still (most chunks of most voices) reads it, both channels too.
    private final double[] ss = new double[3 * COEFFICIENTS];
    private final long[] ssAt = {-1, -1, -1};

    /**
     * Section {@code s}'s state-space coefficients into {@code c[at + stride·K]} for each index K above: A, B, C, D
     * from Simper's solved form, and A², A·B for two frames per step. One derivation for the scalar run and the lanes,
     * so both multiply by the very same doubles.
     */
    void stateSpace(int s, double[] c, int at, int stride) {
        // band = p1·ic1 + p2·(x − ic2), low = ic2 + p2·ic1 + p3·(x − ic2); ic1' = 2 band − ic1, ic2' = 2 low − ic2
        final double e1 = p1[s], e2 = p2[s], e3 = p3[s], k0 = m0[s], k1 = m1[s], k2 = m2[s];
        final double a11 = 2 * e1 - 1, a12 = -2 * e2, a21 = 2 * e2, a22 = 1 - 2 * e3, b1 = 2 * e2, b2 = 2 * e3;
        c[at + stride * A11] = a11; c[at + stride * A12] = a12; c[at + stride * A21] = a21; c[at + stride * A22] = a22;
        c[at + stride * B1] = b1; c[at + stride * B2] = b2;
        c[at + stride * C1] = k1 * e1 + k2 * e2; c[at + stride * C2] = k2 * (1 - e3) - k1 * e2; c[at + stride * D] = k0 + k1 * e2 + k2 * e3;
        c[at + stride * Q11] = a11 * a11 + a12 * a21; c[at + stride * Q12] = a11 * a12 + a12 * a22;
        c[at + stride * Q21] = a21 * a11 + a22 * a21; c[at + stride * Q22] = a21 * a12 + a22 * a22;
        c[at + stride * R1] = a11 * b1 + a12 * b2; c[at + stride * R2] = a21 * b1 + a22 * b2;
    }

    private long tunings; // counts the coefficients' changes: FilterLanes keeps a lane's coefficients while it has not moved

    /** How many times the coefficients were made anew (a setParameters with other settings, a setType): equal counts, equal coefficients. */
    long tunings() { return tunings; }

    /** Whether {@link FilterLanes} may run this filter: one two-pole section (most SoundFont and SFZ filters). */
    boolean laneable() { return sections == 1 && !onePole; }

    /** {@link FilterLanes}' scalar twin: channel {@code ch} of the one section over frames [from, to), flushed as {@link #process} flushes. */
    void runChannel(float[] x, int from, int to, int ch) {
        svfRun(x, from, to, 0, ch);
        state(ch, s1[ch], s2[ch], true);
    }

    /** Channel {@code ch}'s state of the one section, for the lanes. */
    double state1(int ch) { return s1[ch]; }
    double state2(int ch) { return s2[ch]; }

    /** The lanes' state after their run, flushed as {@link #process} flushes at the chunk's end ({@code end}). */
    void state(int ch, double z1, double z2, boolean end) {
        s1[ch] = end ? flush(z1) : z1;
        s2[ch] = end ? flush(z2) : z2;
    }

    /**
     * A mono section two frames per step: the state moves on by A²·s + (A·B·x0 + B·x1), so the recursion's
     * critical path is one multiply-add per state per two frames; the frame between (A·s + B·x0, needed
     * only for its output) lies off that path. {@link FilterLanesVector} does the same arithmetic four channels at once.
     */
    private void svfRun(float[] x, int from, int to, int s, int st) {
        final double[] c = ss;
        final int o = s * COEFFICIENTS;
        if (ssAt[s] != tunings) { stateSpace(s, c, o, 1); ssAt[s] = tunings; }
        final double a11 = c[o + A11], a12 = c[o + A12], a21 = c[o + A21], a22 = c[o + A22], b1 = c[o + B1], b2 = c[o + B2];
        final double c1 = c[o + C1], c2 = c[o + C2], d = c[o + D], q11 = c[o + Q11], q12 = c[o + Q12], q21 = c[o + Q21], q22 = c[o + Q22],
                r1 = c[o + R1], r2 = c[o + R2];
        double z1 = s1[st], z2 = s2[st];
        int i = from;
        for (; i + 1 < to; i += 2) {
            double x0 = x[i], x1 = x[i + 1];
            x[i] = (float) (c1 * z1 + c2 * z2 + d * x0);
            double t1 = a11 * z1 + (a12 * z2 + b1 * x0), t2 = a22 * z2 + (a21 * z1 + b2 * x0);
            x[i + 1] = (float) (c1 * t1 + c2 * t2 + d * x1);
            double n1 = q11 * z1 + (q12 * z2 + (r1 * x0 + b1 * x1));
            z2 = q22 * z2 + (q21 * z1 + (r2 * x0 + b2 * x1));
            z1 = n1;
        }
        if (i < to) {
            double in = x[i];
            x[i] = (float) (c1 * z1 + c2 * z2 + d * in);
            double n1 = a11 * z1 + (a12 * z2 + b1 * in);
            z2 = a22 * z2 + (a21 * z1 + b2 * in);
            z1 = n1;
        }
        s1[st] = z1;
        s2[st] = z2;
    }

    private static double flush(double v) {
        return Math.abs(v) < FLUSH || !(Math.abs(v) < 1e12) ? 0 : v; // second test also catches NaN
    }

    private void onePole(int s, double w, double c0, double c1) {
        m0[s] = c0; m1[s] = c1; m2[s] = 0;
        p1[s] = w / (1 + w);
    }

    private void lowpass(int s, double w, double q) { svf(s, w, 1 / q, 0, 0, 1); }

    private void highpass(int s, double w, double q) { double kk = 1 / q; svf(s, w, kk, 1, -kk, -1); }

    private void svf(int s, double w, double kk, double c0, double c1, double c2) {
        m0[s] = c0; m1[s] = c1; m2[s] = c2;
        p1[s] = 1 / (1 + w * (w + kk));
        p2[s] = w * p1[s];
        p3[s] = w * p2[s];
    }

    private static int sectionsOf(FilterType t) {
        return switch (t) {
            case LPF_4P, HPF_4P -> 2;
            case LPF_6P, HPF_6P -> 3;
            default -> 1;
        };
    }

    private static boolean isOnePole(FilterType t) {
        return t == FilterType.LPF_1P || t == FilterType.HPF_1P || t == FilterType.APF_1P;
    }
}
