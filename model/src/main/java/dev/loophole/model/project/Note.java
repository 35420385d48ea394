package dev.loophole.model.project;

import java.util.List;

/**
 * A note of a clip. {@code start} is in ticks from the clip's start; {@code velocity} is in MIDI
 * units 0..127 and may be fractional (MIDI 2.0 resolution); a zero-length note is a trigger.
 *
 * @param noteId     unique within its clip, stable across edits so expression and IPC can address it
 * @param expression per-note curves, at most one per dimension (per controller for per-note CCs)
 */
public record Note(long noteId, int key, double velocity, long start, long length, double releaseVelocity,
                   List<ExpressionCurve> expression) {
    public Note {
        if (key < 0 || key > 127) throw new IllegalArgumentException("note " + noteId + ": key " + key + " is outside 0..127");
        if (!(velocity > 0 && velocity <= 127)) throw new IllegalArgumentException("note " + noteId + ": velocity " + velocity + " is outside (0, 127]");
        if (!(releaseVelocity >= 0 && releaseVelocity <= 127))
            throw new IllegalArgumentException("note " + noteId + ": release velocity " + releaseVelocity + " is outside 0..127");
        if (start < 0) throw new IllegalArgumentException("note " + noteId + ": start " + start + " is before the clip");
        if (length < 0) throw new IllegalArgumentException("note " + noteId + ": length " + length + " is negative");
        expression = List.copyOf(expression == null ? List.of() : expression);
        Ids.unique(expression, ExpressionCurve::key, "expression curve on note " + noteId + ":");
    }

    public static Note of(long noteId, int key, double velocity, long start, long length) {
        return new Note(noteId, key, velocity, start, length, 64, List.of());
    }

    public long end() { return start + length; }

    public Note withRelease(double velocity) {
        return new Note(noteId, key, this.velocity, start, length, velocity, expression);
    }

    public Note withExpression(List<ExpressionCurve> curves) {
        return new Note(noteId, key, velocity, start, length, releaseVelocity, curves);
    }
}
