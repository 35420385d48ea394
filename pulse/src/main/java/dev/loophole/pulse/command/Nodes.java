package dev.loophole.pulse.command;

import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.Lists;
import dev.loophole.model.project.MidiEffect;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import java.util.List;
import java.util.Map;

/** Finds a node wherever it lives (graph instrument, graph effect, lane post-effect, lane MIDI effect) and puts a new version back. */
final class Nodes {
    private Nodes() {}

    sealed interface Located {
        Track track();

        Map<String, Double> values();
    }

    record Instrument(Track track, InstrumentNode node) implements Located {
        public Map<String, Double> values() { return node.values(); }
    }

    record GraphEffect(Track track, EffectNode node) implements Located {
        public Map<String, Double> values() { return node.values(); }
    }

    record LaneEffect(Track track, Lane lane, EffectNode node) implements Located {
        public Map<String, Double> values() { return node.values(); }
    }

    record LaneMidiEffect(Track track, Lane lane, MidiEffect effect) implements Located {
        public Map<String, Double> values() { return effect.values(); }
    }

    static Located locate(Project p, String nodeId) {
        Track t = Find.trackOfNode(p, nodeId);
        var inst = t.graph().instrument(nodeId);
        if (inst.isPresent()) return new Instrument(t, inst.get());
        var fx = t.graph().effect(nodeId);
        if (fx.isPresent()) return new GraphEffect(t, fx.get());
        for (Lane l : t.lanes()) {
            for (EffectNode e : l.postEffects()) if (e.nodeId().equals(nodeId)) return new LaneEffect(t, l, e);
            for (MidiEffect e : l.preEffects()) if (e.effectId().equals(nodeId)) return new LaneMidiEffect(t, l, e);
        }
        throw new CommandException("no node '" + nodeId + "'");
    }

    static Project put(Project p, Track t, InstrumentNode n) { return p.replacing(t.withGraph(t.graph().replacing(n))); }

    /** Puts an effect back where {@code where} found it (graph or lane chain). */
    static Project put(Project p, Located where, EffectNode n) {
        return switch (where) {
            case GraphEffect g -> p.replacing(g.track().withGraph(g.track().graph().replacing(n)));
            case LaneEffect l -> p.replacing(l.track().replacingLane(l.lane().withPostEffects(Lists.replace(l.lane().postEffects(), EffectNode::nodeId, n))));
            default -> throw new CommandException("node '" + n.nodeId() + "' is not an audio effect");
        };
    }

    static Project put(Project p, LaneMidiEffect where, MidiEffect e) {
        Lane l = where.lane();
        return p.replacing(where.track().replacingLane(l.withPreEffects(Lists.replace(l.preEffects(), MidiEffect::effectId, e))));
    }

    /**
     * The track without node {@code nodeId} and everything that pointed at it: its connections, lane
     * targets, parameter automation; clips aimed at it fall back to their lane's routing.
     */
    static Track withoutNode(Track t, String nodeId) {
        List<Lane> lanes = t.lanes().stream().map(l -> withoutNode(l, nodeId)).toList();
        String primary = nodeId.equals(t.primaryNodeId()) ? null : t.primaryNodeId();
        return new Track(t.trackId(), t.name(), t.graph().without(nodeId), lanes, primary, t.channel());
    }

    private static Lane withoutNode(Lane l, String nodeId) {
        List<Clip> clips = l.clips().stream().map(c -> withoutNode(c, nodeId)).toList();
        return new Lane(l.laneId(), l.name(), l.kind(),
                l.targets().stream().filter(x -> !x.nodeId().equals(nodeId)).toList(),
                l.preEffects().stream().filter(x -> !x.effectId().equals(nodeId)).toList(),
                l.postEffects().stream().filter(x -> !x.nodeId().equals(nodeId)).toList(),
                clips, l.audioClips(), l.muted());
    }

    private static Clip withoutNode(Clip c, String nodeId) {
        ClipTarget target = c.target().mode() == ClipTarget.Mode.NODE && c.target().nodeId().equals(nodeId) ? ClipTarget.LANE : c.target();
        var automation = c.automation().stream()
                .filter(a -> !(a.target().kind() == AutomationTarget.Kind.PARAMETER && a.target().nodeId().equals(nodeId))).toList();
        if (target.equals(c.target()) && automation.size() == c.automation().size()) return c;
        return new Clip(c.clipId(), c.name(), c.start(), c.length(), target, c.notes(), automation);
    }
}
