package dev.loophole.pulse.command;

import static dev.loophole.pulse.command.Affected.Scope.GRAPH;
import static dev.loophole.pulse.command.Affected.Scope.NODE_STATE;
import static dev.loophole.pulse.command.Affected.Scope.PARAMETER;

import dev.loophole.model.project.AudioOutputRouting;
import dev.loophole.model.project.Connection;
import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.MidiInputRouting;
import dev.loophole.model.project.NodeState;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import java.util.EnumSet;
import java.util.Set;

/** Nodes of a track's graph (and of lanes' effect chains): add, remove, parameters, state, routing, connections. */
public sealed interface NodeCommand extends Command {
    /** Adds an instrument to a track's graph at {@code index} among its instruments (-1: last); connect it with {@link Connect}. */
    record AddInstrument(String trackId, int index, InstrumentNode node) implements NodeCommand {
        public Applied apply(Project p) {
            Track t = Find.track(p, trackId);
            int i = Find.index(index, t.graph().instruments().size());
            return new Applied(p.replacing(t.withGraph(t.graph().withInstrument(i, node))), new RemoveNode(node.nodeId()),
                    graph(trackId, node.nodeId()));
        }

        public String label() { return "add instrument"; }
    }

    record AddEffect(String trackId, int index, EffectNode node) implements NodeCommand {
        public Applied apply(Project p) {
            Track t = Find.track(p, trackId);
            int i = Find.index(index, t.graph().effects().size());
            return new Applied(p.replacing(t.withGraph(t.graph().withEffect(i, node))), new RemoveNode(node.nodeId()),
                    graph(trackId, node.nodeId()));
        }

        public String label() { return "add effect"; }
    }

    /** Removes a node and what pointed at it (connections, lane targets, its automation); see {@code Nodes.withoutNode}. */
    record RemoveNode(String nodeId) implements NodeCommand {
        public Applied apply(Project p) {
            Track t = Find.trackOfNode(p, nodeId);
            return new Applied(p.replacing(Nodes.withoutNode(t, nodeId)), new TrackCommand.ReplaceTrack(t),
                    new Affected(EnumSet.of(GRAPH, Affected.Scope.LANE, Affected.Scope.CLIPS), Set.of(t.trackId()), Set.of(nodeId), Set.of()));
        }

        public String label() { return "remove node"; }
    }

    /** Sets a parameter of any node (instrument, effect, lane effect, MIDI effect); {@code value} null resets it to its default. */
    record SetParameter(String nodeId, String parameterId, Double value) implements NodeCommand {
        public Applied apply(Project p) {
            var where = Nodes.locate(p, nodeId);
            Double old = where.values().get(parameterId);
            Project next = switch (where) {
                case Nodes.Instrument i -> Nodes.put(p, i.track(), i.node().withValue(parameterId, value));
                case Nodes.GraphEffect g -> Nodes.put(p, g, g.node().withValue(parameterId, value));
                case Nodes.LaneEffect l -> Nodes.put(p, l, l.node().withValue(parameterId, value));
                case Nodes.LaneMidiEffect m -> Nodes.put(p, m, m.effect().withValue(parameterId, value));
            };
            return new Applied(next, new SetParameter(nodeId, parameterId, old), Affected.node(PARAMETER, where.track().trackId(), nodeId));
        }

        public String label() { return "set parameter"; }
    }

    /** Puts {@code node} in place of the instrument with its id (kind, routing, parameters, state — everything). */
    record ReplaceInstrument(InstrumentNode node) implements NodeCommand {
        public Applied apply(Project p) {
            Track t = Find.trackOfNode(p, node.nodeId());
            InstrumentNode old = Find.instrument(t, node.nodeId());
            return new Applied(Nodes.put(p, t, node), new ReplaceInstrument(old),
                    new Affected(EnumSet.of(GRAPH, NODE_STATE, PARAMETER), Set.of(t.trackId()), Set.of(node.nodeId()), Set.of()));
        }

        public String label() { return "replace instrument"; }
    }

