package dev.loophole.model.project;

import dev.loophole.model.IntRange;

/**
 * One instrument a lane's notes go to (§3), with the zone that reaches it: a key zone and a velocity
 * zone (splits), and a transpose applied on the way. Several targets with overlapping zones layer.
 */
public record LaneTarget(String nodeId, IntRange keyZone, IntRange velocityZone, int transpose) {
    public static final IntRange ALL_VELOCITIES = new IntRange(1, 127);

    public LaneTarget {
        Ids.require(nodeId, "lane target node");
        if (keyZone == null) keyZone = IntRange.MIDI;
        if (velocityZone == null) velocityZone = ALL_VELOCITIES;
        if (keyZone.lo() < 0 || keyZone.hi() > 127) throw new IllegalArgumentException("key zone " + keyZone.lo() + ".." + keyZone.hi() + " is outside 0..127");
        if (velocityZone.lo() < 0 || velocityZone.hi() > 127)
            throw new IllegalArgumentException("velocity zone " + velocityZone.lo() + ".." + velocityZone.hi() + " is outside 0..127");
        if (transpose < -127 || transpose > 127) throw new IllegalArgumentException("transpose " + transpose + " is outside -127..127");
    }

    /** Every note, unchanged, to {@code nodeId}. */
    public static LaneTarget all(String nodeId) { return new LaneTarget(nodeId, IntRange.MIDI, ALL_VELOCITIES, 0); }

    /** Whether a note of {@code key} and {@code velocity} (before transpose) reaches this target. */
    public boolean accepts(int key, int velocity) { return keyZone.contains(key) && velocityZone.contains(velocity); }
}
