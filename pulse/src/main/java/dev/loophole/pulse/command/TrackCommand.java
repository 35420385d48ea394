package dev.loophole.pulse.command;

import static dev.loophole.pulse.command.Affected.Scope.TRACK;
import static dev.loophole.pulse.command.Affected.Scope.TRACK_LIST;

import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Lists;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import java.util.EnumSet;
import java.util.Set;

/** Tracks: add, remove, move, rename, channel strip, primary instrument, whole-track replacement. */
public sealed interface TrackCommand extends Command {
    /** Inserts {@code track} at {@code index} (-1: at the end). */
    record AddTrack(int index, Track track) implements TrackCommand {
        public Applied apply(Project p) {
            int i = Find.index(index, p.tracks().size());
            return new Applied(p.withTracks(Lists.insert(p.tracks(), i, track)), new RemoveTrack(track.trackId()), whole(track.trackId()));
        }

        public String label() { return "add track"; }
    }

    record RemoveTrack(String trackId) implements TrackCommand {
        public Applied apply(Project p) {
            Track t = Find.track(p, trackId);
            int i = p.trackIndex(trackId);
            return new Applied(p.withTracks(Lists.removeAt(p.tracks(), i)), new AddTrack(i, t), whole(trackId));
        }

        public String label() { return "remove track"; }
    }

    record MoveTrack(String trackId, int toIndex) implements TrackCommand {
        public Applied apply(Project p) {
            Track t = Find.track(p, trackId);
            int from = p.trackIndex(trackId);
            var rest = Lists.removeAt(p.tracks(), from);
            if (toIndex < 0 || toIndex > rest.size()) throw new CommandException("track index " + toIndex + " is outside 0.." + rest.size());
            return new Applied(p.withTracks(Lists.insert(rest, toIndex, t)), new MoveTrack(trackId, from), Affected.of(TRACK_LIST, trackId));
        }

        public String label() { return "move track"; }
    }

    record RenameTrack(String trackId, String name) implements TrackCommand {
        public Applied apply(Project p) {
            Track t = Find.track(p, trackId);
            return new Applied(p.replacing(t.withName(name)), new RenameTrack(trackId, t.name()), Affected.of(TRACK, trackId));
        }

        public String label() { return "rename track"; }
    }

    record SetChannelStrip(String trackId, ChannelStrip channel) implements TrackCommand {
        public Applied apply(Project p) {
            Track t = Find.track(p, trackId);
            return new Applied(p.replacing(t.withChannel(channel)), new SetChannelStrip(trackId, t.channel()), Affected.of(TRACK, trackId));
        }

        public String label() { return "set channel"; }
    }

    /** Which instrument clips aimed at "primary" play; null: the graph's first. */
    record SetPrimaryNode(String trackId, String nodeId) implements TrackCommand {
        public Applied apply(Project p) {
            Track t = Find.track(p, trackId);
            return new Applied(p.replacing(t.withPrimary(nodeId)), new SetPrimaryNode(trackId, t.primaryNodeId()),
                    new Affected(EnumSet.of(TRACK, Affected.Scope.CLIPS), Set.of(trackId), Set.of(), Set.of()));
        }

        public String label() { return "set primary instrument"; }
    }

    /** Puts {@code track} in place of the track with its id: the inverse of edits that reach across a track. */
    record ReplaceTrack(Track track) implements TrackCommand {
        public Applied apply(Project p) {
            Track old = Find.track(p, track.trackId());
            return new Applied(p.replacing(track), new ReplaceTrack(old), whole(track.trackId()));
        }

        public String label() { return "replace track"; }
    }

    /** Everything about one track changed. */
    static Affected whole(String trackId) {
        return new Affected(EnumSet.of(TRACK_LIST, TRACK, Affected.Scope.GRAPH, Affected.Scope.LANE, Affected.Scope.CLIPS),
                Set.of(trackId), Set.of(), Set.of());
    }
}
