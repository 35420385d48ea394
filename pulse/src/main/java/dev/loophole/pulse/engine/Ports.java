package dev.loophole.pulse.engine;

import java.util.Map;

/**
 * Where a lane's events enter the graph: each MIDI lane has a port (its routing: MIDI effects,
 * split and layer), and each instrument a clip targets directly (§7.1) a port of its own behind the
 * lane's MIDI effects. {@code channel} is the MIDI channel (0-based) events carry on that port:
 * the target instrument's input channel (a General MIDI bank plays drums on channel 10).
 */
public record Ports(Map<String, Port> byKey) {
    public record Port(int port, int channel) {}

    public Ports { byKey = Map.copyOf(byKey); }

    static String key(String laneId, String nodeId) { return nodeId == null ? laneId : laneId + "→" + nodeId; }

    /** The port of lane {@code laneId}'s routing. */
    public Port lane(String laneId) { return byKey.get(key(laneId, null)); }

    /** The port that plays node {@code nodeId} directly from lane {@code laneId} (clips aimed at one instrument; audition). */
    public Port direct(String laneId, String nodeId) { return byKey.get(key(laneId, nodeId)); }
}
