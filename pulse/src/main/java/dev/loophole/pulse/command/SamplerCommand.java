package dev.loophole.pulse.command;

import static dev.loophole.pulse.command.Affected.Scope.NODE_STATE;

import dev.loophole.model.ExpressionMapping;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.SamplerOutputs;
import dev.loophole.model.project.Lists;
import dev.loophole.model.project.NodeState;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import java.util.ArrayList;
import java.util.List;

/** Edits of a Sampler node's program (the {@code sampler.*} IPC messages): whole program, groups, regions, samples, expression. */
public sealed interface SamplerCommand extends Command {
    /** Loads another program into the Sampler node; its parameters follow the program's labelled controls. */
    record ReplaceProgram(String nodeId, Program program) implements SamplerCommand {
        public Applied apply(Project p) {
            Track t = Find.trackOfNode(p, nodeId);
            InstrumentNode old = sampler(t, nodeId);
            return new Applied(Nodes.put(p, t, old.withState(new NodeState.SamplerState(program))), new NodeCommand.ReplaceInstrument(old),
                    Affected.node(NODE_STATE, t.trackId(), nodeId));
        }

        public String label() { return "load program"; }
    }

    record AddGroup(String nodeId, int index, SampleGroup group) implements SamplerCommand {
        public Applied apply(Project p) {
            return edit(p, nodeId, prog -> {
                if (groupIndex(prog, group.groupId()) >= 0) throw new CommandException("program already has group '" + group.groupId() + "'");
                return withGroups(prog, Lists.insert(prog.groups(), Find.index(index, prog.groups().size()), group));
            }, new RemoveGroup(nodeId, group.groupId()));
        }

        public String label() { return "add group"; }
    }

    record RemoveGroup(String nodeId, String groupId) implements SamplerCommand {
        public Applied apply(Project p) {
            Program prog = program(p, nodeId);
            int g = requireGroup(prog, groupId);
            return edit(p, nodeId, x -> withGroups(x, Lists.removeAt(x.groups(), g)), new AddGroup(nodeId, g, prog.groups().get(g)));
        }

        public String label() { return "remove group"; }
    }

    /** Adds a region to group {@code groupId} at {@code index} (-1: last). */
    record AddRegion(String nodeId, String groupId, int index, SampleRegion region) implements SamplerCommand {
        public Applied apply(Project p) {
            return edit(p, nodeId, prog -> {
                if (locate(prog, region.regionId()) != null) throw new CommandException("program already has region '" + region.regionId() + "'");
                int g = requireGroup(prog, groupId);
                SampleGroup old = prog.groups().get(g);
                var regions = Lists.insert(old.regions(), Find.index(index, old.regions().size()), region);
                return withGroup(prog, g, new SampleGroup(old.groupId(), old.name(), regions));
            }, new RemoveRegion(nodeId, region.regionId()));
        }

        public String label() { return "add region"; }
    }

    record RemoveRegion(String nodeId, String regionId) implements SamplerCommand {
        public Applied apply(Project p) {
            Program prog = program(p, nodeId);
            int[] at = requireRegion(prog, regionId);
            SampleGroup g = prog.groups().get(at[0]);
            SampleRegion old = g.regions().get(at[1]);
            return edit(p, nodeId, x -> withGroup(x, at[0], new SampleGroup(g.groupId(), g.name(), Lists.removeAt(g.regions(), at[1]))),
                    new AddRegion(nodeId, g.groupId(), at[1], old));
        }

        public String label() { return "remove region"; }
    }

    /** Puts {@code region} in place of the program's region with its id (zones, conditions, envelopes, filters, anything). */
    record UpdateRegion(String nodeId, SampleRegion region) implements SamplerCommand {
        public Applied apply(Project p) {
            Program prog = program(p, nodeId);
            int[] at = requireRegion(prog, region.regionId());
            SampleRegion old = prog.groups().get(at[0]).regions().get(at[1]);
            return edit(p, nodeId, x -> withRegion(x, at, region), new UpdateRegion(nodeId, old));
        }

        public String label() { return "edit region"; }
    }

