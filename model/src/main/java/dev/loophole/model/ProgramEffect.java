package dev.loophole.model;

import java.util.Map;

/**
 * One effect of a program's own chain (Decent Sampler's instrument-level {@code <effects>}), played after the
 * program's main output: a built-in effect kind by its id ({@code EffectKind} of {@code model.project}, named by
 * id here so this package does not import that one) and the values it sets, the rest at their defaults.
 */
public record ProgramEffect(String kind, Map<String, Double> values) {
    public ProgramEffect {
        if (kind == null || kind.isBlank()) throw new IllegalArgumentException("program effect without a kind");
        values = Map.copyOf(values == null ? Map.of() : values);
    }
}
