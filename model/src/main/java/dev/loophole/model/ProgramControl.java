package dev.loophole.model;

import java.util.List;

/**
 * A control a program shows (Decent Sampler's {@code <labeled-knob>}/{@code <control>}): its label, range and value
 * at load, and what it moves. An editor sees it as a parameter of the sampler node playing the program.
 */
public record ProgramControl(String label, double min, double max, double value, List<Binding> bindings) {
    /** Effect index of a binding that moves the program's volume rather than an effect. */
    public static final int VOLUME = -1;

    /**
     * One target of a control: parameter {@code parameter} of the program's effect {@code effect} (or the program's
     * volume, {@link #VOLUME}), moved linearly from {@code outMin} (control at min) to {@code outMax} (at max) in the
     * preset's units, which are {@code scale} times ours (a 0..1 amount → percent: 100; seconds → ms: 1000). For
     * the volume, the output is a linear gain, given in dB.
     */
    public record Binding(int effect, String parameter, double outMin, double outMax, double scale) {
        /** The target's value, in our units, with the control at {@code x} of [min, max]. */
        public double at(double x, double min, double max) {
            double t = max == min ? 0 : Math.clamp((x - min) / (max - min), 0, 1);
            double out = outMin + t * (outMax - outMin);
            return effect == VOLUME ? 20 * Math.log10(Math.max(out, 1e-3)) : out * scale;
        }
    }

    public ProgramControl {
        if (label == null || label.isBlank()) label = "Control";
        if (!(min < max)) throw new IllegalArgumentException("control " + label + ": expected min < max, found " + min + ".." + max);
        value = Math.clamp(value, min, max);
        bindings = List.copyOf(bindings);
    }
}
