package dev.loophole.signal.fx;

/**
 * An algorithmic reverb of our own: a pre-delay, two input allpass diffusers, then an 8-line
 * feedback delay network (Jot's design) whose lines are mixed by a normalised 8×8 Hadamard matrix
 * (lossless, so the loss is all in the line gains). Line i of length mᵢ frames is scaled by
 * gᵢ = 10^(−3·mᵢ / (RT60·rate)): every path loses 60 dB in RT60 seconds, whatever its length, so
 * the set decay time is what is measured. Damping is a one-pole low-pass in each line (unity at DC:
 * low frequencies keep the set decay, highs die sooner). Left and right read the lines through two
 * orthogonal sign patterns, which decorrelates them. Values that decay below 1e-20 are flushed to
 * zero, so a dying tail never runs on denormals.
 */
final class Reverb implements Effect {
    static final double MAX_PREDELAY_MS = 250;
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
    private final Ramp decay, damping, mix;
    private final double[] v = new double[8];

    Reverb(int rate) {
        this.rate = rate;
        for (int i = 0; i < 8; i++) {
            length[i] = Math.max(1, (int) Math.round(LENGTHS_48K[i] * rate / 48000.0));
            line[i] = new float[length[i]];
        }
        for (int i = 0; i < 2; i++) diffuser[i] = new float[Math.max(1, (int) Math.round(DIFFUSER_48K[i] * rate / 48000.0))];
        pre = new float[(int) Math.ceil(MAX_PREDELAY_MS * rate / 1000) + 1];
        var ps = EffectKind.REVERB.parameters();
        int f = Ramp.defaultFrames(rate);
        decay = new Ramp(ps.get(0).defaultValue(), f);
        damping = new Ramp(ps.get(1).defaultValue(), f);
        mix = new Ramp(ps.get(3).defaultValue(), f);
        preFrames = predelayFrames(ps.get(2).defaultValue());
        gains();
    }

    private int predelayFrames(double ms) { return (int) Math.min(pre.length - 1, Math.round(ms * rate / 1000)); }

    private void gains() {
        double t = decay.value();
        for (int i = 0; i < 8; i++) gain[i] = Math.pow(10, -3.0 * length[i] / (t * rate));
    }

    @Override
    public void set(int index, double value) {
        double x = EffectKind.REVERB.parameters().get(index).clamp(value);
        switch (index) {
            case 0 -> decay.set(x);
            case 1 -> damping.set(x);
            case 2 -> preFrames = predelayFrames(x);
            default -> mix.set(x);
        }
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
            double m = mix.next();
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
            float scale = 0.35f; // ~ 1/√8: the wet sum at about the input's level
            left[i] = (float) ((1 - m) * xl + m * scale * wl);
            right[i] = (float) ((1 - m) * xr + m * scale * wr);
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
        decay.jump(); damping.jump(); mix.jump();
        gains();
    }
}
