package dev.loophole.ipc;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.loophole.model.ExpressionDimension;
import java.util.List;

/**
 * Structural edits of the project beyond the sampler: tracks, lanes and their routing to
 * instrument nodes, node parameters and their automation, clips, notes and per-note expression.
 * Each answers with the revision it made; every client gets {@code project.changed}.
 */
public sealed interface EditRequest extends Request {

    /** The instrument kinds of the specification's InstrumentNode. */
    enum NodeKind { @JsonProperty("sampler") SAMPLER, @JsonProperty("plugin") PLUGIN, @JsonProperty("internalInstrument") INTERNAL_INSTRUMENT }

    @Rpc(value = "track.add", result = Created.class, doc = "Adds a track.")
    record AddTrack(@Size(min = 1, max = 256) String name) implements EditRequest {
    }

    @Rpc(value = "track.remove", doc = "Removes a track with its lanes, nodes and clips.")
    record RemoveTrack(@Size(min = 1, max = 256) String trackId) implements EditRequest {
    }

    @Rpc(value = "track.rename", doc = "Renames a track.")
    record RenameTrack(@Size(min = 1, max = 256) String trackId, @Size(min = 1, max = 256) String name) implements EditRequest {
    }

    @Rpc(value = "lane.add", result = Created.class, doc = "Adds a MIDI lane to a track.")
    record AddLane(@Size(min = 1, max = 256) String trackId, @Size(min = 1, max = 256) String name) implements EditRequest {
    }

    @Rpc(value = "lane.remove", doc = "Removes a lane and its clips.")
    record RemoveLane(@Size(min = 1, max = 256) String laneId) implements EditRequest {
    }

    @Rpc(value = "lane.route", doc = "Routes a lane to instrument nodes (one for a plain lane, several to layer them).")
    record RouteLane(@Size(min = 1, max = 256) String laneId,
                     @Size(max = 64) List<String> nodeIds) implements EditRequest {
    }

    @Rpc(value = "node.add", result = Created.class, doc = "Adds an instrument node to a track's graph; a sampler node gets a new empty program named programId.")
    record AddNode(@Size(min = 1, max = 256) String trackId, NodeKind kind,
                   @Opt @Size(min = 1, max = 256) String programId) implements EditRequest {
    }

    @Rpc(value = "node.remove", doc = "Removes a node; lanes routed to it lose that route.")
    record RemoveNode(@Size(min = 1, max = 256) String nodeId) implements EditRequest {
    }

    @Rpc(value = "parameter.set", doc = "Sets one parameter of a node.")
    record SetParameter(@Size(min = 1, max = 256) String nodeId, @Size(min = 1, max = 256) String parameter,
                        @Range(min = -1e9, max = 1e9) double value) implements EditRequest {
    }

    @Rpc(value = "parameter.automate", doc = "Replaces a parameter's automation curve in a clip (beats from the clip's start; empty points remove it).")
    record AutomateParameter(@Size(min = 1, max = 256) String clipId, @Size(min = 1, max = 256) String nodeId, @Size(min = 1, max = 256) String parameter,
                             @Size(max = 100_000) List<Point> points) implements EditRequest {
    }

    @Rpc(value = "clip.add", result = Created.class, doc = "Adds an empty MIDI clip to a lane; it targets nodeId when given, else the lane's routing.")
    record AddClip(@Size(min = 1, max = 256) String laneId,
                   @Range(min = 0, max = 1e7) double start, @Range(min = 0.001, max = 1e7) double length,
                   @Opt @Size(min = 1, max = 256) String nodeId) implements EditRequest {
    }

    @Rpc(value = "clip.move", doc = "Moves a clip in time.")
    record MoveClip(@Size(min = 1, max = 256) String clipId, @Range(min = 0, max = 1e7) double start) implements EditRequest {
    }

    @Rpc(value = "clip.remove", doc = "Removes a clip with its notes.")
    record RemoveClip(@Size(min = 1, max = 256) String clipId) implements EditRequest {
    }

    @Rpc(value = "note.add", result = Created.class, doc = "Adds a note to a clip (start in beats from the clip's start); its id is a number unique in the clip.")
    record AddNote(@Size(min = 1, max = 256) String clipId,
                   @Range(min = 0, max = 127) int key, @Range(min = 1, max = 127) int velocity,
                   @Range(min = 0, max = 1e7) double start, @Range(min = 0.001, max = 1e7) double length) implements EditRequest {
    }

    @Rpc(value = "note.update", doc = "Changes the given fields of a note.")
    record UpdateNote(@Size(min = 1, max = 256) String clipId, @Range(min = 0, max = 1e15) long noteId,
                      @Opt @Range(min = 0, max = 127) Integer key, @Opt @Range(min = 1, max = 127) Integer velocity,
                      @Opt @Range(min = 0, max = 1e7) Double start, @Opt @Range(min = 0.001, max = 1e7) Double length) implements EditRequest {
    }

    @Rpc(value = "note.remove", doc = "Removes a note and its expression curves.")
    record RemoveNote(@Size(min = 1, max = 256) String clipId, @Range(min = 0, max = 1e15) long noteId) implements EditRequest {
    }

    @Rpc(value = "note.setExpressionCurve", doc = "Replaces one per-note expression curve of a note (beats from the note's start; empty removes it).")
    record SetExpressionCurve(@Size(min = 1, max = 256) String clipId, @Range(min = 0, max = 1e15) long noteId, ExpressionDimension dimension,
                              @Size(max = 100_000) List<Point> points) implements EditRequest {
    }

    /** The id of what an add made, and the revision. */
    record Created(@Size(min = 1, max = 256) String id, @Range(min = 0, max = Long.MAX_VALUE) long revision) {
    }
}
