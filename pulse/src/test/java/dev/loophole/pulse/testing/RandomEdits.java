package dev.loophole.pulse.testing;

import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.ExpressionMapping;
import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.model.project.*;
import dev.loophole.pulse.command.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded random commands over every kind the model allows, aimed at what exists in the project
 * (so most apply; some — a connection making a cycle — are refused, as a user's would be).
 */
public final class RandomEdits {
    private final Random r;
    private final List<Program> programs;
    private int next;

    public RandomEdits(long seed, List<Program> programs) {
        this.r = new Random(seed);
        this.programs = programs;
    }

    private String id(String prefix) { return prefix + "-r" + (next++); }

    private <T> T pick(List<T> l) { return l.get(r.nextInt(l.size())); }

    private static final List<Function<RandomEdits, Function<Project, Command>>> KINDS = List.of(
            g -> g::projectEdit, g -> g::trackEdit, g -> g::laneEdit, g -> g::nodeEdit, g -> g::nodeEdit, g -> g::connectionEdit,
            g -> g::clipEdit, g -> g::noteEdit, g -> g::noteEdit, g -> g::noteEdit, g -> g::samplerEdit, g -> g::padEdit, g -> g::batch);

    /** A command for {@code p}, or null when this draw found nothing to aim at. */
    public Command next(Project p) {
        return KINDS.get(r.nextInt(KINDS.size())).apply(this).apply(p);
    }

    Command batch(Project p) {
        Command a = noteEdit(p), b = nodeEdit(p);
        if (a == null || b == null) return null;
        // The second command must apply to the project after the first; both come from the same snapshot, so aim b at a different area.
        return new Batch("batch", List.of(b, a));
    }

    Command projectEdit(Project p) {
        return switch (r.nextInt(3)) {
            case 0 -> new ProjectCommand.SetProjectName("Song " + r.nextInt(100));
            case 1 -> new ProjectCommand.SetSampleRate(pick(List.of(44_100, 48_000, 96_000)));
            default -> new ProjectCommand.SetTempo(new TempoTrack(List.of(new TempoMap.Change(0, 300_000 + r.nextInt(500_000)),
                    new TempoMap.Change(960 + r.nextInt(9600), 300_000 + r.nextInt(500_000))),
                    List.of(new TimeSignature(0, 1 + r.nextInt(12), pick(List.of(2, 4, 8, 16))))));
        };
    }

    Command trackEdit(Project p) {
        if (p.tracks().isEmpty() || r.nextInt(6) == 0) return new TrackCommand.AddTrack(r.nextInt(p.tracks().size() + 1), newTrack());
        Track t = pick(p.tracks());
        return switch (r.nextInt(6)) {
            case 0 -> new TrackCommand.RemoveTrack(t.trackId());
            case 1 -> new TrackCommand.MoveTrack(t.trackId(), r.nextInt(p.tracks().size()));
            case 2 -> new TrackCommand.RenameTrack(t.trackId(), "T" + r.nextInt(1000));
            case 3 -> new TrackCommand.SetChannelStrip(t.trackId(), new ChannelStrip(-r.nextInt(40) * 0.5, r.nextInt(21) / 10.0 - 1, r.nextBoolean(), r.nextBoolean()));
            case 4 -> new TrackCommand.SetPrimaryNode(t.trackId(), t.graph().instruments().isEmpty() || r.nextInt(4) == 0 ? null : pick(t.graph().instruments()).nodeId());
            default -> new TrackCommand.AddTrack(-1, newTrack());
        };
    }

    private Track newTrack() {
        InstrumentNode n = InstrumentNode.sampler(id("node"), "Sampler", pick(programs));
        Lane lane = Lane.midi(id("lane"), "Lane", List.of(LaneTarget.all(n.nodeId())));
        return new Track(id("track"), "New", NodeGraph.single(n), List.of(lane), null, ChannelStrip.DEFAULT);
    }

    Command laneEdit(Project p) {
        if (p.tracks().isEmpty()) return null;
        Track t = pick(p.tracks());
        if (t.lanes().isEmpty() || r.nextInt(5) == 0)
            return new LaneCommand.AddLane(t.trackId(), r.nextInt(t.lanes().size() + 1), r.nextInt(4) == 0 ? Lane.audio(id("lane"), "Audio")
                    : Lane.midi(id("lane"), "Lane", targets(t)));
        Lane l = pick(t.lanes());
        boolean midi = l.kind() == LaneKind.MIDI;
        return switch (r.nextInt(5)) {
            case 0 -> new LaneCommand.RemoveLane(l.laneId());
            case 1 -> midi ? new LaneCommand.SetLaneTargets(l.laneId(), targets(t)) : null;
            case 2 -> midi ? new LaneCommand.SetLaneMidiEffects(l.laneId(), List.of(new MidiEffect(id("midifx"), pick(List.of(MidiEffectKind.values())),
                    Map.of(), r.nextBoolean()))) : null;
            case 3 -> new LaneCommand.SetLanePostEffects(l.laneId(), r.nextBoolean() ? List.of()
                    : List.of(EffectNode.of(id("fx"), pick(List.of(EffectKind.values()))), EffectNode.of(id("fx"), EffectKind.GAIN_PAN)));
            default -> new LaneCommand.UpdateLane(l.laneId(), "L" + r.nextInt(100), r.nextBoolean());
        };
    }

    private List<LaneTarget> targets(Track t) {
        List<LaneTarget> out = new ArrayList<>();
        for (InstrumentNode n : t.graph().instruments()) {
            if (r.nextBoolean()) continue;
            int lo = r.nextInt(128), hi = lo + r.nextInt(128 - lo);
            out.add(new LaneTarget(n.nodeId(), new IntRange(lo, hi), new IntRange(1, 1 + r.nextInt(127)), r.nextInt(25) - 12));
        }
        return out;
    }

    Command nodeEdit(Project p) {
        if (p.tracks().isEmpty()) return null;
        Track t = pick(p.tracks());
        List<String> nodes = allNodes(t);
        if (nodes.isEmpty() || r.nextInt(8) == 0)
            return r.nextBoolean() ? new NodeCommand.AddInstrument(t.trackId(), r.nextInt(t.graph().instruments().size() + 1),
                    InstrumentNode.sampler(id("node"), "S", pick(programs)))
                    : new NodeCommand.AddEffect(t.trackId(), r.nextInt(t.graph().effects().size() + 1), EffectNode.of(id("fx"), pick(List.of(EffectKind.values()))));
        String nodeId = pick(nodes);
        var inst = t.graph().instrument(nodeId);
        return switch (r.nextInt(8)) {
            case 0 -> new NodeCommand.RemoveNode(nodeId);
            case 1, 2, 3 -> setParameter(t, nodeId);
            case 4 -> inst.isPresent() ? new NodeCommand.SetNodeState(nodeId, new NodeState.SamplerState(pick(programs))) : new NodeCommand.SetBypass(nodeId, r.nextBoolean());
            case 5 -> inst.isPresent() ? new NodeCommand.SetInstrumentRouting(nodeId, new MidiInputRouting(r.nextInt(17), r.nextBoolean()),
                    new AudioOutputRouting(List.of(AudioPort.stereo("main"), AudioPort.stereo("aux" + r.nextInt(3))))) : null;
            case 6 -> new NodeCommand.RenameNode(nodeId, "N" + r.nextInt(100));
            default -> inst.isPresent() ? new NodeCommand.ReplaceInstrument(inst.get().withName("R" + r.nextInt(9))) : setParameter(t, nodeId);
        };
    }

    private Command setParameter(Track t, String nodeId) {
        ParameterSet ps = t.graph().parametersOf(nodeId).orElseGet(() -> t.lanes().stream()
                .flatMap(l -> java.util.stream.Stream.concat(l.postEffects().stream().filter(e -> e.nodeId().equals(nodeId)).map(EffectNode::parameters),
                        l.preEffects().stream().filter(e -> e.effectId().equals(nodeId)).map(e -> e.kind().parameters())))
                .findFirst().orElseThrow());
        if (ps.parameters().isEmpty()) return null;
        Parameter param = pick(ps.parameters());
        return new NodeCommand.SetParameter(nodeId, param.id(), r.nextInt(6) == 0 ? null : value(param));
    }

    private double value(Parameter p) {
        if (p.step() > 0) {
            long steps = (long) Math.floor((p.max() - p.min()) / p.step());
            return p.min() + p.step() * r.nextLong(steps + 1);
        }
        return p.min() + (p.max() - p.min()) * r.nextDouble();
    }

    private static List<String> allNodes(Track t) {
        List<String> out = new ArrayList<>();
        t.graph().instruments().forEach(n -> out.add(n.nodeId()));
        t.graph().effects().forEach(n -> out.add(n.nodeId()));
        for (Lane l : t.lanes()) {
            l.postEffects().forEach(e -> out.add(e.nodeId()));
            l.preEffects().forEach(e -> out.add(e.effectId()));
        }
        return out;
    }

    Command connectionEdit(Project p) {
        if (p.tracks().isEmpty()) return null;
        Track t = pick(p.tracks());
        NodeGraph g = t.graph();
        if (!g.connections().isEmpty() && r.nextInt(3) == 0) return new NodeCommand.Disconnect(t.trackId(), pick(g.connections()));
        List<NodePort> outs = new ArrayList<>(), ins = new ArrayList<>(List.of(new NodePort(NodeGraph.CHANNEL, "in")));
        g.instruments().forEach(n -> n.output().ports().forEach(port -> outs.add(new NodePort(n.nodeId(), port.id()))));
        g.effects().forEach(n -> {
            outs.add(new NodePort(n.nodeId(), "out"));
            ins.add(new NodePort(n.nodeId(), "in"));
        });
        if (outs.isEmpty()) return null;
        return new NodeCommand.Connect(t.trackId(), r.nextInt(g.connections().size() + 1), new Connection(pick(outs), pick(ins)));
    }

    Command clipEdit(Project p) {
        List<Lane> midiLanes = p.tracks().stream().flatMap(t -> t.lanes().stream()).filter(l -> l.kind() == LaneKind.MIDI).toList();
        List<Lane> audioLanes = p.tracks().stream().flatMap(t -> t.lanes().stream()).filter(l -> l.kind() == LaneKind.AUDIO).toList();
        if (!audioLanes.isEmpty() && r.nextInt(8) == 0) {
            Lane l = pick(audioLanes);
            if (!l.audioClips().isEmpty() && r.nextBoolean()) {
                AudioClip c = pick(l.audioClips());
                return switch (r.nextInt(4)) {
                    case 0 -> new ClipCommand.RemoveAudioClip(c.clipId());
                    case 1 -> new ClipCommand.MoveAudioClip(c.clipId(), pick(audioLanes).laneId(), -1, 240L * r.nextInt(64));
                    case 2 -> new ClipCommand.TrimAudioClip(c.clipId(), r.nextInt(9600), 1 + r.nextInt(9600), r.nextInt(48_000));
                    default -> new ClipCommand.UpdateAudioClip(c.clipId(), "A" + r.nextInt(99), r.nextInt(25) - 18, r.nextInt(4800), r.nextInt(4800));
                };
            }
            return new ClipCommand.AddAudioClip(l.laneId(), -1, new AudioClip(id("audio"), "A", r.nextInt(9600), 1 + r.nextInt(9600), new SampleRef("print.wav"), 0, 0));
        }
        if (midiLanes.isEmpty()) return null;
        Lane lane = pick(midiLanes);
        List<Clip> clips = midiLanes.stream().flatMap(l -> l.clips().stream()).toList();
        if (clips.isEmpty() || r.nextInt(5) == 0)
            return new ClipCommand.AddClip(lane.laneId(), r.nextInt(lane.clips().size() + 1), new Clip(id("clip"), "C", 960L * r.nextInt(16), 960L * (1 + r.nextInt(8)),
                    ClipTarget.LANE, List.of(Note.of(1, 60, 100, 0, 480)), List.of()));
        Clip c = pick(clips);
        Track track = p.clip(c.clipId()).orElseThrow().track();
        return switch (r.nextInt(6)) {
            case 0 -> new ClipCommand.RemoveClip(c.clipId());
            case 1 -> new ClipCommand.MoveClip(c.clipId(), lane.laneId(), -1, 240L * r.nextInt(64));
            case 2 -> new ClipCommand.UpdateClip(c.clipId(), "C" + r.nextInt(99), 1 + r.nextInt(19200),
                    r.nextBoolean() || track.graph().instruments().isEmpty() ? pick(List.of(ClipTarget.LANE, ClipTarget.PRIMARY)) : ClipTarget.node(pick(track.graph().instruments()).nodeId()));
            case 3 -> new ClipCommand.SetAutomation(c.clipId(), new AutomationCurve(AutomationTarget.cc(r.nextInt(4)), points(0, 127)));
            case 4 -> c.automation().isEmpty() ? new ClipCommand.SetAutomation(c.clipId(), new AutomationCurve(AutomationTarget.of(AutomationTarget.Kind.PITCH_BEND), points(-1, 1)))
                    : new ClipCommand.RemoveAutomation(c.clipId(), pick(c.automation()).target());
            default -> new ClipCommand.SetAutomation(c.clipId(), new AutomationCurve(AutomationTarget.of(AutomationTarget.Kind.CHANNEL_PRESSURE), points(0, 127)));
        };
    }

    private List<Breakpoint> points(double lo, double hi) {
        List<Breakpoint> l = new ArrayList<>();
        long t = 0;
        for (int i = r.nextInt(5); i >= 0; i--) {
            l.add(new Breakpoint(t, lo + (hi - lo) * r.nextDouble(), r.nextBoolean() ? Breakpoint.Shape.STEP : Breakpoint.Shape.LINEAR));
            t += r.nextInt(480);
        }
        return l;
    }

    Command noteEdit(Project p) {
        List<Clip> clips = p.tracks().stream().flatMap(t -> t.lanes().stream()).flatMap(l -> l.clips().stream()).toList();
        if (clips.isEmpty()) return null;
        Clip c = pick(clips);
        if (c.notes().isEmpty() || r.nextInt(4) == 0)
            return new NoteCommand.AddNote(c.clipId(), r.nextInt(c.notes().size() + 1), randomNote(c.nextNoteId()));
        Note n = pick(c.notes());
        return switch (r.nextInt(6)) {
            case 0 -> new NoteCommand.RemoveNote(c.clipId(), n.noteId());
            case 1 -> new NoteCommand.UpdateNote(c.clipId(), new Note(n.noteId(), r.nextInt(128), 1 + r.nextInt(127), r.nextInt(3840), r.nextInt(960), n.releaseVelocity(), n.expression()));
            case 2 -> new NoteCommand.SetNotes(c.clipId(), c.notes().reversed());
            case 3 -> new NoteCommand.SetExpressionCurve(c.clipId(), n.noteId(), ExpressionCurve.of(ExpressionDimension.PITCH, points(-2, 2)));
            case 4 -> new NoteCommand.SetExpressionCurve(c.clipId(), n.noteId(), new ExpressionCurve(ExpressionDimension.PER_NOTE_CC, r.nextInt(3), points(0, 1)));
            default -> n.expression().isEmpty() ? new NoteCommand.SetExpressionCurve(c.clipId(), n.noteId(), ExpressionCurve.of(ExpressionDimension.PRESSURE, points(0, 1)))
                    : new NoteCommand.RemoveExpressionCurve(c.clipId(), n.noteId(), n.expression().getFirst().dimension(), n.expression().getFirst().controller());
        };
    }

    private Note randomNote(long noteId) {
        return new Note(noteId, r.nextInt(128), 1 + r.nextInt(1261) / 10.0, r.nextInt(3840), r.nextInt(960), r.nextInt(128), List.of());
    }

    Command samplerEdit(Project p) {
        List<InstrumentNode> samplers = p.instruments().stream().filter(n -> n.program() != null).toList();
        if (samplers.isEmpty()) return null;
        InstrumentNode n = pick(samplers);
        Program prog = n.program();
        List<SampleRegion> regions = prog.regions();
        return switch (r.nextInt(8)) {
            case 0 -> new SamplerCommand.ReplaceProgram(n.nodeId(), pick(programs));
            case 1 -> new SamplerCommand.AddGroup(n.nodeId(), r.nextInt(prog.groups().size() + 1), new SampleGroup(id("group"), "G", List.of()));
            case 2 -> prog.groups().isEmpty() ? null : new SamplerCommand.RemoveGroup(n.nodeId(), pick(prog.groups()).groupId());
            case 3 -> {
                if (prog.groups().isEmpty()) yield null;
                SampleGroup g = pick(prog.groups());
                SampleRegion.Builder b = SampleRegion.builder(id("region"));
                b.samples.add(new SampleRef("new.wav"));
                b.keyRange = new IntRange(r.nextInt(64), 64 + r.nextInt(64));
                yield new SamplerCommand.AddRegion(n.nodeId(), g.groupId(), r.nextInt(g.regions().size() + 1), b.build());
            }
            case 4 -> regions.isEmpty() ? null : new SamplerCommand.RemoveRegion(n.nodeId(), pick(regions).regionId());
            case 5 -> {
                if (regions.isEmpty()) yield null;
                SampleRegion.Builder b = pick(regions).toBuilder();
                b.velocityRange = new IntRange(1 + r.nextInt(60), 64 + r.nextInt(64));
                yield new SamplerCommand.UpdateRegion(n.nodeId(), b.build());
            }
            case 6 -> regions.isEmpty() ? null : new SamplerCommand.AssignSample(n.nodeId(), pick(regions).regionId(), new SampleRef("assigned-" + r.nextInt(9) + ".wav"));
            default -> new SamplerCommand.SetExpressionMapping(n.nodeId(), r.nextBoolean() ? ExpressionMapping.SAMPLER_DEFAULT : new ExpressionMapping(List.of()));
        };
    }

    /** A drum-pad edit on a sampler in DrumKit mode (rename, recolour, icon, choke, output, envelope, leave kit mode). */
    public Command padEdit(Project p) {
        List<InstrumentNode> kits = p.instruments().stream().filter(n -> n.program() != null && n.program().isDrumKit()
                && !n.program().drumKit().pads().isEmpty()).toList();
        if (kits.isEmpty()) return null;
        InstrumentNode n = pick(kits);
        dev.loophole.model.Pad pad = pick(n.program().drumKit().pads());
        return switch (r.nextInt(8)) {
            case 0 -> new PadCommand.RenamePad(n.nodeId(), pad.note(), "Pad " + r.nextInt(99));
            case 1 -> new PadCommand.RecolourPad(n.nodeId(), pad.note(), r.nextBoolean() ? null : String.format("#%06x", r.nextInt(1 << 24)));
            case 2 -> new PadCommand.SetPadIcon(n.nodeId(), pad.note(), pick(List.copyOf(new java.util.TreeSet<>(dev.loophole.model.PadKinds.ICONS))));
            case 3 -> new PadCommand.SetPadChoke(n.nodeId(), pad.note(), r.nextInt(4));
            case 4 -> new PadCommand.SetPadOutput(n.nodeId(), pad.note(), r.nextInt(8));
            case 5 -> new PadCommand.SetPadEnvelope(n.nodeId(), pad.note(), dev.loophole.model.Envelope.AMP_DEFAULT.withStages(0, r.nextInt(50) / 1000.0, 0, 0.1, 1, 0.05 + r.nextInt(50) / 100.0));
            case 6 -> new PadCommand.SetDrumKit(n.nodeId(), r.nextInt(4) == 0 ? null : n.program().drumKit().with(pad.withName("Renamed")));
            default -> new PadCommand.RenamePad(n.nodeId(), pad.note(), pad.name() + "!");
        };
    }
}
