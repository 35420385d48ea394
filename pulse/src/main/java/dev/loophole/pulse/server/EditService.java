package dev.loophole.pulse.server;

import dev.loophole.model.project.Ids;
import dev.loophole.ipc.Ack;
import dev.loophole.ipc.EditRequest;
import dev.loophole.ipc.EditRequest.Created;
import dev.loophole.ipc.Point;
import dev.loophole.ipc.RpcError;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.project.AutomationCurve;
import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Breakpoint;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.ExpressionCurve;
import dev.loophole.model.project.InstrumentKind;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.command.ClipCommand;
import dev.loophole.pulse.command.LaneCommand;
import dev.loophole.pulse.command.NodeCommand;
import dev.loophole.pulse.command.NoteCommand;
import dev.loophole.pulse.command.TrackCommand;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Structural edits (tracks, lanes, nodes, parameters, clips, notes, expression), each one Pulse command. Times: beats on the wire, ticks in the model. */
final class EditService {
    private final Supplier<Workspace> workspace;

    EditService(Supplier<Workspace> workspace) {
        this.workspace = workspace;
    }

    void register(dev.loophole.pulse.server.HandlerTable t) {
        t.on(EditRequest.AddTrack.class, (p, c) -> {
            String id = fresh("t");
            return created(id, new TrackCommand.AddTrack(-1, new Track(id, p.name(), null, List.of(), null, null)));
        });
        t.on(EditRequest.RemoveTrack.class, (p, c) -> ack(new TrackCommand.RemoveTrack(track(p.trackId()).trackId())));
        t.on(EditRequest.RenameTrack.class, (p, c) -> ack(new TrackCommand.RenameTrack(track(p.trackId()).trackId(), p.name())));
        t.on(EditRequest.AddLane.class, (p, c) -> {
            String id = fresh("l");
            return created(id, new LaneCommand.AddLane(track(p.trackId()).trackId(), -1, Lane.midi(id, p.name(), List.of())));
        });
        t.on(EditRequest.RemoveLane.class, (p, c) -> ack(new LaneCommand.RemoveLane(lane(p.laneId()).laneId())));
        t.on(EditRequest.RouteLane.class, (p, c) -> ack(new LaneCommand.SetLaneTargets(lane(p.laneId()).laneId(),
                p.nodeIds().stream().map(LaneTarget::all).toList())));
        t.on(EditRequest.AddNode.class, (p, c) -> {
            String id = fresh("n");
            Track tr = track(p.trackId());
            InstrumentNode node = switch (p.kind()) {
                case SAMPLER -> {
                    String programId = p.programId() != null ? p.programId() : id;
                    if (Workspace.find(project(), programId) != null) throw RpcError.rejected("a program '" + programId + "' exists already");
                    yield InstrumentNode.sampler(id, programId, new Program(programId, programId, List.of(), ProgramSettings.DEFAULT, Map.of(), Map.of(), List.of()));
                }
                case PLUGIN -> new InstrumentNode(id, id, InstrumentKind.PLUGIN, null, null, null, Map.of(), null, null);
                case INTERNAL_INSTRUMENT -> new InstrumentNode(id, id, InstrumentKind.INTERNAL_INSTRUMENT, null, null, null, Map.of(), null, null);
            };
            return created(id, new NodeCommand.AddInstrument(tr.trackId(), -1, node));
        });
        t.on(EditRequest.RemoveNode.class, (p, c) -> ack(new NodeCommand.RemoveNode(node(p.nodeId()))));
        t.on(EditRequest.SetParameter.class, (p, c) -> ack(new NodeCommand.SetParameter(node(p.nodeId()), p.parameter(), p.value())));
        t.on(EditRequest.AutomateParameter.class, (p, c) -> {
            Clip clip = clip(p.clipId());
            AutomationTarget target = AutomationTarget.parameter(node(p.nodeId()), p.parameter());
            if (p.points().isEmpty()) return ack(new ClipCommand.RemoveAutomation(clip.clipId(), target));
            return ack(new ClipCommand.SetAutomation(clip.clipId(), new AutomationCurve(target, breakpoints(p.points()))));
        });
        t.on(EditRequest.AddClip.class, (p, c) -> {
            String id = fresh("c");
            Lane lane = lane(p.laneId());
            ClipTarget target = p.nodeId() == null ? ClipTarget.LANE : ClipTarget.node(node(p.nodeId()));
            return created(id, new ClipCommand.AddClip(lane.laneId(), -1, new Clip(id, "", ticks(p.start()), Math.max(1, ticks(p.length())), target, List.of(), List.of())));
        });
        t.on(EditRequest.MoveClip.class, (p, c) -> {
            Project.ClipRef ref = project().clip(p.clipId()).orElseThrow(() -> RpcError.notFound("no clip '" + p.clipId() + "'"));
            return ack(new ClipCommand.MoveClip(p.clipId(), ref.lane().laneId(), -1, ticks(p.start())));
        });
        t.on(EditRequest.RemoveClip.class, (p, c) -> ack(new ClipCommand.RemoveClip(clip(p.clipId()).clipId())));
        t.on(EditRequest.AddNote.class, (p, c) -> {
            Clip clip = clip(p.clipId());
            long id = clip.nextNoteId();
            return created(Long.toString(id), new NoteCommand.AddNote(clip.clipId(), -1, Note.of(id, p.key(), p.velocity(), ticks(p.start()), ticks(p.length()))));
        });
        t.on(EditRequest.UpdateNote.class, (p, c) -> {
            Note n = note(p.clipId(), p.noteId());
            Note next = new Note(n.noteId(), p.key() != null ? p.key() : n.key(), p.velocity() != null ? p.velocity() : n.velocity(),
                    p.start() != null ? ticks(p.start()) : n.start(), p.length() != null ? ticks(p.length()) : n.length(), n.releaseVelocity(), n.expression());
            return ack(new NoteCommand.UpdateNote(p.clipId(), next));
        });
        t.on(EditRequest.RemoveNote.class, (p, c) -> ack(new NoteCommand.RemoveNote(p.clipId(), note(p.clipId(), p.noteId()).noteId())));
        t.on(EditRequest.SetExpressionCurve.class, (p, c) -> {
            note(p.clipId(), p.noteId());
            if (p.points().isEmpty()) return ack(new NoteCommand.RemoveExpressionCurve(p.clipId(), p.noteId(), p.dimension(), -1));
            return ack(new NoteCommand.SetExpressionCurve(p.clipId(), p.noteId(), ExpressionCurve.of(p.dimension(), breakpoints(p.points()))));
        });
    }

