package dev.loophole.signal.fx;

import dev.loophole.model.project.EffectKind;

/**
 * A stereo chorus: each channel reads a delay line at {@code delay + depth × sin(2π·rate·t + φ)}
 * milliseconds (φ = 0 left, π/2 right, for width) with linear interpolation, feeds {@code feedback} % of
 * that back into the line, and blends it with the dry signal by {@code mix} %. All of them glide.
 */
final class Chorus implements Effect {
    private static final EffectKind KIND = EffectKind.CHORUS;
    static final int RATE = Effects.index(KIND, "rate"), DEPTH = Effects.index(KIND, "depth"), DELAY = Effects.index(KIND, "delay"),
            FEEDBACK = Effects.index(KIND, "feedback"), MIX = Effects.index(KIND, "mix");
    private static final double MAX_DELAY_MS = KIND.parameters().parameters().get(DELAY).max() + KIND.parameters().parameters().get(DEPTH).max();
    private final int rate, size;
    private final float[] bufL, bufR;
    private final Ramp lfoRate, depth, delay, feedback, mix;
    private double phase; // cycles, 0..1
    private int write;

    Chorus(int rate) {
        this.rate = rate;
        size = (int) Math.ceil(MAX_DELAY_MS * rate / 1000) + 4;
        bufL = new float[size];
        bufR = new float[size];
        int f = Ramp.defaultFrames(rate);
        lfoRate = new Ramp(Effects.defaultOf(KIND, "rate"), f);
        depth = new Ramp(Effects.defaultOf(KIND, "depth"), f);
        delay = new Ramp(Effects.defaultOf(KIND, "delay"), f);
        feedback = new Ramp(Effects.defaultOf(KIND, "feedback") / 100, f);
        mix = new Ramp(Effects.defaultOf(KIND, "mix") / 100, f);
    }

    @Override
    public void set(int index, double value) {
        double v = Effects.clamp(KIND, index, value);
        if (index == RATE) lfoRate.set(v);
        else if (index == DEPTH) depth.set(v);
        else if (index == DELAY) delay.set(v);
        else if (index == FEEDBACK) feedback.set(v / 100);
        else if (index == MIX) mix.set(v / 100);
    }

    private float read(float[] buf, int w, double framesBack) {
        double pos = w - framesBack;
        if (pos < 0) pos += size;
        int i = (int) pos;
        double frac = pos - i;
        int j = i + 1 == size ? 0 : i + 1;
        return (float) (buf[i] + (buf[j] - buf[i]) * frac);
    }

    @Override
    public void process(float[] left, float[] right, int from, int to) {
        int w = write;
        double ph = phase, perMs = rate / 1000.0;
        for (int i = from; i < to; i++) {
            double r = lfoRate.next(), d = depth.next() * perMs, base = delay.next() * perMs, fb = feedback.next(), m = mix.next();
            float xl = left[i], xr = right[i];
            double s = Math.sin(2 * Math.PI * ph), c = Math.cos(2 * Math.PI * ph);
            // Read before writing this frame: the shortest delay (1 ms) is well over one frame.
            float wl = read(bufL, w, Math.max(1, base + d * s)), wr = read(bufR, w, Math.max(1, base + d * c));
            float nl = (float) (xl + fb * wl), nr = (float) (xr + fb * wr);
            bufL[w] = Math.abs(nl) < 1e-20f ? 0 : nl;
            bufR[w] = Math.abs(nr) < 1e-20f ? 0 : nr;
            left[i] = (float) ((1 - m) * xl + m * wl);
            right[i] = (float) ((1 - m) * xr + m * wr);
            ph += r / rate;
            if (ph >= 1) ph -= 1;
            if (++w == size) w = 0;
        }
        write = w;
        phase = ph;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(bufL, 0);
        java.util.Arrays.fill(bufR, 0);
        phase = 0;
        settle();
    }

    @Override
    public void settle() { lfoRate.jump(); depth.jump(); delay.jump(); feedback.jump(); mix.jump(); }
}
