package dev.loophole.pulse.server;

import dev.loophole.ipc.HistoryState;
import dev.loophole.ipc.InstrumentNotification;
import dev.loophole.ipc.ProgramSummary;
import dev.loophole.ipc.ProjectNotification;
import dev.loophole.ipc.SamplerNotification;
import dev.loophole.ipc.SamplerNotification.Change;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.PulseEvent;
import dev.loophole.pulse.PulseListener;
import dev.loophole.pulse.command.SamplerCommand;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Pulse's events → notifications for every client. The common sampler edits are told from the
 * command itself (cheap on large programs); anything else that touched programs is told by
 * comparing the programs before and after. Every event ends with {@code project.changed}.
 */
final class ChangeNotifier implements PulseListener {
    private final SampleStatuses statuses;
    private final Dispatcher out;
    private final java.util.function.Supplier<Workspace> workspace;
    private Project before;

    ChangeNotifier(Dispatcher out, java.util.function.Supplier<Workspace> workspace, SampleStatuses statuses) {
        this.statuses = statuses;
        this.out = out;
        this.workspace = workspace;
    }

    /** The project notifications compare against from now on (after project.new/open). */
    void reset(Project p) {
        before = p;
    }

    @Override
    public void changed(PulseEvent e) {
        Pulse pulse = workspace.get().pulse();
        Project now = pulse.project();
        switch (e.command()) {
            case SamplerCommand.AddRegion a -> region(now, a.nodeId(), a.region().regionId(), Change.ADDED, e.revision());
            case SamplerCommand.UpdateRegion u -> region(now, u.nodeId(), u.region().regionId(), Change.UPDATED, e.revision());
            case SamplerCommand.AssignSample s -> {
                region(now, s.nodeId(), s.regionId(), Change.UPDATED, e.revision());
                Program p = program(now, s.nodeId());
                if (p != null) out.broadcast(statuses.of(p.programId(), s.sample()));
            }
            case SamplerCommand.RemoveRegion r -> region(before, r.nodeId(), r.regionId(), Change.REMOVED, e.revision());
            case SamplerCommand.SetExpressionMapping m -> {
                Program p = program(now, m.nodeId());
                if (p != null) out.broadcast(Wire.capabilities(p));
            }
            default -> compare(before, now, e.revision());
        }
        before = now;
        Entities.Changed what = Entities.of(e.command(), now);
        out.broadcast(what == null ? new ProjectNotification.Changed(history(pulse), e.command().label(), null, null, null)
                : new ProjectNotification.Changed(history(pulse), e.command().label(), what.entity(), what.id(), what.value()));
    }

    static HistoryState history(Pulse p) {
        return new HistoryState(p.revision(), p.undoLabel(), p.redoLabel(), p.isDirty());
    }

    private void region(Project p, String nodeId, String regionId, Change change, long revision) {
        Program prog = program(p, nodeId);
        if (prog == null) return;
        for (SampleGroup g : prog.groups())
            for (SampleRegion r : g.regions())
                if (r.regionId().equals(regionId)) {
                    out.broadcast(new SamplerNotification.RegionUpdated(prog.programId(), change, Wire.region(g.groupId(), r), revision));
                    return;
                }
    }

    private static Program program(Project p, String nodeId) {
        for (InstrumentNode n : p.instruments()) if (n.nodeId().equals(nodeId)) return n.program();
        return null;
    }

    /**
     * Programs added, removed or replaced: the program list first; then a new program's capabilities
     * and sample statuses (its regions on request), a changed program in full.
     */
    private void compare(Project was, Project now, long revision) {
        Map<String, Program> a = programs(was), b = programs(now);
        boolean listChanged = !a.keySet().equals(b.keySet());
        for (var e : b.entrySet()) {
            Program old = a.get(e.getKey());
            if (old != e.getValue() && (old == null || !summaryEquals(old, e.getValue()))) listChanged = true;
        }
        if (listChanged) out.broadcast(programList(now, workspace.get()));
        for (var e : b.entrySet()) {
            Program old = a.get(e.getKey());
            Program p = e.getValue();
            if (old == p) continue;
            if (old != null) out.broadcast(Wire.regionList(p, revision));
            InstrumentNotification.Capabilities caps = Wire.capabilities(p);
            if (old == null || !caps.equals(Wire.capabilities(old))) out.broadcast(caps);
            if (old == null) for (var s : statuses.all(p)) out.broadcast(s);
        }
    }

    private static boolean summaryEquals(Program a, Program b) {
        return a.name().equals(b.name()) && a.groups().size() == b.groups().size() && Wire.regionCount(a) == Wire.regionCount(b)
                && Objects.equals(SoundFonts.choice(a), SoundFonts.choice(b));
    }

    static InstrumentNotification.ProgramList programList(Project p, Workspace w) {
        List<ProgramSummary> list = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (InstrumentNode n : p.instruments())
            if (n.program() != null && seen.add(n.program().programId()))
                list.add(Wire.summary(n.program(), w.source(n.program().programId())));
        return new InstrumentNotification.ProgramList(list);
    }

    private static Map<String, Program> programs(Project p) {
        Map<String, Program> m = new LinkedHashMap<>();
        if (p != null) for (InstrumentNode n : p.instruments()) if (n.program() != null) m.putIfAbsent(n.program().programId(), n.program());
        return m;
    }
}
