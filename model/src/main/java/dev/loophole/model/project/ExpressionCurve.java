package dev.loophole.model.project;

import dev.loophole.model.ExpressionDimension;
import java.util.List;

/**
 * One per-note expression lane (§6): pitch in semitones (−96..96), pressure, timbre, polyphonic
 * aftertouch or another per-note controller in 0..1. Ticks are relative to the note's start.
 *
 * @param controller the controller number for {@link ExpressionDimension#PER_NOTE_CC}, else -1
 */
public record ExpressionCurve(ExpressionDimension dimension, int controller, List<Breakpoint> points) {
    public static final double MAX_PITCH = 96;

    public ExpressionCurve {
        if (dimension == null) throw new IllegalArgumentException("expression curve without a dimension");
        if (dimension == ExpressionDimension.PER_NOTE_CC) {
            if (controller < 0 || controller > 255) throw new IllegalArgumentException("per-note controller " + controller + " is outside 0..255");
        } else if (controller != -1) {
            throw new IllegalArgumentException(dimension + " curve takes no controller number (got " + controller + ")");
        }
        boolean pitch = dimension == ExpressionDimension.PITCH;
        points = Curves.check(points, pitch ? -MAX_PITCH : 0, pitch ? MAX_PITCH : 1, dimension + " curve");
    }

    public static ExpressionCurve of(ExpressionDimension dimension, List<Breakpoint> points) {
        return new ExpressionCurve(dimension, -1, points);
    }

    /** The key that makes this curve unique within a note. */
    public String key() { return dimension == ExpressionDimension.PER_NOTE_CC ? "cc" + controller : dimension.name(); }
}
