package dev.loophole.model.project;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A track's audio graph: instrument nodes, effect nodes and the channel output ({@link #CHANNEL}),
 * joined by connections from output ports to input ports. Instruments have outputs only, effects
 * have {@code in} and {@code out}, the channel has {@code in}. The graph is acyclic.
 */
public record NodeGraph(List<InstrumentNode> instruments, List<EffectNode> effects, List<Connection> connections) {
    /** The channel output's node id: where a track's audio leaves the graph. */
    public static final String CHANNEL = "channel";
    public static final String CHANNEL_INPUT = "in";
    public static final NodeGraph EMPTY = new NodeGraph(List.of(), List.of(), List.of());

    public NodeGraph {
        instruments = List.copyOf(instruments);
        effects = List.copyOf(effects);
        connections = List.copyOf(connections);
        List<String> ids = new ArrayList<>();
        instruments.forEach(n -> ids.add(n.nodeId()));
        effects.forEach(n -> ids.add(n.nodeId()));
        ids.add(CHANNEL);
        Ids.unique(ids, s -> s, "node id");
        Ids.unique(connections, Connection::toString, "connection");
        for (Connection c : connections) {
            if (!hasOutput(instruments, effects, c.from()))
                throw new IllegalArgumentException("connection " + c + ": " + c.from() + " is not an output port of this graph" + outputsOf(instruments, c.from()));
            if (!hasInput(effects, c.to()))
                throw new IllegalArgumentException("connection " + c + ": " + c.to() + " is not an input port of this graph");
        }
        requireAcyclic(connections);
    }

    private static boolean hasOutput(List<InstrumentNode> instruments, List<EffectNode> effects, NodePort p) {
        for (InstrumentNode n : instruments) if (n.nodeId().equals(p.nodeId())) return n.output().has(p.port());
        for (EffectNode n : effects) if (n.nodeId().equals(p.nodeId())) return p.port().equals(EffectKind.OUTPUT);
        return false;
    }

    /** For an instrument named in a bad connection: the outputs it does have (a kit's pads or mics). */
    private static String outputsOf(List<InstrumentNode> instruments, NodePort p) {
        for (InstrumentNode n : instruments)
            if (n.nodeId().equals(p.nodeId()))
                return "; node " + n.nodeId() + " has outputs " + String.join(", ", n.output().ports().stream().map(AudioPort::id).toList());
        return "";
    }

    private static boolean hasInput(List<EffectNode> effects, NodePort p) {
        if (p.nodeId().equals(CHANNEL)) return p.port().equals(CHANNEL_INPUT);
        for (EffectNode n : effects) if (n.nodeId().equals(p.nodeId())) return p.port().equals(EffectKind.INPUT);
        return false;
    }

    private static void requireAcyclic(List<Connection> connections) {
        Map<String, List<String>> next = new HashMap<>();
        for (Connection c : connections) next.computeIfAbsent(c.from().nodeId(), k -> new ArrayList<>()).add(c.to().nodeId());
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        for (String start : next.keySet()) visit(start, next, done, onPath);
    }

    private static void visit(String node, Map<String, List<String>> next, Set<String> done, Set<String> onPath) {
        if (done.contains(node)) return;
        if (!onPath.add(node)) throw new IllegalArgumentException("the connections make a cycle through node " + node);
        for (String n : next.getOrDefault(node, List.of())) visit(n, next, done, onPath);
        onPath.remove(node);
        done.add(node);
    }

    /** A graph of one instrument straight into the channel. */
    public static NodeGraph single(InstrumentNode instrument) {
        return new NodeGraph(List.of(instrument), List.of(),
                List.of(Connection.of(instrument.nodeId(), instrument.output().ports().getFirst().id(), CHANNEL, CHANNEL_INPUT)));
    }

    public Optional<InstrumentNode> instrument(String nodeId) {
        return instruments.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
    }

    public Optional<EffectNode> effect(String nodeId) {
        return effects.stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
    }

    public boolean contains(String nodeId) { return instrument(nodeId).isPresent() || effect(nodeId).isPresent(); }

    /** The parameters of node {@code nodeId} (instrument or effect), if the graph has it. */
    public Optional<ParameterSet> parametersOf(String nodeId) {
        return instrument(nodeId).map(InstrumentNode::parameters).or(() -> effect(nodeId).map(EffectNode::parameters));
    }

    public NodeGraph withInstrument(int index, InstrumentNode node) {
        return new NodeGraph(Lists.insert(instruments, index, node), effects, connections);
    }

    public NodeGraph withEffect(int index, EffectNode node) {
        return new NodeGraph(instruments, Lists.insert(effects, index, node), connections);
    }

    /** The graph with {@code node} in place of the instrument of the same id. */
    public NodeGraph replacing(InstrumentNode node) {
        return new NodeGraph(Lists.replace(instruments, InstrumentNode::nodeId, node), effects, connections);
    }

    public NodeGraph replacing(EffectNode node) {
        return new NodeGraph(instruments, Lists.replace(effects, EffectNode::nodeId, node), connections);
    }

    /** The graph without node {@code nodeId} and without every connection touching it. */
    public NodeGraph without(String nodeId) {
        return new NodeGraph(instruments.stream().filter(n -> !n.nodeId().equals(nodeId)).toList(),
                effects.stream().filter(n -> !n.nodeId().equals(nodeId)).toList(),
                connections.stream().filter(c -> !c.touches(nodeId)).toList());
    }

    public NodeGraph withConnection(Connection c) {
        List<Connection> l = new ArrayList<>(connections);
        l.add(c);
        return new NodeGraph(instruments, effects, l);
    }

    public NodeGraph withConnection(int index, Connection c) {
        return new NodeGraph(instruments, effects, Lists.insert(connections, index, c));
    }

    public NodeGraph withoutConnection(Connection c) {
        return new NodeGraph(instruments, effects, connections.stream().filter(x -> !x.equals(c)).toList());
    }
}
