package dev.loophole.pulse.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.command.ClipCommand;
import dev.loophole.pulse.command.Command;
import dev.loophole.pulse.command.LaneCommand;
import dev.loophole.pulse.command.NodeCommand;
import dev.loophole.pulse.command.NoteCommand;
import dev.loophole.pulse.command.TrackCommand;
import dev.loophole.pulse.store.ProjectJson;

/**
 * What a structural command changed, for {@code project.changed}: the kind of thing, its id, and
 * the thing as it now is in Pulse's JSON form (absent once removed). Other commands say nothing here.
 */
final class Entities {
    /** One changed thing. */
    record Changed(String entity, String id, JsonNode value) {
    }

    private Entities() {
    }

    static Changed of(Command c, Project now) {
        return switch (c) {
            case TrackCommand.AddTrack a -> track(now, a.track().trackId());
            case TrackCommand.RemoveTrack r -> track(now, r.trackId());
            case TrackCommand.RenameTrack r -> track(now, r.trackId());
            case LaneCommand.AddLane a -> lane(now, a.lane().laneId());
            case LaneCommand.RemoveLane r -> lane(now, r.laneId());
            case LaneCommand.SetLaneTargets s -> lane(now, s.laneId());
            case NodeCommand.AddInstrument a -> node(now, a.node().nodeId());
            case NodeCommand.RemoveNode r -> node(now, r.nodeId());
            case NodeCommand.SetParameter s -> node(now, s.nodeId());
            case ClipCommand.AddClip a -> clip(now, a.clip().clipId());
            case ClipCommand.RemoveClip r -> clip(now, r.clipId());
            case ClipCommand.MoveClip m -> clip(now, m.clipId());
            case ClipCommand.SetAutomation s -> clip(now, s.clipId());
            case ClipCommand.RemoveAutomation r -> clip(now, r.clipId());
            case ClipCommand.AddAudioClip a -> audioClip(now, a.clip().clipId());
            case ClipCommand.RemoveAudioClip r -> audioClip(now, r.clipId());
            case ClipCommand.MoveAudioClip m -> audioClip(now, m.clipId());
            case ClipCommand.TrimAudioClip t -> audioClip(now, t.clipId());
            case ClipCommand.UpdateAudioClip u -> audioClip(now, u.clipId());
            case NoteCommand.AddNote a -> note(now, a.clipId(), a.note().noteId());
            case NoteCommand.RemoveNote r -> note(now, r.clipId(), r.noteId());
            case NoteCommand.UpdateNote u -> note(now, u.clipId(), u.note().noteId());
            case NoteCommand.SetExpressionCurve s -> note(now, s.clipId(), s.noteId());
            case NoteCommand.RemoveExpressionCurve r -> note(now, r.clipId(), r.noteId());
            default -> null;
        };
    }

    private static JsonNode json(Object o) {
        return o == null ? null : ProjectJson.mapper().valueToTree(o);
    }

    private static Changed track(Project p, String id) {
        return new Changed("track", id, json(p.track(id).orElse(null)));
    }

    private static Changed lane(Project p, String id) {
        return new Changed("lane", id, json(p.lane(id).map(Project.LaneRef::lane).orElse(null)));
    }

    private static Changed node(Project p, String id) {
        return new Changed("node", id, json(p.instruments().stream().filter(n -> n.nodeId().equals(id)).findFirst().orElse(null)));
    }

    private static Changed clip(Project p, String id) {
        return new Changed("clip", id, json(p.clip(id).map(Project.ClipRef::clip).orElse(null)));
    }

    private static Changed audioClip(Project p, String id) {
        return new Changed("audioClip", id, json(p.audioClip(id).map(Project.AudioClipRef::clip).orElse(null)));
    }

    private static Changed note(Project p, String clipId, long noteId) {
        return new Changed("note", clipId + "/" + noteId, json(p.clip(clipId).flatMap(r -> r.clip().note(noteId)).orElse(null)));
    }
}
