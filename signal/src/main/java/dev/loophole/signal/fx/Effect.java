package dev.loophole.signal.fx;

/**
 * A built-in effect node's DSP: state as fields, one {@link #process} loop over a stereo pair in
 * place. Parameters are set by index ({@link EffectKind#parameters()} gives their ids, units and
 * ranges); a change ramps from the value in use, so a moved knob never zippers. Audio thread: no
 * allocation, no locks — {@link #set} too, so a graph swap can hand a kept unit its new values.
 */
public interface Effect {
    /** Sets parameter {@code index} (clamped into its range); the unit glides there over a short ramp. */
    void set(int index, double value);

    /** Processes frames {@code [from, to)} of {@code left/right} in place. */
    void process(float[] left, float[] right, int from, int to);

    /** Forgets all sound held inside (delay lines, filter states) and jumps every ramp to its target. */
    void reset();

    /**
     * Jumps every ramp to its target, keeping the sound held inside: how a transport's chase puts a
     * parameter at its value for a new position before the first block plays there. Audio thread.
     */
    void settle();
}
