package dev.loophole.pulse.server;

import dev.loophole.model.project.Ids;
import dev.loophole.formats.sfz.SfzExporter;
import dev.loophole.formats.InstrumentFiles;
import dev.loophole.ipc.Ack;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.InstrumentRequest.SavedProgram;
import dev.loophole.ipc.PadInfo;
import dev.loophole.ipc.ProgramSummary;
import dev.loophole.ipc.RegionFields;
import dev.loophole.ipc.RegionInfo;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.SamplerNotification;
import dev.loophole.ipc.SamplerRequest;
import dev.loophole.media.library.AutoMapper;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.command.Batch;
import dev.loophole.pulse.command.Command;
import dev.loophole.pulse.command.PadCommand;
import dev.loophole.pulse.command.SamplerCommand;
import dev.loophole.pulse.command.TrackCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** The specification's instrument and sampler requests, each one Pulse command (one undo step). */
final class SamplerService {
    private final Supplier<Workspace> workspace;
    private final LibraryService library;

    private final SampleStatuses statuses;

    SamplerService(Supplier<Workspace> workspace, LibraryService library, SampleStatuses statuses) {
        this.statuses = statuses;
        this.workspace = workspace;
        this.library = library;
    }

    void register(HandlerTable t) {
        t.on(InstrumentRequest.LoadProgram.class, (p, c) -> load(p));
        t.on(InstrumentRequest.SaveProgram.class, (p, c) -> save(p));
        t.on(InstrumentRequest.SelectPreset.class, (p, c) -> selectPreset(p));
        t.on(InstrumentRequest.SetExpressionMapping.class, (p, c) -> {
            Workspace.Located at = w().program(p.programId());
            return new Ack(w().apply(new SamplerCommand.SetExpressionMapping(at.nodeId(), Wire.mapping(p.routes()))).revision());
        });
        t.on(SamplerRequest.AddSampleRegion.class, (p, c) -> add(p));
        t.on(SamplerRequest.UpdateRegion.class, (p, c) -> update(p));
        t.on(SamplerRequest.RemoveRegion.class, (p, c) -> {
            Workspace.Located at = w().program(p.programId());
            requireRegion(at, p.regionId());
            return new Ack(w().apply(new SamplerCommand.RemoveRegion(at.nodeId(), p.regionId())).revision());
        });
        t.on(SamplerRequest.AssignSample.class, (p, c) -> {
            Workspace.Located at = w().program(p.programId());
            String groupId = requireRegion(at, p.regionId()).groupId();
            if ((p.sample() == null) == (p.mediaId() == null))
                throw RpcError.invalid("params: give exactly one of sample (a file path) or mediaId (a library file)");
            SampleRef ref = p.mediaId() != null ? library.sampleRef(p.mediaId()) : new SampleRef(p.sample());
            w().apply(new SamplerCommand.AssignSample(at.nodeId(), p.regionId(), ref));
            return region(w().program(p.programId()).program(), groupId, p.regionId());
        });
        t.on(SamplerRequest.AddSamples.class, (p, c) -> addSamples(p));
        t.on(SamplerRequest.UpdatePad.class, (p, c) -> updatePad(p));
        t.on(SamplerRequest.RequestProgramList.class, (p, c) -> {
            Workspace ws = w();
            if (p.programId() != null) {
                Program prog = ws.program(p.programId()).program();
                c.notify(Wire.regionList(prog, ws.pulse().revision()));
                for (SamplerNotification.SampleStatus s : statuses.all(prog)) c.notify(s);
            }
            return ChangeNotifier.programList(ws.project(), ws);
        });
    }

    private Workspace w() {
        return workspace.get();
    }

