package dev.loophole.model;

import java.util.List;

/**
 * A response curve (SFZ {@code <curve>}): 128 values, one per controller value 0..127, that
 * modulation routings refer to by {@code index}.
 */
public record Curve(int index, List<Double> values) {
    public Curve {
        if (index < 0) throw new IllegalArgumentException("curve index " + index + " is negative");
        values = List.copyOf(values);
        if (values.size() != 128) throw new IllegalArgumentException("a curve has 128 values, not " + values.size());
    }

    /** The curve's value at controller value {@code v} (clamped to 0..127). */
    public double at(int v) { return values.get(Math.clamp(v, 0, 127)); }
}
