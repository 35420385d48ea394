package dev.loophole.pulse.command;

import dev.loophole.model.DrumKit;
import dev.loophole.model.DrumKits;
import dev.loophole.model.Envelope;
import dev.loophole.model.Pad;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.project.Project;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Edits of a Sampler's drum pads (DrumKit mode). Each undoes exactly: the inverse puts back the pad and the very
 * regions it touched ({@link RestorePad}), so a choke group written over an SFZ kit's asymmetric {@code off_by} comes
 * back as the file had it.
 */
public sealed interface PadCommand extends Command {
    /** Switches the program into DrumKit mode with these pads, or out of it ({@code kit} null). */
    record SetDrumKit(String nodeId, DrumKit kit) implements PadCommand {
        public Applied apply(Project p) {
            Program prog = SamplerCommand.program(p, nodeId);
            return SamplerCommand.edit(p, nodeId, x -> checked(() -> {
                if (kit != null) DrumKits.check(x, kit);
                return x.withDrumKit(kit);
            }), new SetDrumKit(nodeId, prog.drumKit()));
        }

        public String label() { return kit == null ? "leave drum kit mode" : "set drum kit"; }
    }

    record RenamePad(String nodeId, int note, String name) implements PadCommand {
        public Applied apply(Project p) { return change(p, nodeId, note, pad -> pad.withName(name)); }

        public String label() { return "rename pad"; }
    }

    /** {@code colour} {@code #rrggbb}, or null for none. */
    record RecolourPad(String nodeId, int note, String colour) implements PadCommand {
        public Applied apply(Project p) { return change(p, nodeId, note, pad -> pad.withColour(colour)); }

        public String label() { return "recolour pad"; }
    }

    /** {@code icon} one of {@link dev.loophole.model.PadKinds#ICONS}, or null for none. */
    record SetPadIcon(String nodeId, int note, String icon) implements PadCommand {
        public Applied apply(Project p) { return change(p, nodeId, note, pad -> pad.withIcon(icon)); }

        public String label() { return "set pad icon"; }
    }

    /** Puts the pad in choke group {@code group} (0: none): its regions' {@code group} and {@code off_by} become it. */
    record SetPadChoke(String nodeId, int note, long group) implements PadCommand {
        public Applied apply(Project p) { return change(p, nodeId, note, pad -> pad.withChokeGroup(group)); }

        public String label() { return "set pad choke group"; }
    }

    /** Sends the pad to instrument output {@code output}; a multi-mic pad's mics move with it. */
    record SetPadOutput(String nodeId, int note, int output) implements PadCommand {
        public Applied apply(Project p) { return change(p, nodeId, note, pad -> pad.withOutput(output)); }

        public String label() { return "set pad output"; }
    }

    /** Gives every region of the pad this amp envelope. */
    record SetPadEnvelope(String nodeId, int note, Envelope amp) implements PadCommand {
        public Applied apply(Project p) {
            Program prog = SamplerCommand.program(p, nodeId);
            Pad pad = requirePad(prog, note);
            return SamplerCommand.edit(p, nodeId, x -> checked(() -> DrumKits.withEnvelope(x, note, amp)), restore(nodeId, prog, pad));
        }

        public String label() { return "set pad envelope"; }
    }

    /** Puts back a pad and its regions (by id) exactly as they were: the inverse of every pad edit. */
    record RestorePad(String nodeId, Pad pad, List<SampleRegion> regions) implements PadCommand {
        public RestorePad {
            regions = List.copyOf(regions);
        }

        public Applied apply(Project p) {
            Program prog = SamplerCommand.program(p, nodeId);
            Pad now = requirePad(prog, pad.note());
            Map<String, SampleRegion> back = regions.stream().collect(Collectors.toMap(SampleRegion::regionId, Function.identity()));
            for (String id : back.keySet())
                if (prog.regions().stream().noneMatch(r -> r.regionId().equals(id)))
                    throw new CommandException("program '" + prog.programId() + "' has no region '" + id + "' to restore");
            return SamplerCommand.edit(p, nodeId, x -> checked(() -> x.mapRegions(r -> back.getOrDefault(r.regionId(), r))
                    .withDrumKit(x.drumKit().with(pad))), restore(nodeId, prog, now));
        }

        public String label() { return "restore pad"; }
    }

    /** The command that puts the pad at {@code pad.note()} and its regions back as they are in {@code prog}. */
    private static RestorePad restore(String nodeId, Program prog, Pad pad) {
        return new RestorePad(nodeId, pad, DrumKits.regions(prog, pad.note()));
    }

    private static Applied change(Project p, String nodeId, int note, java.util.function.UnaryOperator<Pad> edit) {
        Program prog = SamplerCommand.program(p, nodeId);
        Pad old = requirePad(prog, note);
        Pad next = checked(() -> edit.apply(old));
        return SamplerCommand.edit(p, nodeId, x -> checked(() -> DrumKits.withPad(x, next)), restore(nodeId, prog, old));
    }

    private static Pad requirePad(Program prog, int note) {
        if (prog.drumKit() == null) throw new CommandException("program '" + prog.programId() + "' is not in DrumKit mode");
        return prog.drumKit().pad(note).orElseThrow(() -> new CommandException("program '" + prog.programId() + "' has no pad on note " + note));
    }

    /** Model validation failures are the command's refusal: nothing is applied. */
    private static <T> T checked(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
    }
}
