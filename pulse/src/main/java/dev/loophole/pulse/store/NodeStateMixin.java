package dev.loophole.pulse.store;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.loophole.model.project.NodeState;

/** Tells Jackson how a node's state names its kind in JSON ({@code "type": "sampler" | "plugin"}), keeping model free of Jackson. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = NodeState.SamplerState.class, name = "sampler"),
        @JsonSubTypes.Type(value = NodeState.PluginState.class, name = "plugin")})
abstract class NodeStateMixin {}
