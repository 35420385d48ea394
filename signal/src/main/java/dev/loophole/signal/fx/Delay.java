package dev.loophole.signal.fx;

/**
 * A stereo feedback delay: each channel's echo comes exactly {@code round(time × rate)} frames
 * (at least 1) after its input and every repeat is {@code feedback} times the one before;
 * {@code mix} blends dry (1 − mix) and wet (mix). A new time crossfades from the old tap to the new
 * one over 20 ms instead of jumping (a jump would click).
 */
final class Delay implements Effect {
    static final double MAX_SECONDS = 4;
    private final int rate, size, fadeFrames;
    private final float[] bufL, bufR;
    private final Ramp feedback, mix;
    private int write, tap, oldTap, fade;

    Delay(int rate) {
        this.rate = rate;
        this.size = (int) Math.ceil(MAX_SECONDS * rate) + 2;
        bufL = new float[size];
        bufR = new float[size];
        var ps = EffectKind.DELAY.parameters();
        fadeFrames = Ramp.defaultFrames(rate);
        feedback = new Ramp(ps.get(1).defaultValue(), fadeFrames);
        mix = new Ramp(ps.get(2).defaultValue(), fadeFrames);
        tap = oldTap = frames(ps.get(0).defaultValue());
    }

    private int frames(double ms) { return (int) Math.clamp(Math.round(ms * rate / 1000), 1, size - 1); }

    @Override
    public void set(int index, double value) {
        double v = EffectKind.DELAY.parameters().get(index).clamp(value);
        switch (index) {
            case 0 -> {
                int t = frames(v);
                if (t == tap) return;
                oldTap = fade > 0 ? oldTap : tap; // a change during a fade keeps fading from what was heard
                tap = t;
                fade = fadeFrames;
            }
            case 1 -> feedback.set(v);
            default -> mix.set(v);
        }
    }

    @Override
    public void process(float[] left, float[] right, int from, int to) {
        int w = write;
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
            float xl = left[i], xr = right[i];
            float nl = (float) (xl + fb * wl), nr = (float) (xr + fb * wr);
            bufL[w] = Math.abs(nl) < 1e-20f ? 0 : nl; // no denormals circulating in a dying loop
            bufR[w] = Math.abs(nr) < 1e-20f ? 0 : nr;
            left[i] = (float) ((1 - m) * xl + m * wl);
            right[i] = (float) ((1 - m) * xr + m * wr);
            if (++w == size) w = 0;
        }
        write = w;
    }

    @Override
    public void reset() {
        java.util.Arrays.fill(bufL, 0);
        java.util.Arrays.fill(bufR, 0);
        feedback.jump(); mix.jump();
        fade = 0;
    }
}