    private ProgramSummary load(InstrumentRequest.LoadProgram p) {
        Path file = Path.of(p.path()).toAbsolutePath();
        if (!Files.isRegularFile(file)) throw RpcError.rejected(file + ": no such file");
        Program loaded;
        String defaultId;
        if (dev.loophole.formats.InstrumentFiles.isSoundFont(file)) {
            loaded = SoundFonts.load(file, p.bank(), p.preset()).program();
            String base = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
            defaultId = base + "-" + loaded.programId(); // b<bank>-p<program>
        } else {
            if (p.bank() != null || p.preset() != null)
                throw RpcError.invalid("params: bank and preset choose a preset of a SoundFont bank (.sf2, .sf3); " + file.getFileName() + " is not one");
            var opener = InstrumentFiles.opener(file).orElseThrow(() -> RpcError.rejected(file + ": loads " + InstrumentFiles.kinds()
                    + " programs and SoundFont banks (.sf2, .sf3)"));
            try {
                loaded = opener.open(file);
            } catch (IOException e) {
                throw RpcError.rejected(e.getMessage());
            }
            defaultId = loaded.programId();
        }
        String id = p.programId() != null ? p.programId() : defaultId;
        Project project = w().project();
        if (Workspace.find(project, id) != null)
            throw RpcError.rejected("a program '" + id + "' is loaded already: give this one another programId");
        Program program = renamed(loaded, id);
        Set<String> ids = allIds(project);
        String trackId = Ids.fresh("t", ids::contains);
        String nodeId = Ids.fresh("n", ids::contains);
        String laneId = Ids.fresh("l", ids::contains);
        Track track = new Track(trackId, program.name(), NodeGraph.single(InstrumentNode.sampler(nodeId, program.name(), program)),
                List.of(Lane.midi(laneId, "Notes", List.of(LaneTarget.all(nodeId)))), nodeId, null);
        w().source(id, file.toString());
        w().apply(new TrackCommand.AddTrack(project.tracks().size(), track));
        return Wire.summary(program, file.toString());
    }

    /** The program under another id (all else kept, DrumKit pads too). */
    private static Program renamed(Program p, String id) {
        return new Program(id, p.name(), p.groups(), p.settings(), p.ccLabels(), p.keyLabels(), p.diagnostics(), p.curves(),
                p.extraSections(), p.expression(), p.drumKit());
    }

    /** Another preset of the program's SoundFont bank in its place: one step, the node, lanes and clips kept. */
    private ProgramSummary selectPreset(InstrumentRequest.SelectPreset p) {
        Workspace.Located at = w().program(p.programId());
        Program chosen = renamed(SoundFonts.load(SoundFonts.bankOf(at.program()), p.bank(), p.preset()).program(), p.programId());
        w().apply(new SamplerCommand.ReplaceProgram(at.nodeId(), chosen));
        return Wire.summary(chosen, w().source(p.programId()));
    }

    /** Track, node, lane and clip ids in use (they share one namespace here so fresh ones never collide). */
    static Set<String> allIds(Project p) {
        Set<String> ids = new HashSet<>();
        for (Track t : p.tracks()) {
            ids.add(t.trackId());
            t.graph().instruments().forEach(n -> ids.add(n.nodeId()));
            t.graph().effects().forEach(n -> ids.add(n.nodeId()));
            for (Lane l : t.lanes()) {
                ids.add(l.laneId());
                l.clips().forEach(c -> ids.add(c.clipId()));
            }
        }
        return ids;
    }

    private SavedProgram save(InstrumentRequest.SaveProgram p) {
        Program prog = w().program(p.programId()).program();
        Path to = Path.of(p.path()).toAbsolutePath();
        try {
            SfzExporter.write(prog, to);
        } catch (IOException | RuntimeException e) {
            throw RpcError.rejected(to + ": cannot write: " + e.getMessage());
        }
        return new SavedProgram(to.toString(), Wire.regionCount(prog));
    }

    private RegionInfo add(SamplerRequest.AddSampleRegion p) {
        Workspace.Located at = w().program(p.programId());
        Program prog = at.program();
        String groupId = p.groupId();
        if (groupId != null && prog.groups().stream().noneMatch(g -> g.groupId().equals(p.groupId())))
            throw RpcError.notFound("program '" + p.programId() + "' has no group '" + groupId + "'");
        Set<String> regionIds = new HashSet<>();
        for (SampleGroup g : prog.groups()) for (SampleRegion r : g.regions()) regionIds.add(r.regionId());
        SampleRegion.Builder b = SampleRegion.builder(Ids.fresh("r", regionIds::contains));
        b.samples.add(new SampleRef(p.sample()));
        SampleRegion region = Wire.apply(b.build(), p.fields() == null ? RegionFields.NONE : p.fields());
        if (groupId == null && !prog.groups().isEmpty()) groupId = prog.groups().getFirst().groupId();
        if (groupId == null) {
            // A program without groups gets its first one with the region, as one step.
            groupId = "g1";
            w().apply(new Batch("add region", List.of(new SamplerCommand.AddGroup(at.nodeId(), 0, new SampleGroup(groupId, "Group 1", List.of())),
                    new SamplerCommand.AddRegion(at.nodeId(), groupId, -1, region))));
        } else {
            w().apply(new SamplerCommand.AddRegion(at.nodeId(), groupId, -1, region));
        }
        return Wire.region(groupId, region);
    }

