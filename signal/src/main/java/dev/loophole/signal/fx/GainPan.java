package dev.loophole.signal.fx;

import dev.loophole.model.project.EffectKind;

/**
 * Gain in dB and a stereo balance with a constant-power (−3 dB) pan law, unity at centre: the left
 * side is scaled by √2·cos θ and the right by √2·sin θ, θ = (pan + 1)·π/4. Both glide per frame.
 */
final class GainPan implements Effect {
    private static final EffectKind KIND = EffectKind.GAIN_PAN;
    static final int GAIN = Effects.index(KIND, "gain"), PAN = Effects.index(KIND, "pan");
    private final Ramp gain, pan;

    GainPan(int rate) {
        gain = new Ramp(1, Ramp.defaultFrames(rate));
        pan = new Ramp(0, Ramp.defaultFrames(rate));
    }

    @Override
    public void set(int index, double value) {
        double v = Effects.clamp(KIND, index, value);
        if (index == GAIN) gain.set(Math.pow(10, v / 20));
        else if (index == PAN) pan.set(v);
    }

    @Override
    public void process(float[] left, float[] right, int from, int to) {
        if (!gain.moving() && !pan.moving()) {
            double g = gain.value(), th = (pan.value() + 1) * Math.PI / 4;
            float gl = (float) (g * Math.sqrt(2) * Math.cos(th)), gr = (float) (g * Math.sqrt(2) * Math.sin(th));
            for (int i = from; i < to; i++) { left[i] *= gl; right[i] *= gr; }
            return;
        }
        for (int i = from; i < to; i++) {
            double g = gain.next(), th = (pan.next() + 1) * Math.PI / 4;
            left[i] *= (float) (g * Math.sqrt(2) * Math.cos(th));
            right[i] *= (float) (g * Math.sqrt(2) * Math.sin(th));
        }
    }

    @Override public void reset() { settle(); }

    @Override public void settle() { gain.jump(); pan.jump(); }
}
