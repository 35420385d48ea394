package dev.loophole.model.project;

import java.util.List;
import java.util.Optional;

/**
 * A track: its lanes, its node graph and its channel strip. Lane targets, clip targets and
 * parameter automation refer to nodes of this track's graph.
 *
 * @param primaryNodeId the instrument clips aimed at "primary" play; null means the first instrument
 */
public record Track(String trackId, String name, NodeGraph graph, List<Lane> lanes, String primaryNodeId, ChannelStrip channel) {
    public Track {
        Ids.require(trackId, "track id");
        if (name == null) name = "";
        if (graph == null) graph = NodeGraph.EMPTY;
        lanes = List.copyOf(lanes);
        if (channel == null) channel = ChannelStrip.DEFAULT;
        Ids.unique(lanes, Lane::laneId, "lane id");
        if (primaryNodeId != null && graph.instrument(primaryNodeId).isEmpty())
            throw new IllegalArgumentException("track " + trackId + ": primary node " + primaryNodeId + " is not an instrument of its graph");
        for (Lane lane : lanes) checkLane(trackId, graph, lane);
    }

    private static void checkLane(String trackId, NodeGraph graph, Lane lane) {
        String where = "track " + trackId + ", lane " + lane.laneId();
        for (LaneTarget t : lane.targets())
            if (graph.instrument(t.nodeId()).isEmpty())
                throw new IllegalArgumentException(where + ": target " + t.nodeId() + " is not an instrument of the track");
        for (Clip c : lane.clips()) {
            String cw = where + ", clip " + c.clipId();
            if (c.target().mode() == ClipTarget.Mode.NODE && graph.instrument(c.target().nodeId()).isEmpty())
                throw new IllegalArgumentException(cw + ": target " + c.target().nodeId() + " is not an instrument of the track");
            for (AutomationCurve a : c.automation()) {
                if (a.target().kind() != AutomationTarget.Kind.PARAMETER) continue;
                ParameterSet ps = parametersOf(graph, lane, a.target().nodeId())
                        .orElseThrow(() -> new IllegalArgumentException(cw + ": automation of unknown node " + a.target().nodeId()));
                Parameter p = ps.find(a.target().parameterId()).orElseThrow(() ->
                        new IllegalArgumentException(cw + ": node " + a.target().nodeId() + " has no parameter " + a.target().parameterId()));
                if (!p.automatable()) throw new IllegalArgumentException(cw + ": parameter " + p.id() + " is not automatable");
                for (Breakpoint b : a.points())
                    if (b.value() < p.min() || b.value() > p.max())
                        throw new IllegalArgumentException(cw + ": automation value " + b.value() + " of " + p.id() + " is outside " + p.min() + ".." + p.max());
            }
        }
    }

    /** Parameters of a graph node or of one of the lane's own effects. */
    private static Optional<ParameterSet> parametersOf(NodeGraph graph, Lane lane, String nodeId) {
        return graph.parametersOf(nodeId)
                .or(() -> lane.postEffects().stream().filter(e -> e.nodeId().equals(nodeId)).findFirst().map(EffectNode::parameters))
                .or(() -> lane.preEffects().stream().filter(e -> e.effectId().equals(nodeId)).findFirst().map(e -> e.kind().parameters()));
    }

    /** The instrument "primary" clips play: the named one, else the graph's first, if any. */
    public Optional<InstrumentNode> primary() {
        if (primaryNodeId != null) return graph.instrument(primaryNodeId);
        return graph.instruments().stream().findFirst();
    }

    public Optional<Lane> lane(String laneId) { return lanes.stream().filter(l -> l.laneId().equals(laneId)).findFirst(); }

    public Track withGraph(NodeGraph g) { return new Track(trackId, name, g, lanes, primaryNodeId, channel); }

    public Track withLanes(List<Lane> l) { return new Track(trackId, name, graph, l, primaryNodeId, channel); }

    public Track withName(String n) { return new Track(trackId, n, graph, lanes, primaryNodeId, channel); }

    public Track withPrimary(String nodeId) { return new Track(trackId, name, graph, lanes, nodeId, channel); }

    public Track withChannel(ChannelStrip c) { return new Track(trackId, name, graph, lanes, primaryNodeId, c); }

    public Track replacingLane(Lane lane) { return withLanes(Lists.replace(lanes, Lane::laneId, lane)); }
}
