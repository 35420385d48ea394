package dev.loophole.signal.fx;

import dev.loophole.model.project.EffectKind;

/**
 * Four RBJ cookbook bands in series, each a low shelf, peak, high shelf, low cut (high-pass) or
 * high cut (low-pass) with its frequency, gain and Q. Frequency, gain and Q ramp per {@link #CHUNK}
 * frames and the band is redesigned at each step while they move, so a sweep is smooth without a
 * redesign per frame. A new type switches at once (it is a choice, not a value to glide).
 */
final class ParametricEq implements Effect {
    private static final EffectKind KIND = EffectKind.EQ4;
    static final int CHUNK = 16;
    static final int LOW_SHELF = 0, PEAK = 1, HIGH_SHELF = 2, LOW_CUT = 3, HIGH_CUT = 4; // EffectKind.Eq4.TYPES order
    private static final int PER_BAND = 4; // type, freq, gain, q
    private final int rate;
    private final Biquad[] band = {new Biquad(), new Biquad(), new Biquad(), new Biquad()};
    private final int[] type = new int[4];
    private final Ramp[] p = new Ramp[12]; // per band: freq, gain, q

    ParametricEq(int rate) {
        this.rate = rate;
        for (int b = 0; b < 4; b++) {
            int at = b * PER_BAND;
            type[b] = (int) KIND.parameters().parameters().get(at).defaultValue();
            for (int k = 0; k < 3; k++) p[3 * b + k] = new Ramp(KIND.parameters().parameters().get(at + 1 + k).defaultValue(), Ramp.defaultFrames(rate));
            design(b);
        }
    }

    @Override
    public void set(int index, double value) {
        double v = Effects.clamp(KIND, index, value);
        int b = index / PER_BAND, k = index % PER_BAND;
        if (k == 0) {
            int t = (int) Math.round(v);
            if (t != type[b]) { type[b] = t; band[b].clear(); design(b); }
        } else p[3 * b + k - 1].set(v);
    }

    private void design(int b) {
        double f = Math.min(p[3 * b].value(), rate * 0.49), g = p[3 * b + 1].value(), q = p[3 * b + 2].value();
        switch (type[b]) {
            case LOW_SHELF -> band[b].lowShelf(rate, f, g, q);
            case HIGH_SHELF -> band[b].highShelf(rate, f, g, q);
            case LOW_CUT -> band[b].highPass(rate, f, q);
            case HIGH_CUT -> band[b].lowPass(rate, f, q);
            default -> band[b].peak(rate, f, g, q);
        }
    }

    /** A shelf or peak at 0 dB is the identity. */
    private boolean flat(int b) { return type[b] != LOW_CUT && type[b] != HIGH_CUT && p[3 * b + 1].value() == 0; }

    @Override
    public void process(float[] left, float[] right, int from, int to) {
        for (int at = from; at < to; ) {
            int n = Math.min(CHUNK, to - at);
            for (int b = 0; b < 4; b++) {
                boolean moving = p[3 * b].moving() || p[3 * b + 1].moving() || p[3 * b + 2].moving();
                if (moving) {
                    for (int k = 0; k < 3; k++) p[3 * b + k].advance(n);
                    design(b);
                }
                // Skipped while flat, a band's state is what running it would have left: zero.
                if (moving || !flat(b)) band[b].process(left, right, at, at + n);
                else band[b].clear();
            }
            at += n;
        }
    }

    @Override
    public void reset() {
        for (Ramp r : p) r.jump();
        for (int b = 0; b < 4; b++) { band[b].clear(); design(b); }
    }

    @Override
    public void settle() {
        for (Ramp r : p) r.jump();
        for (int b = 0; b < 4; b++) design(b);
    }
}