    private Project project() {
        return workspace.get().project();
    }

    private String fresh(String prefix) {
        var ids = SamplerService.allIds(project());
        return Ids.fresh(prefix, ids::contains);
    }

    private long ticks(double beats) {
        return project().ticksOfBeats(beats);
    }

    private List<Breakpoint> breakpoints(List<Point> points) {
        return points.stream().map(pt -> Breakpoint.linear(ticks(pt.beat()), pt.value())).toList();
    }

    private Created created(String id, dev.loophole.pulse.command.Command command) {
        return new Created(id, workspace.get().apply(command).revision());
    }

    private Ack ack(dev.loophole.pulse.command.Command command) {
        return new Ack(workspace.get().apply(command).revision());
    }

    private Track track(String id) {
        return project().track(id).orElseThrow(() -> RpcError.notFound("no track '" + id + "'"));
    }

    private Lane lane(String id) {
        return project().lane(id).orElseThrow(() -> RpcError.notFound("no lane '" + id + "'")).lane();
    }

    private Clip clip(String id) {
        return project().clip(id).orElseThrow(() -> RpcError.notFound("no clip '" + id + "'")).clip();
    }

    private String node(String id) {
        if (project().trackOfNode(id).isEmpty()) throw RpcError.notFound("no node '" + id + "'");
        return id;
    }

    private Note note(String clipId, long noteId) {
        return clip(clipId).note(noteId).orElseThrow(() -> RpcError.notFound("clip '" + clipId + "' has no note " + noteId));
    }
}
