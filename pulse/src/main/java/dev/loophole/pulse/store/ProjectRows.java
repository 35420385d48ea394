package dev.loophole.pulse.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.NodeState;
import dev.loophole.model.project.Track;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Splits a track into the rows a project file stores — the track body, one row per clip, one
 * state blob per instrument — and joins them back into the track's JSON tree.
 */
final class ProjectRows {
    record TrackRow(String trackId, String body) {}

    record ClipRow(String clipId, String trackId, String laneId, int position, String body) {}

    record StateRow(String nodeId, String trackId, String kind, String format, byte[] blob) {}

    record Rows(TrackRow track, List<ClipRow> clips, List<StateRow> states) {}

    private static final ObjectMapper JSON = ProjectJson.compact();

    private ProjectRows() {}

    static Rows split(Track track) {
        ObjectNode body = JSON.valueToTree(track);
        List<ClipRow> clips = new ArrayList<>();
        List<StateRow> states = new ArrayList<>();
        ArrayNode lanes = (ArrayNode) body.get("lanes");
        for (int i = 0; i < track.lanes().size(); i++) {
            Lane lane = track.lanes().get(i);
            ((ObjectNode) lanes.get(i)).putArray("clips");
            for (int c = 0; c < lane.clips().size(); c++) {
                Clip clip = lane.clips().get(c);
                clips.add(new ClipRow(clip.clipId(), track.trackId(), lane.laneId(), c, text(clip)));
            }
        }
        ArrayNode instruments = (ArrayNode) body.get("graph").get("instruments");
        for (int i = 0; i < track.graph().instruments().size(); i++) {
            InstrumentNode n = track.graph().instruments().get(i);
            ((ObjectNode) instruments.get(i)).putNull("state");
            switch (n.state()) {
                case NodeState.SamplerState s -> states.add(new StateRow(n.nodeId(), track.trackId(), "sampler", null, ProjectJson.programBlob(s.program())));
                case NodeState.PluginState s -> states.add(new StateRow(n.nodeId(), track.trackId(), "plugin", s.format(), Base64.getDecoder().decode(s.base64())));
                case null -> { }
            }
        }
        return new Rows(new TrackRow(track.trackId(), body.toString()), clips, states);
    }

    /** The track's JSON tree with its clips and states put back (clips in position order). */
    static ObjectNode join(String source, TrackRow track, List<ClipRow> clips, List<StateRow> states) {
        ObjectNode body = (ObjectNode) ProjectJson.tree(track.body(), source + " track " + track.trackId());
        for (JsonNode lane : body.withArray("lanes")) {
            ArrayNode list = ((ObjectNode) lane).putArray("clips");
            String laneId = lane.path("laneId").asText();
            clips.stream().filter(c -> c.laneId().equals(laneId)).sorted(java.util.Comparator.comparingInt(ClipRow::position))
                    .forEach(c -> list.add(ProjectJson.tree(c.body(), source + " clip " + c.clipId())));
        }
        for (JsonNode inst : body.get("graph").withArray("instruments")) {
            String nodeId = inst.path("nodeId").asText();
            for (StateRow s : states) {
                if (!s.nodeId().equals(nodeId)) continue;
                ObjectNode state = JSON.createObjectNode();
                if (s.kind().equals("sampler")) {
                    state.put("type", "sampler");
                    state.set("program", ProjectJson.tree(new String(s.blob(), StandardCharsets.UTF_8), source + " state of node " + nodeId));
                } else {
                    state.put("type", "plugin");
                    state.put("format", s.format());
                    state.put("base64", Base64.getEncoder().encodeToString(s.blob()));
                }
                ((ObjectNode) inst).set("state", state);
            }
        }
        return body;
    }

    private static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
