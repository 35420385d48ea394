package dev.loophole.model.project;

/**
 * What a clip's automation curve drives: a MIDI controller of the lane's stream (CC, pitch bend,
 * channel pressure, program) or a parameter of a node in the track's graph.
 *
 * @param number controller number for {@link Kind#CC} (0..127), else -1
 */
public record AutomationTarget(Kind kind, int number, String nodeId, String parameterId) {
    /** Value ranges: CC 0..127, PITCH_BEND −1..1 (of the bend range), CHANNEL_PRESSURE 0..127, PROGRAM 0..127 (program changes; bank selects are CC 0 and 32), PARAMETER the parameter's own. */
    public enum Kind { CC, PITCH_BEND, CHANNEL_PRESSURE, PROGRAM, PARAMETER }

    public AutomationTarget {
        if (kind == null) throw new IllegalArgumentException("automation without a target kind");
        if (kind == Kind.CC) {
            if (number < 0 || number > 127) throw new IllegalArgumentException("automation CC " + number + " is outside 0..127");
        } else if (number != -1) {
            throw new IllegalArgumentException(kind + " automation takes no controller number (got " + number + ")");
        }
        if (kind == Kind.PARAMETER) {
            Ids.require(nodeId, "automated node");
            Ids.require(parameterId, "automated parameter");
        } else if (nodeId != null || parameterId != null) {
            throw new IllegalArgumentException(kind + " automation names no node parameter");
        }
    }

    public static AutomationTarget cc(int number) { return new AutomationTarget(Kind.CC, number, null, null); }

    public static AutomationTarget of(Kind kind) { return new AutomationTarget(kind, -1, null, null); }

    public static AutomationTarget parameter(String nodeId, String parameterId) {
        return new AutomationTarget(Kind.PARAMETER, -1, nodeId, parameterId);
    }

    /** The value range of a MIDI target; a PARAMETER's comes from its node. */
    public double lo() { return kind == Kind.PITCH_BEND ? -1 : kind == Kind.PARAMETER ? Double.NEGATIVE_INFINITY : 0; }

    public double hi() {
        return switch (kind) {
            case CC, CHANNEL_PRESSURE, PROGRAM -> 127;
            case PITCH_BEND -> 1;
            case PARAMETER -> Double.POSITIVE_INFINITY;
        };
    }

    /** A stable text key, unique per target within a clip. */
    public String key() {
        return switch (kind) {
            case CC -> "cc" + number;
            case PARAMETER -> nodeId + "/" + parameterId;
            default -> kind.name();
        };
    }
}
