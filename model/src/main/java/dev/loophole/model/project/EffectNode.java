package dev.loophole.model.project;

import java.util.Map;

/** A built-in audio effect in a node graph or a lane's post-FX chain; its parameters come from {@link EffectKind}. */
public record EffectNode(String nodeId, String name, EffectKind kind, Map<String, Double> values, boolean bypassed) {
    public EffectNode {
        Ids.require(nodeId, "node id");
        if (kind == null) throw new IllegalArgumentException("effect " + nodeId + ": no kind");
        if (name == null) name = kind.id();
        values = Values.copy(values);
        try {
            kind.parameters().requireValid(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("effect " + nodeId + ": " + e.getMessage(), e);
        }
    }

    public static EffectNode of(String nodeId, EffectKind kind) { return new EffectNode(nodeId, kind.id(), kind, Map.of(), false); }

    public ParameterSet parameters() { return kind.parameters(); }

    public double value(String parameterId) { return kind.parameters().value(values, parameterId); }

    public EffectNode withValue(String parameterId, Double value) {
        return new EffectNode(nodeId, name, kind, Values.with(values, parameterId, value), bypassed);
    }

    public EffectNode withBypassed(boolean b) { return new EffectNode(nodeId, name, kind, values, b); }

    public EffectNode withName(String n) { return new EffectNode(nodeId, n, kind, values, bypassed); }
}
