package dev.loophole.pulse.command;

import dev.loophole.model.project.Clip;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;

/** Look-ups by id that fail with a {@link CommandException} naming what is missing. */
final class Find {
    private Find() {}

    static Track track(Project p, String trackId) {
        return p.track(trackId).orElseThrow(() -> new CommandException("no track '" + trackId + "'"));
    }

    static Project.LaneRef lane(Project p, String laneId) {
        return p.lane(laneId).orElseThrow(() -> new CommandException("no lane '" + laneId + "'"));
    }

    static Project.ClipRef clip(Project p, String clipId) {
        return p.clip(clipId).orElseThrow(() -> new CommandException("no clip '" + clipId + "'"));
    }

    static Project.AudioClipRef audioClip(Project p, String clipId) {
        return p.audioClip(clipId).orElseThrow(() -> new CommandException("no audio clip '" + clipId + "'"));
    }

    static Track trackOfNode(Project p, String nodeId) {
        return p.trackOfNode(nodeId).orElseThrow(() -> new CommandException("no node '" + nodeId + "'"));
    }

    static InstrumentNode instrument(Track t, String nodeId) {
        return t.graph().instrument(nodeId).orElseThrow(() -> new CommandException("node '" + nodeId + "' is not an instrument"));
    }

    /** The project with {@code lane} in place of its old version in {@code ref}'s track. */
    static Project put(Project p, Project.LaneRef ref, Lane lane) {
        return p.replacing(ref.track().replacingLane(lane));
    }

    static Project put(Project p, Project.ClipRef ref, Clip clip) {
        return p.replacing(ref.track().replacingLane(ref.lane().replacingClip(clip)));
    }

    static int index(int index, int size) {
        int i = index < 0 ? size : index;
        if (i > size) throw new CommandException("index " + index + " is past the end (" + size + ")");
        return i;
    }
}
