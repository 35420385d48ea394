package dev.loophole.model.project;

import dev.loophole.model.Program;

/** A node's persistent state (§4.2): the Sampler's program, or a plugin's opaque state blob. */
public sealed interface NodeState {
    /** The Sampler's program; Pulse serialises it as the node's state blob. */
    record SamplerState(Program program) implements NodeState {
        public SamplerState {
            if (program == null) throw new IllegalArgumentException("sampler state without a program");
        }
    }

    /**
     * A plugin's own state, kept verbatim.
     *
     * @param format the plugin standard and identity, e.g. {@code lv2:http://…}
     * @param base64 the state bytes in base64 (a String keeps the record's equality by value)
     */
    record PluginState(String format, String base64) implements NodeState {
        public PluginState {
            Ids.require(format, "plugin state format");
            if (base64 == null) base64 = "";
        }
    }
}
