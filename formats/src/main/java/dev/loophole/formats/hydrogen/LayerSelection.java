package dev.loophole.formats.hydrogen;

import dev.loophole.model.IntRange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which layers of one instrument component Hydrogen plays at each velocity, as MIDI velocity segments. Hydrogen plays
 * a note of velocity {@code v/127} (in single precision) from the layers whose {@code min..max} holds it; when none
 * does (a gap between layers) from the one whose {@code min} is nearest (nearer than 1); among several, by the
 * instrument's {@code sampleSelectionAlgo}: {@code VELOCITY} the first in file order, {@code ROUND_ROBIN} each in
 * turn, {@code RANDOM} any. A layer of Hydrogen's empty sample takes part and plays silence.
 */
final class LayerSelection {
    private LayerSelection() {}

    enum Mode {
        VELOCITY, ROUND_ROBIN, RANDOM;

        static Mode of(String s) {
            if (s == null || s.isBlank()) return VELOCITY;
            try {
                return valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    /** A layer's velocity range as the file has it (0..1). */
    record Range(float min, float max) {}

    /** Velocities {@code velocities} play {@code layers} (indices into the component's layers), one at a time per {@code mode}. */
    record Segment(IntRange velocities, List<Integer> layers) {}

    /** The layers Hydrogen may choose at MIDI velocity {@code v} (1..127), in file order. */
    static List<Integer> candidates(List<Range> layers, int v) {
        float x = v / 127.0f;
        List<Integer> in = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) if (x >= layers.get(i).min() && x <= layers.get(i).max()) in.add(i);
        if (!in.isEmpty()) return in;
        float shortest = 1.0f;
        int nearest = -1;
        for (int i = 0; i < layers.size(); i++) {
            float d = Math.abs(layers.get(i).min() - x);
            if (d < shortest) { shortest = d; nearest = i; }
        }
        return nearest < 0 ? List.of() : List.of(nearest);
    }

    /** Consecutive velocities with the same choice, each with the layers that may sound (one for {@code VELOCITY}). */
    static List<Segment> segments(List<Range> layers, Mode mode) {
        List<Segment> out = new ArrayList<>();
        List<Integer> current = null;
        int start = 1;
        for (int v = 1; v <= 128; v++) {
            List<Integer> c = v == 128 ? null : candidates(layers, v);
            if (c != null && mode == Mode.VELOCITY && c.size() > 1) c = List.of(c.getFirst());
            if (v > 1 && !java.util.Objects.equals(c, current)) {
                if (!current.isEmpty()) out.add(new Segment(new IntRange(start, v - 1), current));
                start = v;
            }
            current = c;
        }
        return out;
    }
}
