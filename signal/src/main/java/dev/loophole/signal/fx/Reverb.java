package dev.loophole.signal.fx;

import dev.loophole.model.project.EffectKind;

/**
 * An algorithmic reverb of our own: a pre-delay, two input allpass diffusers, then an 8-line
 * feedback delay network (Jot's design) whose lines are mixed by a normalised 8×8 Hadamard matrix
 * (lossless, so the loss is all in the line gains). Line i of length mᵢ frames is scaled by
 * gᵢ = 10^(−3·mᵢ / (RT60·rate)): every path loses 60 dB in RT60 seconds, whatever its length, so
 * the set decay time is what is measured. Size scales every line (0.5× at 0 %, 1.5× at 100 %: a
 * bigger room's echoes are further apart; a change re-settles the lines, it does not glide). Damping
 * is a one-pole low-pass in each line (unity at DC: low frequencies keep the set decay, highs die
 * sooner). Left and right read the lines through two orthogonal sign patterns, which decorrelates
 * them; width blends them towards their mid (0 %: mono). Values that decay below 1e-20 are flushed to
 * zero, so a dying tail never runs on denormals.
 */
final class Reverb implements Effect {
    private static final EffectKind KIND = EffectKind.REVERB;
    static final int SIZE = Effects.index(KIND, "size"), DECAY = Effects.index(KIND, "decay"), DAMPING = Effects.index(KIND, "damping"),
            PRE_DELAY = Effects.index(KIND, "preDelay"), WIDTH = Effects.index(KIND, "width"), MIX = Effects.index(KIND, "mix");
    static final double MAX_PREDELAY_MS = KIND.parameters().parameters().get(PRE_DELAY).max();
    private static final double MAX_SCALE = 1.5;
    private static final int CHUNK = 64;
    /** Line lengths at 48 kHz: spread over 21–62 ms, pairwise coprime, so echoes do not pile up. */
    private static final int[] LENGTHS_48K = {1031, 1327, 1523, 1801, 2053, 2351, 2647, 2971};
    private static final int[] DIFFUSER_48K = {142, 379};
    private static final double DIFFUSION = 0.6;
    private static final float[] OUT_L = {1, -1, 1, -1, 1, -1, 1, -1}, OUT_R = {1, 1, -1, -1, 1, 1, -1, -1};
    private static final float[] IN = {1, 1, -1, -1, 1, -1, 1, -1};

    private final int rate;
    private final float[][] line = new float[8][];
    private final int[] length = new int[8], pos = new int[8];
    private final double[] gain = new double[8], lp = new double[8];
    private final float[][] diffuser = new float[2][];
    private final int[] diffPos = new int[2];
    private final float[] pre;
    private int prePos, preFrames;
    private final Ramp decay, damping, width, mix;
    private double size = -1;
    private final double[] v = new double[8];

    Reverb(int rate) {
        this.rate = rate;
        for (int i = 0; i < 8; i++) line[i] = new float[(int) Math.ceil(LENGTHS_48K[i] * MAX_SCALE * rate / 48000.0) + 1];
        for (int i = 0; i < 2; i++) diffuser[i] = new float[Math.max(1, (int) Math.round(DIFFUSER_48K[i] * rate / 48000.0))];
        pre = new float[(int) Math.ceil(MAX_PREDELAY_MS * rate / 1000) + 1];
        int f = Ramp.defaultFrames(rate);
        decay = new Ramp(Effects.defaultOf(KIND, "decay"), f);
        damping = new Ramp(Effects.defaultOf(KIND, "damping") / 100, f);
        width = new Ramp(Effects.defaultOf(KIND, "width") / 100, f);
        mix = new Ramp(Effects.defaultOf(KIND, "mix") / 100, f);
        preFrames = predelayFrames(Effects.defaultOf(KIND, "preDelay"));
        size(Effects.defaultOf(KIND, "size"));
    }

    private int predelayFrames(double ms) { return (int) Math.min(pre.length - 1, Math.round(ms * rate / 1000)); }

    /** Line lengths for room size {@code percent}; a change wraps each line's position into its new length. */
    private void size(double percent) {
        if (percent == size) return;
        size = percent;
        double scale = 0.5 + percent / 100;
        for (int i = 0; i < 8; i++) {
            length[i] = Math.max(1, (int) Math.round(LENGTHS_48K[i] * scale * rate / 48000.0));
            pos[i] %= length[i];
        }
        gains();
    }

