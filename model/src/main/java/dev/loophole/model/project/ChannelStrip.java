package dev.loophole.model.project;

/** The track's channel after its graph: volume, pan, mute, solo. */
public record ChannelStrip(double volumeDb, double pan, boolean muted, boolean solo) {
    public static final ChannelStrip DEFAULT = new ChannelStrip(0, 0, false, false);

    public ChannelStrip {
        if (!(volumeDb >= -144 && volumeDb <= 24)) throw new IllegalArgumentException("channel volume " + volumeDb + " dB is outside -144..24");
        if (!(pan >= -1 && pan <= 1)) throw new IllegalArgumentException("channel pan " + pan + " is outside -1..1");
    }
}
