package dev.loophole.model;

/**
 * Voice lifecycle: SFZ {@code group}/{@code off_by}/{@code off_mode}/{@code off_time}, polyphony limits.
 * A voice whose {@code offBy} equals the choke group of a newly started region is stopped.
 * Group 0 means "no choke group".
 *
 * @param polyphony     maximum voices of this region, 0 for unlimited
 * @param notePolyphony maximum voices of this region per key, 0 for unlimited
 */
public record Choke(long group, long offBy, OffMode offMode, double offTime, int polyphony, int notePolyphony) {
    public static final Choke NONE = new Choke(0, 0, OffMode.FAST, 0.006, 0, 0);

    public Choke {
        if (offMode == null) offMode = OffMode.FAST;
    }

    public boolean chokes() { return offBy != 0; }
}
