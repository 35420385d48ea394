package dev.loophole.signal.fx;

/**
 * Four RBJ bands in series: a low shelf, two peaks, a high shelf. Parameter ramps move per
 * {@link #CHUNK} frames and the coefficients are redesigned at each step while they move, so a
 * sweep is smooth without paying a redesign per frame.
 */
final class ParametricEq implements Effect {
    static final int CHUNK = 16;
    private final int rate;
    private final Biquad[] band = {new Biquad(), new Biquad(), new Biquad(), new Biquad()};
    private final Ramp[] p = new Ramp[12];

    ParametricEq(int rate) {
        this.rate = rate;
        var params = EffectKind.EQ4.parameters();
        for (int i = 0; i < p.length; i++) p[i] = new Ramp(params.get(i).defaultValue(), Ramp.defaultFrames(rate));
        for (int b = 0; b < 4; b++) design(b);
    }

    @Override
    public void set(int index, double value) { p[index].set(EffectKind.EQ4.parameters().get(index).clamp(value)); }

    private void design(int b) {
        double f = Math.min(p[3 * b].value(), rate * 0.49), g = p[3 * b + 1].value(), q = p[3 * b + 2].value();
        switch (b) {
            case 0 -> band[b].lowShelf(rate, f, g, q);
            case 3 -> band[b].highShelf(rate, f, g, q);
            default -> band[b].peak(rate, f, g, q);
        }
    }

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
                // A 0 dB band is the identity: skipped, its state is what running it would have left (zero).
                if (p[3 * b + 1].value() != 0 || moving) band[b].process(left, right, at, at + n);
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
}
