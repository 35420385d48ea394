package dev.loophole.pulse.command;

import dev.loophole.model.project.AudioClip;
import dev.loophole.model.project.AutomationCurve;
import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.Lists;
import dev.loophole.model.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Clips on lanes: add, remove, move, resize, retarget, and their controller/parameter automation; audio clips: add, remove, move, trim, gain and fades. */
public sealed interface ClipCommand extends Command {
    record AddClip(String laneId, int index, Clip clip) implements ClipCommand {
        public Applied apply(Project p) {
            var ref = Find.lane(p, laneId);
            int i = Find.index(index, ref.lane().clips().size());
            return new Applied(Find.put(p, ref, ref.lane().withClips(Lists.insert(ref.lane().clips(), i, clip))), new RemoveClip(clip.clipId()),
                    Affected.clip(ref.track().trackId(), clip.clipId()));
        }

        public String label() { return "add clip"; }
    }

    record RemoveClip(String clipId) implements ClipCommand {
        public Applied apply(Project p) {
            var ref = Find.clip(p, clipId);
            int i = Lists.indexOf(ref.lane().clips(), Clip::clipId, clipId);
            Lane lane = ref.lane().withClips(Lists.removeAt(ref.lane().clips(), i));
            return new Applied(p.replacing(ref.track().replacingLane(lane)), new AddClip(ref.lane().laneId(), i, ref.clip()),
                    Affected.clip(ref.track().trackId(), clipId));
        }

        public String label() { return "remove clip"; }
    }

    /** Moves a clip to {@code start} on lane {@code laneId} (possibly another lane or track), at {@code index} in that lane's list (-1: last). */
    record MoveClip(String clipId, String laneId, int index, long start) implements ClipCommand {
        public Applied apply(Project p) {
            var from = Find.clip(p, clipId);
            Clip c = from.clip();
            int oldIndex = Lists.indexOf(from.lane().clips(), Clip::clipId, clipId);
            Project removed = p.replacing(from.track().replacingLane(from.lane().withClips(Lists.removeAt(from.lane().clips(), oldIndex))));
            var to = Find.lane(removed, laneId);
            int i = Find.index(index, to.lane().clips().size());
            Clip moved = new Clip(c.clipId(), c.name(), start, c.length(), c.target(), c.notes(), c.automation());
            Project next = Find.put(removed, to, to.lane().withClips(Lists.insert(to.lane().clips(), i, moved)));
            Affected a = new Affected(Set.of(Affected.Scope.CLIPS), Set.of(from.track().trackId(), to.track().trackId()), Set.of(), Set.of(clipId));
            return new Applied(next, new MoveClip(clipId, from.lane().laneId(), oldIndex, c.start()), a);
        }

        public String label() { return "move clip"; }
    }

    /** Renames, resizes and retargets a clip (§7.1: the lane's routing, the track's primary instrument, or one node). */
    record UpdateClip(String clipId, String name, long length, ClipTarget target) implements ClipCommand {
        public Applied apply(Project p) {
            var ref = Find.clip(p, clipId);
            Clip c = ref.clip();
            Clip next = new Clip(clipId, name, c.start(), length, target, c.notes(), c.automation());
            return new Applied(Find.put(p, ref, next), new UpdateClip(clipId, c.name(), c.length(), c.target()),
                    Affected.clip(ref.track().trackId(), clipId));
        }

        public String label() { return "update clip"; }
    }

    /** Adds the curve, or replaces the clip's curve for the same target. */
    record SetAutomation(String clipId, AutomationCurve curve) implements ClipCommand {
        public Applied apply(Project p) {
            var ref = Find.clip(p, clipId);
            List<AutomationCurve> l = new ArrayList<>(ref.clip().automation());
            int i = indexOf(l, curve.target());
            if (i < 0) l.add(curve); else l.set(i, curve);
            return automation(p, ref, l);
        }

        public String label() { return "set automation"; }
    }

    record RemoveAutomation(String clipId, AutomationTarget target) implements ClipCommand {
        public Applied apply(Project p) {
            var ref = Find.clip(p, clipId);
            List<AutomationCurve> l = new ArrayList<>(ref.clip().automation());
            int i = indexOf(l, target);
            if (i < 0) throw new CommandException("clip '" + clipId + "' has no " + target.key() + " automation");
            l.remove(i);
            return automation(p, ref, l);
        }

        public String label() { return "remove automation"; }
    }

    /** Replaces all of a clip's automation curves (the inverse of the two above). */
    record SetClipAutomation(String clipId, List<AutomationCurve> curves) implements ClipCommand {
        public SetClipAutomation { curves = List.copyOf(curves); }

        public Applied apply(Project p) { return automation(p, Find.clip(p, clipId), curves); }

