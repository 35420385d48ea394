package dev.loophole.signal.fx;

/**
 * A parameter on its way to a new value: a straight line over a fixed number of frames, so a
 * change never steps (no zipper noise) and always arrives exactly.
 */
final class Ramp {
    private final int frames;
    private double value, target, step;
    private int left;

    Ramp(double initial, int frames) {
        this.value = this.target = initial;
        this.frames = Math.max(1, frames);
    }

    /** The default ramp: 20 ms, short enough to follow a hand, long enough not to click. */
    static int defaultFrames(int rate) { return Math.max(1, rate / 50); }

    void set(double to) {
        if (to == target) return;
        target = to;
        left = frames;
        step = (target - value) / frames;
    }

    void jump() { value = target; left = 0; }

    /** The value for this frame, then one frame on. */
    double next() {
        if (left == 0) return value;
        double v = value;
        if (--left == 0) value = target; else value += step;
        return v;
    }

    /** Moves {@code n} frames on at once; returns the value reached (for per-chunk coefficients). */
    double advance(int n) {
        if (left == 0) return value;
        if (n >= left) { left = 0; value = target; } else { left -= n; value += step * n; }
        return value;
    }

    boolean moving() { return left > 0; }

    double value() { return value; }

    double target() { return target; }
}
