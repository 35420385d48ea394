package dev.loophole.pulse.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each node parameter of a project enters the graph Signal runs: a parameter can reach
 * several graph nodes (a lane's post-effect is one unit per target it follows) or none (a node
 * kind the engine cannot play yet). Made by {@link ProjectGraph} with the graph, read
 * by {@link Schedule} to turn parameter automation into sample-accurate graph events.
 */
public record NodeParameters(Map<String, List<Target>> byKey) {
    /**
     * One place a parameter lands: graph node {@code node}, its parameter {@code index} (an effect's
     * index in its kind's table, an instrument's controller number or GraphRuntime.TUNE), and the model's range. Where no
     * automation sets it, the parameter is at the node's own value, which the graph carries
     * ({@link dev.loophole.signal.graph.GraphRuntime#PARAMETER_REST}): a value edit changes no place.
     */
    public record Target(int node, int index, double min, double max) {
        double clamp(double v) { return Math.clamp(v, min, max); }
    }

    public static final NodeParameters NONE = new NodeParameters(Map.of());

    public NodeParameters { byKey = Map.copyOf(byKey); }

    static String key(String nodeId, String parameterId) { return nodeId + "/" + parameterId; }

    /** The graph places of {@code parameterId} of node {@code nodeId}; empty when it does not move live. */
    public List<Target> of(String nodeId, String parameterId) { return byKey.getOrDefault(key(nodeId, parameterId), List.of()); }

    /** Control side, during one graph compile. */
    static final class Builder {
        private final Map<String, List<Target>> byKey = new HashMap<>();

        boolean has(String key) { return byKey.containsKey(key); }

        void add(String nodeId, String parameterId, Target t) { byKey.computeIfAbsent(key(nodeId, parameterId), k -> new ArrayList<>()).add(t); }

        NodeParameters build() {
            Map<String, List<Target>> m = new HashMap<>();
            byKey.forEach((k, v) -> m.put(k, List.copyOf(v)));
            return new NodeParameters(m);
        }
    }
}