        public String label() { return "set automation"; }
    }

    record AddAudioClip(String laneId, int index, AudioClip clip) implements ClipCommand {
        public Applied apply(Project p) {
            var ref = Find.lane(p, laneId);
            int i = Find.index(index, ref.lane().audioClips().size());
            return new Applied(Find.put(p, ref, ref.lane().withAudioClips(Lists.insert(ref.lane().audioClips(), i, clip))),
                    new RemoveAudioClip(clip.clipId()), Affected.clip(ref.track().trackId(), clip.clipId()));
        }

        public String label() { return "add audio clip"; }
    }

    record RemoveAudioClip(String clipId) implements ClipCommand {
        public Applied apply(Project p) {
            var ref = Find.audioClip(p, clipId);
            int i = Lists.indexOf(ref.lane().audioClips(), AudioClip::clipId, clipId);
            return new Applied(p.replacing(ref.track().replacingLane(ref.lane().withAudioClips(Lists.removeAt(ref.lane().audioClips(), i)))),
                    new AddAudioClip(ref.lane().laneId(), i, ref.clip()), Affected.clip(ref.track().trackId(), clipId));
        }

        public String label() { return "remove audio clip"; }
    }

    /** Moves an audio clip to tick {@code start} on audio lane {@code laneId} (possibly of another track), at {@code index} in its list (-1: last). */
    record MoveAudioClip(String clipId, String laneId, int index, long start) implements ClipCommand {
        public Applied apply(Project p) {
            var from = Find.audioClip(p, clipId);
            int oldIndex = Lists.indexOf(from.lane().audioClips(), AudioClip::clipId, clipId);
            Project removed = p.replacing(from.track().replacingLane(from.lane().withAudioClips(Lists.removeAt(from.lane().audioClips(), oldIndex))));
            var to = Find.lane(removed, laneId);
            int i = Find.index(index, to.lane().audioClips().size());
            Project next = Find.put(removed, to, to.lane().withAudioClips(Lists.insert(to.lane().audioClips(), i, from.clip().withStart(start))));
            Affected a = new Affected(Set.of(Affected.Scope.CLIPS), Set.of(from.track().trackId(), to.track().trackId()), Set.of(), Set.of(clipId));
            return new Applied(next, new MoveAudioClip(clipId, from.lane().laneId(), oldIndex, from.clip().start()), a);
        }

        public String label() { return "move audio clip"; }
    }

    /**
     * Sets an audio clip's window on its file: where it starts (ticks), how long it lasts (ticks) and where in the
     * file it begins (frames). Trimming the left edge moves start and offset together; the right edge, the length.
     */
    record TrimAudioClip(String clipId, long start, long length, long offsetFrames) implements ClipCommand {
        public Applied apply(Project p) {
            var ref = Find.audioClip(p, clipId);
            AudioClip c = ref.clip();
            return audio(p, ref, c.withRegion(start, length, offsetFrames), new TrimAudioClip(clipId, c.start(), c.length(), c.offsetFrames()));
        }

        public String label() { return "trim audio clip"; }
    }

    /** Renames an audio clip and sets its gain (dB) and fades (frames of its file). */
    record UpdateAudioClip(String clipId, String name, double gainDb, long fadeInFrames, long fadeOutFrames) implements ClipCommand {
        public Applied apply(Project p) {
            var ref = Find.audioClip(p, clipId);
            AudioClip c = ref.clip();
            AudioClip next = new AudioClip(clipId, name, c.start(), c.length(), c.sample(), c.offsetFrames(), gainDb, fadeInFrames, fadeOutFrames);
            return audio(p, ref, next, new UpdateAudioClip(clipId, c.name(), c.gainDb(), c.fadeInFrames(), c.fadeOutFrames()));
        }

        public String label() { return "update audio clip"; }
    }

    private static Applied audio(Project p, Project.AudioClipRef ref, AudioClip next, Command inverse) {
        Lane lane = ref.lane().withAudioClips(Lists.replace(ref.lane().audioClips(), AudioClip::clipId, next));
        return new Applied(p.replacing(ref.track().replacingLane(lane)), inverse, Affected.clip(ref.track().trackId(), next.clipId()));
    }

    private static int indexOf(List<AutomationCurve> curves, AutomationTarget target) {
        for (int i = 0; i < curves.size(); i++) if (curves.get(i).target().key().equals(target.key())) return i;
        return -1;
    }

    private static Applied automation(Project p, Project.ClipRef ref, List<AutomationCurve> curves) {
        Clip c = ref.clip();
        return new Applied(Find.put(p, ref, c.withAutomation(curves)), new SetClipAutomation(c.clipId(), c.automation()),
                Affected.clip(ref.track().trackId(), c.clipId()));
    }
}
