package dev.loophole.model.project;

import dev.loophole.model.Program;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * An instrument in a track's node graph (§2): a plugin, the Sampler or a built-in instrument, all
 * alike from the routing's point of view.
 *
 * @param values  explicit parameter values by parameter id; a parameter not here is at its default
 * @param state   the persistent state (a Sampler's program); null for an instrument without one
 * @param voices  the engine's last voice report, runtime only (null in saved projects)
 */
public record InstrumentNode(String nodeId, String name, InstrumentKind kind, MidiInputRouting input,
                             AudioOutputRouting output, ParameterSet parameters, Map<String, Double> values,
                             NodeState state, VoiceStateSummary voices) {
    public InstrumentNode {
        Ids.require(nodeId, "node id");
        if (name == null) name = nodeId;
        if (kind == null) throw new IllegalArgumentException("node " + nodeId + ": no kind");
        if (input == null) input = MidiInputRouting.DEFAULT;
        if (output == null) output = AudioOutputRouting.STEREO;
        // A Sampler's parameters follow from its program; other kinds without a list expose none.
        if (parameters == null) parameters = state instanceof NodeState.SamplerState s ? SamplerParameters.of(s.program()) : ParameterSet.EMPTY;
        values = Values.copy(values);
        try {
            parameters.requireValid(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("node " + nodeId + ": " + e.getMessage(), e);
        }
        if (kind == InstrumentKind.SAMPLER && !(state instanceof NodeState.SamplerState))
            throw new IllegalArgumentException("sampler node " + nodeId + " has no program");
        if (kind != InstrumentKind.SAMPLER && state instanceof NodeState.SamplerState)
            throw new IllegalArgumentException("node " + nodeId + " is a " + kind + " but holds a sampler program");
    }

    /** A node as a saved project holds it: without the engine's runtime voice report. */
    public InstrumentNode(String nodeId, String name, InstrumentKind kind, MidiInputRouting input, AudioOutputRouting output,
                          ParameterSet parameters, Map<String, Double> values, NodeState state) {
        this(nodeId, name, kind, input, output, parameters, values, state, null);
    }

    /** A Sampler node playing {@code program}: its main output, and one more per output its samples name ({@link SamplerOutputs}). */
    public static InstrumentNode sampler(String nodeId, String name, Program program) {
        return new InstrumentNode(nodeId, name, InstrumentKind.SAMPLER, MidiInputRouting.DEFAULT, SamplerOutputs.routing(program),
                SamplerParameters.of(program), Map.of(), new NodeState.SamplerState(program));
    }

    /** The Sampler's program, or null for other kinds. */
    public Program program() {
        return state instanceof NodeState.SamplerState s ? s.program() : null;
    }

    public double value(String parameterId) { return parameters.value(values, parameterId); }

    public InstrumentNode withValue(String parameterId, Double value) {
        return new InstrumentNode(nodeId, name, kind, input, output, parameters, Values.with(values, parameterId, value), state, voices);
    }

    /**
     * The node with another state. A Sampler's parameters follow its program's {@code label_ccN}
     * controls and mics, and it gains an output port for each output its samples newly name (ports are kept:
     * connections may name them); values of parameters the new program no longer has are dropped.
     */
    public InstrumentNode withState(NodeState newState) {
        ParameterSet ps = newState instanceof NodeState.SamplerState s ? SamplerParameters.of(s.program()) : parameters;
        AudioOutputRouting output = newState instanceof NodeState.SamplerState s ? SamplerOutputs.routing(s.program(), this.output) : this.output;
        Predicate<String> known = ps::contains;
        Map<String, Double> kept = values.entrySet().stream().filter(e -> known.test(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new InstrumentNode(nodeId, name, kind, input, output, ps, kept, newState, voices);
    }

    public InstrumentNode withName(String newName) {
        return new InstrumentNode(nodeId, newName, kind, input, output, parameters, values, state, voices);
    }

    public InstrumentNode withInput(MidiInputRouting newInput) {
        return new InstrumentNode(nodeId, name, kind, newInput, output, parameters, values, state, voices);
    }

    public InstrumentNode withOutput(AudioOutputRouting newOutput) {
        return new InstrumentNode(nodeId, name, kind, input, newOutput, parameters, values, state, voices);
    }
}
