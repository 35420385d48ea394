package dev.loophole.pulse.command;

import static dev.loophole.pulse.command.Affected.Scope.CLIPS;
import static dev.loophole.pulse.command.Affected.Scope.LANE;

import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.Lists;
import dev.loophole.model.project.MidiEffect;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Lanes: add, remove, routing (targets with zones), MIDI pre-effects, audio post-effects, name and mute. */
public sealed interface LaneCommand extends Command {
    record AddLane(String trackId, int index, Lane lane) implements LaneCommand {
        public Applied apply(Project p) {
            Track t = Find.track(p, trackId);
            int i = Find.index(index, t.lanes().size());
            return new Applied(p.replacing(t.withLanes(Lists.insert(t.lanes(), i, lane))), new RemoveLane(lane.laneId()), affected(trackId, lane));
        }

        public String label() { return "add lane"; }
    }

    record RemoveLane(String laneId) implements LaneCommand {
        public Applied apply(Project p) {
            var ref = Find.lane(p, laneId);
            Track t = ref.track();
            int i = Lists.indexOf(t.lanes(), Lane::laneId, laneId);
            return new Applied(p.replacing(t.withLanes(Lists.removeAt(t.lanes(), i))), new AddLane(t.trackId(), i, ref.lane()),
                    affected(t.trackId(), ref.lane()));
        }

        public String label() { return "remove lane"; }
    }

    /** Where the lane's notes go: one target per instrument, each with key/velocity zone and transpose. */
    record SetLaneTargets(String laneId, List<LaneTarget> targets) implements LaneCommand {
        public SetLaneTargets { targets = List.copyOf(targets); }

        public Applied apply(Project p) {
            var ref = Find.lane(p, laneId);
            return new Applied(Find.put(p, ref, ref.lane().withTargets(targets)), new SetLaneTargets(laneId, ref.lane().targets()),
                    affected(ref.track().trackId(), ref.lane()));
        }

        public String label() { return "route lane"; }
    }

    record SetLaneMidiEffects(String laneId, List<MidiEffect> effects) implements LaneCommand {
        public SetLaneMidiEffects { effects = List.copyOf(effects); }

        public Applied apply(Project p) {
            var ref = Find.lane(p, laneId);
            return new Applied(Find.put(p, ref, ref.lane().withPreEffects(effects)), new SetLaneMidiEffects(laneId, ref.lane().preEffects()),
                    affected(ref.track().trackId(), ref.lane()));
        }

        public String label() { return "set lane MIDI effects"; }
    }

    record SetLanePostEffects(String laneId, List<EffectNode> effects) implements LaneCommand {
        public SetLanePostEffects { effects = List.copyOf(effects); }

        public Applied apply(Project p) {
            var ref = Find.lane(p, laneId);
            return new Applied(Find.put(p, ref, ref.lane().withPostEffects(effects)), new SetLanePostEffects(laneId, ref.lane().postEffects()),
                    affected(ref.track().trackId(), ref.lane()));
        }

        public String label() { return "set lane effects"; }
    }

    record UpdateLane(String laneId, String name, boolean muted) implements LaneCommand {
        public Applied apply(Project p) {
            var ref = Find.lane(p, laneId);
            Lane l = ref.lane();
            return new Applied(Find.put(p, ref, l.withName(name).withMuted(muted)), new UpdateLane(laneId, l.name(), l.muted()),
                    affected(ref.track().trackId(), l));
        }

        public String label() { return "update lane"; }
    }

    /** A lane changed: its routing and clips need rescheduling. */
    static Affected affected(String trackId, Lane lane) {
        Set<String> clips = Stream.concat(lane.clips().stream().map(c -> c.clipId()), lane.audioClips().stream().map(c -> c.clipId()))
                .collect(java.util.stream.Collectors.toSet());
        return new Affected(EnumSet.of(LANE, CLIPS), Set.of(trackId), Set.of(), clips);
    }
}