    /** Makes {@code sample} the region's (first) sample; further samples (round robin, multi-mic) stay. */
    record AssignSample(String nodeId, String regionId, SampleRef sample) implements SamplerCommand {
        public Applied apply(Project p) {
            Program prog = program(p, nodeId);
            int[] at = requireRegion(prog, regionId);
            SampleRegion old = prog.groups().get(at[0]).regions().get(at[1]);
            List<SampleRef> samples = new ArrayList<>(old.samples());
            if (samples.isEmpty()) samples.add(sample); else samples.set(0, sample);
            SampleRegion.Builder b = old.toBuilder();
            b.samples = samples;
            SampleRegion next = b.build();
            return edit(p, nodeId, x -> withRegion(x, at, next), new UpdateRegion(nodeId, old));
        }

        public String label() { return "assign sample"; }
    }

    /** How per-note expression (MPE, poly aftertouch, MIDI 2.0) drives the program's voices. */
    record SetExpressionMapping(String nodeId, ExpressionMapping mapping) implements SamplerCommand {
        public Applied apply(Project p) {
            Program prog = program(p, nodeId);
            return edit(p, nodeId, x -> x.withExpression(mapping), new SetExpressionMapping(nodeId, prog.expression()));
        }

        public String label() { return "set expression mapping"; }
    }

    private static InstrumentNode sampler(Track t, String nodeId) {
        InstrumentNode n = Find.instrument(t, nodeId);
        if (n.program() == null) throw new CommandException("node '" + nodeId + "' is a " + n.kind() + ", not a sampler");
        return n;
    }

    static Program program(Project p, String nodeId) { return sampler(Find.trackOfNode(p, nodeId), nodeId).program(); }

    /**
     * Applies a program edit that leaves the labelled controls alone, so the node's parameters and values stay —
     * unless it moves a sample to another output or changes the mics: then the node gains a port for each new output
     * and its mic levels follow the program, and the way back is the node as it was.
     */
    static Applied edit(Project p, String nodeId, java.util.function.UnaryOperator<Program> change, Command inverse) {
        Track t = Find.trackOfNode(p, nodeId);
        InstrumentNode node = sampler(t, nodeId);
        Program next = change.apply(node.program());
        boolean reshaped = !SamplerOutputs.used(next).equals(SamplerOutputs.used(node.program()))
                || !SamplerOutputs.mics(next).equals(SamplerOutputs.mics(node.program()));
        InstrumentNode edited = reshaped ? node.withState(new NodeState.SamplerState(next))
                : new InstrumentNode(node.nodeId(), node.name(), node.kind(), node.input(), node.output(),
                        node.parameters(), node.values(), new NodeState.SamplerState(next), node.voices());
        // Reshaped, the exact way back is the node as it was (its ports and mic levels with it).
        return new Applied(Nodes.put(p, t, edited), reshaped ? new NodeCommand.ReplaceInstrument(node) : inverse,
                Affected.node(NODE_STATE, t.trackId(), nodeId));
    }

    static Program withGroups(Program p, List<SampleGroup> groups) {
        return p.withGroups(groups);
    }

    private static Program withGroup(Program p, int index, SampleGroup g) {
        List<SampleGroup> groups = new ArrayList<>(p.groups());
        groups.set(index, g);
        return withGroups(p, groups);
    }

    private static Program withRegion(Program p, int[] at, SampleRegion r) {
        SampleGroup g = p.groups().get(at[0]);
        List<SampleRegion> regions = new ArrayList<>(g.regions());
        regions.set(at[1], r);
        return withGroup(p, at[0], new SampleGroup(g.groupId(), g.name(), regions));
    }

    private static int groupIndex(Program p, String groupId) { return Lists.indexOf(p.groups(), SampleGroup::groupId, groupId); }

    private static int requireGroup(Program p, String groupId) {
        int g = groupIndex(p, groupId);
        if (g < 0) throw new CommandException("program '" + p.programId() + "' has no group '" + groupId + "'");
        return g;
    }

    /** {group index, region index} of the first region with this id, or null. */
    private static int[] locate(Program p, String regionId) {
        for (int g = 0; g < p.groups().size(); g++) {
            int r = Lists.indexOf(p.groups().get(g).regions(), SampleRegion::regionId, regionId);
            if (r >= 0) return new int[] {g, r};
        }
        return null;
    }

    private static int[] requireRegion(Program p, String regionId) {
        int[] at = locate(p, regionId);
        if (at == null) throw new CommandException("program '" + p.programId() + "' has no region '" + regionId + "'");
        return at;
    }
}
