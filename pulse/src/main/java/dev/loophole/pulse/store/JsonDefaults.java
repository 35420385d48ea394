package dev.loophole.pulse.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * The optional fields of the project document and the value each takes when left out — the table
 * {@code docs/specs/project-json.md} prints. Fields not here (ids, kinds, timing, a note's key and
 * velocity, a Program's own fields) are required — except the Program fields added since the first
 * format (a sample's media link and mic settings, envelopes' {@code dynamic}, the round-robin mode,
 * the drum kit), which programs written before them leave out. A model field added later gets its
 * line here, so files (and the state blobs of project files) written before it keep loading. Each shape names its optional fields with their
 * defaults (JSON text) and the fields that hold other shapes, so one walk fills a whole project.
 */
final class JsonDefaults {
    private record Shape(Map<String, String> defaults, Map<String, String> children) {}

    private static final String CHANNEL = "{\"volumeDb\":0.0,\"pan\":0.0,\"muted\":false,\"solo\":false}";
    private static final String TEMPO = "{\"tempos\":[{\"tick\":0,\"microsPerQuarter\":500000}],\"signatures\":[{\"tick\":0,\"numerator\":4,\"denominator\":4}]}";

    /** Shape name → optional fields and nested shapes ({@code []} after a shape: a list of it). */
    private static final Map<String, Shape> SHAPES = Map.ofEntries(
            Map.entry("Project", new Shape(Map.of("name", "\"\"", "tempo", TEMPO, "tracks", "[]"), Map.of("tracks", "Track[]"))),
            Map.entry("Track", new Shape(Map.of("name", "\"\"", "graph", "{}", "lanes", "[]", "primaryNodeId", "null", "channel", CHANNEL),
                    Map.of("graph", "NodeGraph", "lanes", "Lane[]", "channel", "ChannelStrip"))),
            Map.entry("ChannelStrip", new Shape(Map.of("volumeDb", "0.0", "pan", "0.0", "muted", "false", "solo", "false"), Map.of())),
            Map.entry("NodeGraph", new Shape(Map.of("instruments", "[]", "effects", "[]", "connections", "[]"),
                    Map.of("instruments", "InstrumentNode[]", "effects", "EffectNode[]"))),
            Map.entry("InstrumentNode", new Shape(Map.of("name", "null", "input", "{}", "output", "null", "parameters", "null", "values", "{}",
                    "state", "null"), Map.of("input", "MidiInputRouting", "state", "NodeState"))),
            Map.entry("NodeState", new Shape(Map.of(), Map.of("program", "Program"))),
            Map.entry("Program", new Shape(Map.of("drumKit", "null", "effects", "[]", "controls", "[]"), Map.of("settings", "ProgramSettings", "groups", "SampleGroup[]"))),
            Map.entry("ProgramSettings", new Shape(Map.of("roundRobin", "\"SEQUENTIAL\""), Map.of())),
            Map.entry("SampleGroup", new Shape(Map.of(), Map.of("regions", "SampleRegion[]"))),
            Map.entry("SampleRegion", new Shape(Map.of(), Map.of("samples", "SampleRef[]", "envelopes", "Envelopes", "egs", "FlexEnvelope[]"))),
            Map.entry("SampleRef", new Shape(Map.of("media", "null", "volume", "0.0", "pan", "0.0", "output", "0", "channel", "-1"), Map.of())),
            Map.entry("Envelopes", new Shape(Map.of(), Map.of("amp", "Envelope", "filter", "Envelope", "pitch", "Envelope"))),
            Map.entry("Envelope", new Shape(Map.of("dynamic", "false"), Map.of())),
            Map.entry("FlexEnvelope", new Shape(Map.of("dynamic", "false"), Map.of())),
            Map.entry("MidiInputRouting", new Shape(Map.of("channel", "0", "mpe", "false"), Map.of())),
            Map.entry("EffectNode", new Shape(Map.of("name", "null", "values", "{}", "bypassed", "false"), Map.of())),
            Map.entry("Lane", new Shape(Map.of("name", "\"\"", "kind", "\"MIDI\"", "targets", "[]", "preEffects", "[]", "postEffects", "[]",
                    "clips", "[]", "audioClips", "[]", "muted", "false"),
                    Map.of("targets", "LaneTarget[]", "preEffects", "MidiEffect[]", "postEffects", "EffectNode[]", "clips", "Clip[]", "audioClips", "AudioClip[]"))),
            Map.entry("LaneTarget", new Shape(Map.of("keyZone", "{\"lo\":0,\"hi\":127}", "velocityZone", "{\"lo\":1,\"hi\":127}", "transpose", "0"), Map.of())),
            Map.entry("MidiEffect", new Shape(Map.of("values", "{}", "bypassed", "false"), Map.of())),
            Map.entry("AudioClip", new Shape(Map.of("name", "\"\"", "offsetFrames", "0", "gainDb", "0.0", "fadeInFrames", "0", "fadeOutFrames", "0"),
                    Map.of("sample", "SampleRef"))),
            Map.entry("Clip", new Shape(Map.of("name", "\"\"", "target", "{}", "notes", "[]", "automation", "[]"),
                    Map.of("target", "ClipTarget", "notes", "Note[]", "automation", "AutomationCurve[]"))),
            Map.entry("ClipTarget", new Shape(Map.of("mode", "\"LANE\"", "nodeId", "null"), Map.of())),
            Map.entry("Note", new Shape(Map.of("releaseVelocity", "64.0", "expression", "[]"), Map.of("expression", "ExpressionCurve[]"))),
            Map.entry("ExpressionCurve", new Shape(Map.of("controller", "-1"), Map.of("points", "Breakpoint[]"))),
            Map.entry("AutomationCurve", new Shape(Map.of(), Map.of("target", "AutomationTarget", "points", "Breakpoint[]"))),
            Map.entry("AutomationTarget", new Shape(Map.of("number", "-1", "nodeId", "null", "parameterId", "null"), Map.of())),
            Map.entry("Breakpoint", new Shape(Map.of("shape", "\"LINEAR\""), Map.of())));

    private JsonDefaults() {}

    /** Fills every optional field {@code project} leaves out, in place; returns whether any was. */
    static boolean fill(ObjectMapper mapper, JsonNode project) { return fill(mapper, project, "Project"); }

    /** As {@link #fill(ObjectMapper, JsonNode)} for a Sampler program on its own (a project file's state blob). */
    static boolean fillProgram(ObjectMapper mapper, JsonNode program) { return fill(mapper, program, "Program"); }

    private static boolean fill(ObjectMapper mapper, JsonNode node, String shape) {
        if (shape.endsWith("[]")) {
            boolean any = false;
            if (node.isArray()) for (JsonNode item : node) any |= fill(mapper, item, shape.substring(0, shape.length() - 2));
            return any;
        }
        if (!(node instanceof ObjectNode o)) return false; // a wrong type is the binder's to report, with its path
        Shape s = SHAPES.get(shape);
        boolean any = false;
        for (var d : s.defaults().entrySet())
            if (!o.has(d.getKey())) { o.set(d.getKey(), parse(mapper, d.getValue())); any = true; }
        for (var c : s.children().entrySet()) {
            JsonNode child = o.get(c.getKey());
            if (child != null) any |= fill(mapper, child, c.getValue());
        }
        return any;
    }

    private static JsonNode parse(ObjectMapper mapper, String json) {
        try {
            return mapper.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("default " + json + " is not JSON", e);
        }
    }
}
