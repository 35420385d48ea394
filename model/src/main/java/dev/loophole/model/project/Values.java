package dev.loophole.model.project;

import java.util.Map;
import java.util.TreeMap;

/** Helpers for a node's explicit parameter values (id → value; absent means the parameter's default). */
final class Values {
    private Values() {}

    static Map<String, Double> copy(Map<String, Double> values) {
        return values == null ? Map.of() : Map.copyOf(values);
    }

    /** {@code values} with {@code id} set, or cleared back to its default when {@code value} is null. */
    static Map<String, Double> with(Map<String, Double> values, String id, Double value) {
        Map<String, Double> m = new TreeMap<>(values);
        if (value == null) m.remove(id); else m.put(id, value);
        return m;
    }
}
