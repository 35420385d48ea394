package dev.loophole.model.project;

/**
 * Which instrument a clip plays (§7.1): whatever its lane routes to, the track's primary
 * instrument, or one specific instrument node of the track's graph (per-clip switching).
 */
public record ClipTarget(Mode mode, String nodeId) {
    public enum Mode { LANE, PRIMARY, NODE }

    public static final ClipTarget LANE = new ClipTarget(Mode.LANE, null);
    public static final ClipTarget PRIMARY = new ClipTarget(Mode.PRIMARY, null);

    public ClipTarget {
        if (mode == null) mode = Mode.LANE;
        if (mode == Mode.NODE) Ids.require(nodeId, "clip target node");
        else if (nodeId != null) throw new IllegalArgumentException("a " + mode + " clip target names no node");
    }

    public static ClipTarget node(String nodeId) { return new ClipTarget(Mode.NODE, nodeId); }
}
