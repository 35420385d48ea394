package dev.loophole.signal.fx;

import dev.loophole.model.project.EffectKind;

/**
 * A feed-forward compressor, stereo-linked, working in dB (after Giannoulis, Massberg and Reiss,
 * "Digital Dynamic Range Compressor Design", JAES 2012): the static curve with a quadratic soft
 * knee of width W around the threshold T,
 * <pre>
 *   x &lt; T − W/2        : y = x
 *   |x − T| ≤ W/2       : y = x + (1/R − 1)(x − T + W/2)² / 2W
 *   x &gt; T + W/2        : y = T + (x − T)/R
 * </pre>
 * applied to the instantaneous peak of both channels; the gain reduction goes through a smooth
 * decoupled peak detector (release) then a one-pole (attack), each with coefficient e^(−1/τf).
 * A steady sine of peak level x is therefore reduced by y(x) − x once settled.
 */
final class Compressor implements Effect {
    private static final EffectKind KIND = EffectKind.COMPRESSOR;
    static final int THRESHOLD = Effects.index(KIND, "threshold"), RATIO = Effects.index(KIND, "ratio"), KNEE = Effects.index(KIND, "knee"),
            ATTACK = Effects.index(KIND, "attack"), RELEASE = Effects.index(KIND, "release"), MAKEUP = Effects.index(KIND, "makeup");
    private final int rate;
    private final Ramp threshold, ratio, knee, makeup;
    private double attackCoef, releaseCoef, attackMs = -1, releaseMs = -1;
    private double held, smoothed; // gain reduction in dB, ≥ 0

    Compressor(int rate) {
        this.rate = rate;
        int f = Ramp.defaultFrames(rate);
        threshold = new Ramp(Effects.defaultOf(KIND, "threshold"), f);
        ratio = new Ramp(Effects.defaultOf(KIND, "ratio"), f);
        knee = new Ramp(Effects.defaultOf(KIND, "knee"), f);
        makeup = new Ramp(Math.pow(10, Effects.defaultOf(KIND, "makeup") / 20), f);
        times(Effects.defaultOf(KIND, "attack"), Effects.defaultOf(KIND, "release"));
    }

    private void times(double attack, double release) {
        attackMs = attack;
        releaseMs = release;
        attackCoef = Math.exp(-1000 / (attack * rate));
        releaseCoef = Math.exp(-1000 / (release * rate));
    }

    @Override
    public void set(int index, double value) {
        double v = Effects.clamp(KIND, index, value);
        if (index == THRESHOLD) threshold.set(v);
        else if (index == RATIO) ratio.set(v);
        else if (index == KNEE) knee.set(v);
        else if (index == ATTACK) times(v, releaseMs);
        else if (index == RELEASE) times(attackMs, v);
        else if (index == MAKEUP) makeup.set(Math.pow(10, v / 20));
    }

    /** The static curve: output level in dB for input level {@code x} dB. */
    static double curve(double x, double t, double r, double w) {
        double over = x - t;
        if (2 * over < -w) return x;
        if (2 * Math.abs(over) <= w && w > 0) {
            double d = over + w / 2;
            return x + (1 / r - 1) * d * d / (2 * w);
        }
        return t + over / r;
    }

    @Override
    public void process(float[] left, float[] right, int from, int to) {
        double a = attackCoef, rel = releaseCoef, h = held, s = smoothed;
        for (int i = from; i < to; i++) {
            double t = threshold.next(), r = ratio.next(), w = knee.next(), m = makeup.next();
            double peak = Math.max(Math.abs(left[i]), Math.abs(right[i]));
            double x = peak > 1e-9 ? 20 * Math.log10(peak) : -180;
            double reduction = x - curve(x, t, r, w);
            h = Math.max(reduction, rel * h + (1 - rel) * reduction);
            s = a * s + (1 - a) * h;
            // flushed every frame, not per call: the output must not depend on how the caller cuts its blocks
            if (h < 1e-12) h = 0;
            if (s < 1e-12) s = 0;
            float g = (float) (m * Math.pow(10, -s / 20));
            left[i] *= g;
            right[i] *= g;
        }
        held = h;
        smoothed = s;
    }

    /** The gain reduction in dB now (for a meter). */
    double reductionDb() { return smoothed; }

    @Override
    public void reset() {
        held = smoothed = 0;
        settle();
    }

    @Override
    public void settle() { threshold.jump(); ratio.jump(); knee.jump(); makeup.jump(); }
}
