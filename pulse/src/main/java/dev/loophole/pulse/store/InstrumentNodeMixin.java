package dev.loophole.pulse.store;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.loophole.model.project.AudioOutputRouting;
import dev.loophole.model.project.InstrumentKind;
import dev.loophole.model.project.MidiInputRouting;
import java.util.Map;

/**
 * An instrument node's {@code voices} is the engine's runtime report, not part of a saved project: it is never written,
 * and a node is read through the constructor without it (a version 1 file's {@code voices}, or one written by hand, is
 * passed over). So what is written is all that is read, and a document as written needs no defaults filled.
 */
@JsonIgnoreProperties("voices")
abstract class InstrumentNodeMixin {
    @JsonCreator
    InstrumentNodeMixin(@JsonProperty("nodeId") String nodeId, @JsonProperty("name") String name, @JsonProperty("kind") InstrumentKind kind,
                        @JsonProperty("input") MidiInputRouting input, @JsonProperty("output") AudioOutputRouting output,
                        @JsonProperty("parameters") dev.loophole.model.project.ParameterSet parameters,
                        @JsonProperty("values") Map<String, Double> values, @JsonProperty("state") dev.loophole.model.project.NodeState state) {}
}
