package dev.loophole.model;

/**
 * Voice lifecycle: SFZ {@code group}/{@code off_by}/{@code off_mode}/{@code off_time}, polyphony limits.
 * A voice whose {@code offBy} equals the choke group of a newly started region is stopped.
 * Group 0 means "no choke group".
 *
 * @param polyphony     maximum voices of this region, 0 for unlimited
 * @param notePolyphony maximum voices of this region per key, 0 for unlimited
 * @param noteSelfmask  SFZ {@code note_selfmask}: when note polyphony is exceeded, a new note may only stop
 *                      voices of the same key that were played at the same or a lower velocity
 * @param rtDead        SFZ {@code rt_dead}: a release-triggered region also plays when its attack voice has already ended
 */
public record Choke(long group, long offBy, OffMode offMode, double offTime, int polyphony, int notePolyphony,
                    boolean noteSelfmask, boolean rtDead) {
    public static final Choke NONE = new Choke(0, 0, OffMode.FAST, 0.006, 0, 0);

    /** Lifecycle with SFZ's defaults for {@code note_selfmask} (on) and {@code rt_dead} (off). */
    public Choke(long group, long offBy, OffMode offMode, double offTime, int polyphony, int notePolyphony) {
        this(group, offBy, offMode, offTime, polyphony, notePolyphony, true, false);
    }

    public Choke {
        if (offMode == null) offMode = OffMode.FAST;
    }

    public boolean chokes() { return offBy != 0; }
}
