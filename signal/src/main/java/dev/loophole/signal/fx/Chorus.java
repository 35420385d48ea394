package dev.loophole.signal.fx;

/**
 * A stereo chorus: each channel reads a delay line at {@code delay + depth × sin(2π·rate·t + φ)}
 * milliseconds (φ = 0 left, π/2 right, for width) with linear interpolation, and blends it with the
 * dry signal by {@code mix}. Rate, depth, delay and mix glide.
 */
final class Chorus implements Effect {
    static final double MAX_DEPTH_MS = 10;
    private static final double MAX_DELAY_MS = 30 + MAX_DEPTH_MS;
    private final int rate, size;
    private final float[] bufL, bufR;
    private final Ramp lfoRate, depth, delay, mix;
    private double phase; // cycles, 0..1
    private int write;

    Chorus(int rate) {
        this.rate = rate;
        size = (int) Math.ceil(MAX_DELAY_MS * rate / 1000) + 4;
        bufL = new float[size];
        bufR = new float[size];
        var ps = EffectKind.CHORUS.parameters();
        int f = Ramp.defaultFrames(rate);
        lfoRate = new Ramp(ps.get(0).defaultValue(), f);
        depth = new Ramp(ps.get(1).defaultValue(), f);
        delay = new Ramp(ps.get(2).defaultValue(), f);
        mix = new Ramp(ps.get(3).defaultValue(), f);
    }

    @Override
    public void set(int index, double value) {
        double v = EffectKind.CHORUS.parameters().get(index).clamp(value);
        switch (index) {
            case 0 -> lfoRate.set(v);
            case 1 -> depth.set(v);
            case 2 -> delay.set(v);
            default -> mix.set(v);
        }
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
            double r = lfoRate.next(), d = depth.next() * perMs, base = delay.next() * perMs, m = mix.next();
            float xl = left[i], xr = right[i];
            bufL[w] = xl;
            bufR[w] = xr;
            double s = Math.sin(2 * Math.PI * ph), c = Math.cos(2 * Math.PI * ph);
            float wl = read(bufL, w, base + d * s), wr = read(bufR, w, base + d * c);
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
        lfoRate.jump(); depth.jump(); delay.jump(); mix.jump();
    }
}