    /** Sets an instrument's persistent state; a Sampler's parameters follow the new program's labelled controls. */
    record SetNodeState(String nodeId, NodeState state) implements NodeCommand {
        public Applied apply(Project p) {
            Track t = Find.trackOfNode(p, nodeId);
            InstrumentNode old = Find.instrument(t, nodeId);
            return new Applied(Nodes.put(p, t, old.withState(state)), new ReplaceInstrument(old), Affected.node(NODE_STATE, t.trackId(), nodeId));
        }

        public String label() { return "set instrument state"; }
    }

    /** Sets an instrument's MIDI input and audio outputs (the ports connections use). */
    record SetInstrumentRouting(String nodeId, MidiInputRouting input, AudioOutputRouting output) implements NodeCommand {
        public Applied apply(Project p) {
            Track t = Find.trackOfNode(p, nodeId);
            InstrumentNode old = Find.instrument(t, nodeId);
            return new Applied(Nodes.put(p, t, old.withInput(input).withOutput(output)),
                    new SetInstrumentRouting(nodeId, old.input(), old.output()), graph(t.trackId(), nodeId));
        }

        public String label() { return "set instrument routing"; }
    }

    record RenameNode(String nodeId, String name) implements NodeCommand {
        public Applied apply(Project p) {
            var where = Nodes.locate(p, nodeId);
            return switch (where) {
                case Nodes.Instrument i -> new Applied(Nodes.put(p, i.track(), i.node().withName(name)), new RenameNode(nodeId, i.node().name()),
                        Affected.node(Affected.Scope.TRACK, i.track().trackId(), nodeId));
                case Nodes.GraphEffect g -> renamed(p, g, g.node());
                case Nodes.LaneEffect l -> renamed(p, l, l.node());
                case Nodes.LaneMidiEffect m -> throw new CommandException("MIDI effect '" + nodeId + "' has no name");
            };
        }

        private Applied renamed(Project p, Nodes.Located where, EffectNode e) {
            return new Applied(Nodes.put(p, where, e.withName(name)), new RenameNode(nodeId, e.name()),
                    Affected.node(Affected.Scope.TRACK, where.track().trackId(), nodeId));
        }

        public String label() { return "rename node"; }
    }

    /** Bypasses (or re-enables) an audio effect in a graph or a lane chain. */
    record SetBypass(String nodeId, boolean bypassed) implements NodeCommand {
        public Applied apply(Project p) {
            var where = Nodes.locate(p, nodeId);
            EffectNode e = switch (where) {
                case Nodes.GraphEffect g -> g.node();
                case Nodes.LaneEffect l -> l.node();
                default -> throw new CommandException("node '" + nodeId + "' is not an audio effect");
            };
            return new Applied(Nodes.put(p, where, e.withBypassed(bypassed)), new SetBypass(nodeId, e.bypassed()),
                    Affected.node(PARAMETER, where.track().trackId(), nodeId));
        }

        public String label() { return bypassed ? "bypass effect" : "enable effect"; }
    }

    /** Connects an output port to an input port in a track's graph, at {@code index} in its connection list (-1: last). */
    record Connect(String trackId, int index, Connection connection) implements NodeCommand {
        public Applied apply(Project p) {
            Track t = Find.track(p, trackId);
            int i = Find.index(index, t.graph().connections().size());
            return new Applied(p.replacing(t.withGraph(t.graph().withConnection(i, connection))), new Disconnect(trackId, connection),
                    graph(trackId, connection.from().nodeId()));
        }

        public String label() { return "connect"; }
    }

    record Disconnect(String trackId, Connection connection) implements NodeCommand {
        public Applied apply(Project p) {
            Track t = Find.track(p, trackId);
            int i = t.graph().connections().indexOf(connection);
            if (i < 0) throw new CommandException("track '" + trackId + "' has no connection " + connection);
            return new Applied(p.replacing(t.withGraph(t.graph().withoutConnection(connection))), new Connect(trackId, i, connection),
                    graph(trackId, connection.from().nodeId()));
        }

        public String label() { return "disconnect"; }
    }

    static Affected graph(String trackId, String nodeId) {
        return new Affected(EnumSet.of(GRAPH), Set.of(trackId), Set.of(nodeId), Set.of());
    }
}
