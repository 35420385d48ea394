package dev.loophole.pulse.server;

import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.formats.sf2.Sf2PresetHeader;
import dev.loophole.formats.sf2.Sf2SampleRef;
import dev.loophole.ipc.PresetInfo;
import dev.loophole.ipc.RpcError;
import dev.loophole.media.FileStamp;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SoundFont banks over IPC: a bank holds many presets, a program plays one. The preset list is read from
 * the bank's headers alone (FluidR3 would build 17,000 regions for all of its presets); loading builds only
 * the preset asked for. Which preset a program plays is read from the program itself (its samples name the
 * bank, its name the preset), so it holds after undo, redo, save and reopen. A bank's preset list is kept while the
 * file is unchanged ({@link FileStamp}: size, modification time and file key, so a bank replaced by another of the same
 * size and time is read again).
 */
final class SoundFonts {
    private SoundFonts() {
    }

    /** A program's bank: which preset it plays and what the bank offers. */
    record Choice(Path bank, PresetInfo preset, List<PresetInfo> presets) {
    }

    private record Listed(FileStamp stamp, List<PresetInfo> presets) {
    }

    private static final Map<Path, Listed> LISTS = new ConcurrentHashMap<>();

    /** The bank's presets, sorted by bank then program (as a GM browser shows them). */
    static List<PresetInfo> presets(Path bank) {
        FileStamp stamp;
        try {
            stamp = FileStamp.of(bank);
        } catch (IOException e) {
            throw RpcError.rejected(bank + ": cannot read: " + e.getMessage());
        }
        Listed listed = LISTS.get(bank);
        if (listed != null && listed.stamp().equals(stamp)) return listed.presets();
        List<PresetInfo> l;
        try {
            l = Sf2Importer.presets(bank).stream().sorted(Comparator.comparingInt(Sf2PresetHeader::bank).thenComparingInt(Sf2PresetHeader::preset))
                    .map(h -> new PresetInfo(h.bank(), h.preset(), h.name())).toList();
        } catch (IOException e) {
            throw RpcError.rejected(e.getMessage());
        }
        if (l.isEmpty()) throw RpcError.rejected(bank + ": the bank has no presets");
        LISTS.put(bank, new Listed(stamp, l));
        return l;
    }

    /** Preset bank/program of the bank (null: its first), built alone, and the choice it makes. */
    static Loaded load(Path bank, Integer bankNumber, Integer program) {
        List<PresetInfo> all = presets(bank);
        if ((bankNumber == null) != (program == null))
            throw RpcError.invalid("params: give both bank and preset, or neither (the bank's first preset)");
        PresetInfo want = bankNumber == null ? all.getFirst() : all.stream().filter(p -> p.bank() == bankNumber && p.program() == program)
                .findFirst().orElseThrow(() -> RpcError.notFound(bank + " has no preset at bank " + bankNumber + ", program " + program
                        + " (it has " + all.size() + ": instrument.programList lists them)"));
        Sf2Preset preset;
        try {
            preset = Sf2Importer.loadPreset(bank, want.bank(), want.program()).orElseThrow();
        } catch (IOException e) {
            throw RpcError.rejected(e.getMessage());
        }
        // Named after its preset, which is how the program says later which one it plays.
        return new Loaded(preset.program().withName(want.name()), new Choice(bank, want, all));
    }

    record Loaded(Program program, Choice choice) {
    }

    /** The bank a program's samples come from, or a -32004 error when it is not from a SoundFont. */
    static Path bankOf(Program p) {
        Path bank = bankOrNull(p);
        if (bank == null) throw RpcError.rejected("program '" + p.programId() + "' is not from a SoundFont bank: it has no presets to choose from");
        return bank;
    }

    private static Path bankOrNull(Program p) {
        for (SampleRegion r : p.regions())
            if (r.sample() != null && Sf2SampleRef.isSf2(r.sample().path())) return Sf2SampleRef.parse(r.sample().path()).bank();
        return null;
    }

    /** What a program plays of its bank, or null for a program not from a SoundFont (or whose bank is gone). */
    static Choice choice(Program p) {
        Path bank = bankOrNull(p);
        if (bank == null || !java.nio.file.Files.isRegularFile(bank)) return null;
        try {
            List<PresetInfo> all = presets(bank);
            return new Choice(bank, all.stream().filter(x -> x.name().equals(p.name())).findFirst().orElse(null), all);
        } catch (RpcError.Failure e) {
            return null;
        }
    }
}
