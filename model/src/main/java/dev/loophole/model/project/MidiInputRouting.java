package dev.loophole.model.project;

/**
 * Which MIDI an instrument node listens to besides what lanes route to it (live input).
 *
 * @param channel 1..16, or {@link #OMNI} for every channel
 * @param mpe     whether member channels carry per-note expression (MPE lower zone)
 */
public record MidiInputRouting(int channel, boolean mpe) {
    public static final int OMNI = 0;
    public static final MidiInputRouting DEFAULT = new MidiInputRouting(OMNI, false);

    public MidiInputRouting {
        if (channel < 0 || channel > 16) throw new IllegalArgumentException("MIDI input channel " + channel + " is outside 0 (omni)..16");
    }
}
