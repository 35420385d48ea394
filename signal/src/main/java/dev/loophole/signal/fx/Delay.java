package dev.loophole.signal.fx;

import dev.loophole.model.project.EffectKind;

/**
 * A stereo feedback delay: each channel's echo comes exactly {@code round(time × rate)} frames
 * after its input and every repeat is {@code feedback} % of the one before, through a one-pole
 * low-pass at {@code damping} Hz in the feedback path (at its 20 kHz top the path is left straight).
 * Ping-pong feeds the mono input to the left line and crosses the repeats between the sides.
 * {@code mix} blends dry (100 − mix %) and wet. A new time crossfades from the old tap to the new
 * one over 20 ms instead of jumping (a jump would click).
 */
final class Delay implements Effect {
    private static final EffectKind KIND = EffectKind.DELAY;
    static final int TIME = Effects.index(KIND, "time"), FEEDBACK = Effects.index(KIND, "feedback"), DAMPING = Effects.index(KIND, "damping"),
            PING_PONG = Effects.index(KIND, "pingPong"), MIX = Effects.index(KIND, "mix");
    private static final double STRAIGHT_HZ = 20_000;
    private final int rate, size, fadeFrames;
    private final float[] bufL, bufR;
    private final Ramp feedback, mix;
    private double dampCoef, lpL, lpR;
    private boolean pingPong;
    private int write, tap, oldTap, fade;

    Delay(int rate) {
        this.rate = rate;
        double maxMs = KIND.parameters().parameters().get(TIME).max();
        this.size = (int) Math.ceil(maxMs * rate / 1000) + 2;
        bufL = new float[size];
        bufR = new float[size];
        fadeFrames = Ramp.defaultFrames(rate);
        feedback = new Ramp(Effects.defaultOf(KIND, "feedback") / 100, fadeFrames);
        mix = new Ramp(Effects.defaultOf(KIND, "mix") / 100, fadeFrames);
        tap = oldTap = frames(Effects.defaultOf(KIND, "time"));
        damping(Effects.defaultOf(KIND, "damping"));
    }

    private int frames(double ms) { return (int) Math.clamp(Math.round(ms * rate / 1000), 1, size - 1); }

    /** One-pole low-pass y += (1 − c)(x − y), c = e^(−2π f / rate); 0 = straight through. */
    private void damping(double hz) { dampCoef = hz >= STRAIGHT_HZ ? 0 : Math.exp(-2 * Math.PI * hz / rate); }

    @Override
    public void set(int index, double value) {
        double v = Effects.clamp(KIND, index, value);
        if (index == TIME) {
            int t = frames(v);
            if (t == tap) return;
            oldTap = fade > 0 ? oldTap : tap; // a change during a fade keeps fading from what was heard
            tap = t;
            fade = fadeFrames;
        } else if (index == FEEDBACK) feedback.set(v / 100);
        else if (index == DAMPING) damping(v);
        else if (index == PING_PONG) pingPong = v >= 0.5;
        else if (index == MIX) mix.set(v / 100);
    }

    @Override
    public void process(float[] left, float[] right, int from, int to) {
        int w = write;
        double c = dampCoef, fl = lpL, fr = lpR;
        for (int i = from; i < to; i++) {
            double fb = feedback.next(), m = mix.next();
            int r = w - tap;
            if (r < 0) r += size;
            float wl = bufL[r], wr = bufR[r];
            if (fade > 0) {
                int o = w - oldTap;
                if (o < 0) o += size;
                float x = (float) fade / fadeFrames;
                wl = wl * (1 - x) + bufL[o] * x;
                wr = wr * (1 - x) + bufR[o] * x;
                fade--;
            }
            fl = wl + c * (fl - wl);
            fr = wr + c * (fr - wr);
            // flushed every frame, not per call: the output must not depend on how the caller cuts its blocks
            if (Math.abs(fl) < 1e-20) fl = 0;
            if (Math.abs(fr) < 1e-20) fr = 0;
            float xl = left[i], xr = right[i];
            float nl, nr;
            if (pingPong) { nl = (float) (0.5f * (xl + xr) + fb * fr); nr = (float) (fb * fl); }
            else { nl = (float) (xl + fb * fl); nr = (float) (xr + fb * fr); }
            bufL[w] = Math.abs(nl) < 1e-20f ? 0 : nl; // no denormals circulating in a dying loop
            bufR[w] = Math.abs(nr) < 1e-20f ? 0 : nr;
            left[i] = (float) ((1 - m) * xl + m * wl);
            right[i] = (float) ((1 - m) * xr + m * wr);
            if (++w == size) w = 0;
        }
        lpL = fl;
        lpR = fr;
        write = w;
    }

    /** The damping filters' state, both channels summed (for a test of block-length independence). */
    double dampState() { return lpL + lpR; }

    @Override
    public void reset() {
        java.util.Arrays.fill(bufL, 0);
        java.util.Arrays.fill(bufR, 0);
        lpL = lpR = 0;
        settle();
    }

    @Override
    public void settle() {
        feedback.jump(); mix.jump();
        fade = 0;
    }
}
