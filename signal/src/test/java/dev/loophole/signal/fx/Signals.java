package dev.loophole.signal.fx;

import dev.loophole.model.project.EffectKind;

/** Test signals and measures for the effect units. */
final class Signals {
    static final int RATE = 48_000;

    static float[] sine(double hz, double amplitude, int frames) {
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / RATE));
        return x;
    }

    /** The amplitude of the {@code hz} component over {@code [from, to)} (quadrature correlation; exact for whole cycles). */
    static double amplitude(float[] x, int from, int to, double hz) {
        double s = 0, c = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * hz * i / RATE;
            s += x[i] * Math.sin(w);
            c += x[i] * Math.cos(w);
        }
        return 2 * Math.hypot(s, c) / (to - from);
    }

    static double peak(float[] x, int from, int to) {
        double p = 0;
        for (int i = from; i < to; i++) p = Math.max(p, Math.abs(x[i]));
        return p;
    }

    static double db(double v) { return 20 * Math.log10(v); }

    /** Runs {@code fx} over both channels in blocks of 256, as a graph would. */
    static void run(Effect fx, float[] l, float[] r) {
        for (int at = 0; at < l.length; at += 256) fx.process(l, r, at, Math.min(l.length, at + 256));
    }

    static Effect make(EffectKind kind, Object... idValue) {
        Effect fx = Effects.create(kind, RATE);
        for (int i = 0; i < idValue.length; i += 2) fx.set(Effects.index(kind, (String) idValue[i]), ((Number) idValue[i + 1]).doubleValue());
        fx.reset();
        return fx;
    }
}