    /** Dropped library samples: mapped, then added as new groups (fresh ids) in one step. */
    private SamplerRequest.AddedSamples addSamples(SamplerRequest.AddSamples p) {
        Workspace.Located at = w().program(p.programId());
        AutoMapper.Result mapped = library.map(at.program().name(), p.mediaIds());
        Set<String> groupIds = new HashSet<>(), regionIds = new HashSet<>();
        for (SampleGroup g : at.program().groups()) {
            groupIds.add(g.groupId());
            for (SampleRegion r : g.regions()) regionIds.add(r.regionId());
        }
        List<Command> adds = new ArrayList<>();
        List<RegionInfo> made = new ArrayList<>();
        int index = at.program().groups().size();
        for (SampleGroup g : mapped.program().groups()) {
            String groupId = Ids.fresh("g", groupIds::contains);
            groupIds.add(groupId);
            List<SampleRegion> regions = new ArrayList<>();
            for (SampleRegion r : g.regions()) {
                SampleRegion.Builder b = r.toBuilder();
                b.regionId = Ids.fresh("r", regionIds::contains);
                regionIds.add(b.regionId);
                SampleRegion region = b.build();
                regions.add(region);
                made.add(Wire.region(groupId, region));
            }
            adds.add(new SamplerCommand.AddGroup(at.nodeId(), index++, new SampleGroup(groupId, g.name(), regions)));
        }
        if (!adds.isEmpty()) w().apply(new Batch("add " + made.size() + " samples", adds));
        return new SamplerRequest.AddedSamples(made, mapped.skipped().stream().map(f -> f.path().toString()).toList());
    }

    /** The given pad fields as pad commands, applied as one step. */
    private PadInfo updatePad(SamplerRequest.UpdatePad p) {
        Workspace.Located at = w().program(p.programId());
        if (!at.program().isDrumKit() || at.program().drumKit().pad(p.note()).isEmpty())
            throw RpcError.notFound("program '" + p.programId() + "' has no drum pad on note " + p.note());
        String node = at.nodeId();
        List<Command> edits = new ArrayList<>();
        if (p.name() != null) edits.add(new PadCommand.RenamePad(node, p.note(), p.name()));
        if (p.icon() != null) edits.add(new PadCommand.SetPadIcon(node, p.note(), p.icon().isEmpty() ? null : p.icon()));
        if (p.colour() != null) edits.add(new PadCommand.RecolourPad(node, p.note(), p.colour().isEmpty() ? null : p.colour()));
        if (p.chokeGroup() != null) edits.add(new PadCommand.SetPadChoke(node, p.note(), p.chokeGroup()));
        if (p.output() != null) edits.add(new PadCommand.SetPadOutput(node, p.note(), p.output()));
        if (edits.isEmpty()) throw RpcError.invalid("params: give at least one of name, icon, colour, chokeGroup or output");
        w().apply(new Batch("edit pad", edits));
        return Wire.pad(w().program(p.programId()).program().drumKit().pad(p.note()).orElseThrow());
    }

    private RegionInfo update(SamplerRequest.UpdateRegion p) {
        Workspace.Located at = w().program(p.programId());
        RegionInfo old = requireRegion(at, p.regionId());
        SampleRegion current = null;
        for (SampleGroup g : at.program().groups()) for (SampleRegion r : g.regions()) if (r.regionId().equals(p.regionId())) current = r;
        SampleRegion next = Wire.apply(current, p.changes());
        w().apply(new SamplerCommand.UpdateRegion(at.nodeId(), next));
        return Wire.region(old.groupId(), next);
    }

    private static RegionInfo requireRegion(Workspace.Located at, String regionId) {
        for (SampleGroup g : at.program().groups())
            for (SampleRegion r : g.regions()) if (r.regionId().equals(regionId)) return Wire.region(g.groupId(), r);
        throw RpcError.notFound("program '" + at.program().programId() + "' has no region '" + regionId + "'");
    }

    private static RegionInfo region(Program prog, String groupId, String regionId) {
        return requireRegion(new Workspace.Located(null, prog), regionId);
    }
}