    private void gains() {
        double t = decay.value();
        for (int i = 0; i < 8; i++) gain[i] = Math.pow(10, -3.0 * length[i] / (t * rate));
    }

    @Override
    public void set(int index, double value) {
        double x = Effects.clamp(KIND, index, value);
        if (index == SIZE) size(x);
        else if (index == DECAY) decay.set(x);
        else if (index == DAMPING) damping.set(x / 100);
        else if (index == PRE_DELAY) preFrames = predelayFrames(x);
        else if (index == WIDTH) width.set(x / 100);
        else if (index == MIX) mix.set(x / 100);
    }

    private float diffuse(int k, float x) {
        float[] d = diffuser[k];
        int p = diffPos[k];
        float delayed = d[p];
        float in = (float) (x + DIFFUSION * delayed);
        d[p] = Math.abs(in) < 1e-20f ? 0 : in;
        diffPos[k] = p + 1 == d.length ? 0 : p + 1;
        return (float) (delayed - DIFFUSION * in);
    }

    @Override
    public void process(float[] left, float[] right, int from, int to) {
        for (int at = from; at < to; ) {
            int n = Math.min(CHUNK, to - at);
            if (decay.moving()) { decay.advance(n); gains(); }
            double damp = damping.advance(n) * 0.9; // 0.9: full damping still passes some air
            run(left, right, at, at + n, damp);
            at += n;
        }
    }

    private void run(float[] left, float[] right, int from, int to, double damp) {
        double[] y = v;
        for (int i = from; i < to; i++) {
            double m = mix.next(), wd = width.next();
            float xl = left[i], xr = right[i];
            // Pre-delay, then diffusion, on the mono sum.
            pre[prePos] = 0.5f * (xl + xr);
            int rd = prePos - preFrames;
            if (rd < 0) rd += pre.length;
            float in = pre[rd];
            prePos = prePos + 1 == pre.length ? 0 : prePos + 1;
            in = diffuse(1, diffuse(0, in));
            // Line outputs, damped and scaled: the loss of one trip round the loop.
            double wl = 0, wr = 0;
            for (int k = 0; k < 8; k++) {
                double o = line[k][pos[k]];
                lp[k] = o + damp * (lp[k] - o);
                if (Math.abs(lp[k]) < 1e-20) lp[k] = 0;
                y[k] = lp[k] * gain[k];
                wl += OUT_L[k] * o;
                wr += OUT_R[k] * o;
            }
            hadamard(y);
            for (int k = 0; k < 8; k++) {
                float next = (float) (y[k] + IN[k] * in);
                line[k][pos[k]] = Math.abs(next) < 1e-20f ? 0 : next;
                if (++pos[k] == length[k]) pos[k] = 0;
            }
            double mid = 0.5 * (wl + wr), side = 0.5 * (wl - wr) * wd;
            double scale = 0.35; // ~ 1/√8: the wet sum at about the input's level
            left[i] = (float) ((1 - m) * xl + m * scale * (mid + side));
            right[i] = (float) ((1 - m) * xr + m * scale * (mid - side));
        }
    }

    /** In place: the 8-point Hadamard transform scaled by 1/√8 (orthogonal). */
    private static void hadamard(double[] a) {
        for (int h = 1; h < 8; h <<= 1)
            for (int i = 0; i < 8; i += h << 1)
                for (int j = i; j < i + h; j++) {
                    double x = a[j], z = a[j + h];
                    a[j] = x + z;
                    a[j + h] = x - z;
                }
        for (int i = 0; i < 8; i++) a[i] *= 0.35355339059327373;
    }

    @Override
    public void reset() {
        for (float[] l : line) java.util.Arrays.fill(l, 0);
        for (float[] d : diffuser) java.util.Arrays.fill(d, 0);
        java.util.Arrays.fill(pre, 0);
        java.util.Arrays.fill(lp, 0);
        settle();
    }

    @Override
    public void settle() {
        decay.jump(); damping.jump(); width.jump(); mix.jump();
        gains();
    }
}
