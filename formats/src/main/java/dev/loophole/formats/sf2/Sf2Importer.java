package dev.loophole.formats.sf2;

import dev.loophole.model.Diagnostic;
import dev.loophole.model.DrumKits;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads SoundFont 2 banks (2.01 and 2.04 with 24-bit samples) into the model: one {@link Program} per preset,
 * one {@link SampleGroup} per instrument the preset uses, one {@link SampleRegion} per (preset zone ×
 * instrument zone) whose key and velocity ranges overlap.
 *
 * <p>Conversions (see {@link Sf2Units}): timecents → seconds 2^(tc/1200); absolute cents → Hz
 * 8.176 × 2^(c/1200); initialAttenuation → dB × {@link Sf2Options#attenuationScale()} (0.4 by default, as
 * EMU hardware and FluidSynth play banks); volume-envelope sustain exact (1 cB = 0.1 dB); pan ±500 → ±100;
 * sampleModes 0/2 → no_loop, 1 → loop_continuous, 3 → loop_sustain; exclusiveClass → choke group and off_by.
 * Sample data is not read: regions refer to {@code sf2:<bank>#<sample index>} (see {@link Sf2SampleRef}).
 *
 * <p>A bank whose structure is broken throws {@link Sf2Exception} naming the chunk and record; problems
 * confined to one sample or zone skip it (or clamp a value) with a warning.
 */
public final class Sf2Importer {
    private Sf2Importer() {}

    public static Sf2Bank load(Path file) throws IOException {
        return load(file, Sf2Options.DEFAULT);
    }

    public static Sf2Bank load(Path file, Sf2Options options) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        return build(Sf2File.read(abs), abs, options);
    }

    /** Loads from an open channel (tests use in-memory banks); {@code name} is used in messages and sample references. */
    static Sf2Bank load(Path name, java.nio.channels.SeekableByteChannel channel, Sf2Options options) throws IOException {
        Path abs = name.toAbsolutePath().normalize();
        return build(Sf2File.read(abs, channel), abs, options);
    }

    private static Sf2Bank build(Sf2File f, Path abs, Sf2Options options) throws IOException {
        ZoneResolver resolver = new ZoneResolver(f);
        long total = 0;
        for (int p = 0; p < f.presets.length; p++) {
            total += resolver.upperBound(p);
            if (total > options.maxRegions())
                throw new Sf2Exception(abs, "pdta/phdr[" + p + "]", "at most " + options.maxRegions()
                        + " regions in the bank (preset zones × instrument zones); this bank would produce more");
        }
        RegionMapper mapper = new RegionMapper(f, abs, options);
        List<Sf2Preset> presets = new ArrayList<>();
        List<String> ids = programIds(f);
        for (int p = 0; p < f.presets.length; p++) presets.add(preset(f, abs, resolver, mapper, p, ids.get(p)));
        return new Sf2Bank(abs, f.info, presets, List.of(f.samples),
                new Sf2Bank.DataLocation(f.smplOffset, f.smplFrames, f.sm24Offset), f.diagnostics, f.damage);
    }

    /** Preset {@code p} of the bank as a program: one group per instrument it uses, one region per overlapping zone pair. */
    private static Sf2Preset preset(Sf2File f, Path abs, ZoneResolver resolver, RegionMapper mapper, int p, String programId) throws IOException {
        Sf2File.PresetHeader ph = f.presets[p];
        int before = f.diagnostics.size();
        String where = "preset " + p + " '" + ph.name() + "'";
        Map<Integer, List<SampleRegion>> byInstrument = new LinkedHashMap<>();
        for (ZoneResolver.Resolved r : resolver.resolve(p)) {
            String id = "p" + r.presetBag() + "-i" + r.instrumentBag();
            String zone = where + ", pdta/pbag[" + r.presetBag() + "] × pdta/ibag[" + r.instrumentBag() + "]";
            SampleRegion region;
            try {
                region = mapper.map(r, id, zone);
            } catch (IllegalArgumentException e) { // the mapper clamps to the spec's ranges; this is a last guard
                throw new Sf2Exception(abs, zone, "values the model accepts: " + e.getMessage(), e);
            }
            byInstrument.computeIfAbsent(r.instrument(), k -> new ArrayList<>()).add(region);
        }
        List<SampleGroup> groups = new ArrayList<>();
        byInstrument.forEach((inst, regions) ->
                groups.add(new SampleGroup("i" + inst, f.instruments[inst].name(), regions)));
        List<Diagnostic> mine = List.copyOf(f.diagnostics.subList(before, f.diagnostics.size()));
        String name = ph.name().isBlank() ? programId : ph.name();
        java.util.Set<Integer> curves = new java.util.HashSet<>();
        groups.forEach(g -> g.regions().forEach(reg -> reg.modulation().forEach(m -> curves.add(m.curve()))));
        Program program = new Program(programId, name, groups, ProgramSettings.DEFAULT, Map.of(), Map.of(), mine,
                Modulators.curvesFor(curves, mapper.shapes), List.of());
        if (ph.bank() == Sf2Preset.PERCUSSION_BANK) program = DrumKits.percussion(program);
        return new Sf2Preset(ph.bank(), ph.program(), ph.name(), p, program);
    }

    /** Each preset's program id, {@code b<bank>-p<program>}; a bank/program stated twice gets its index appended. */
    private static List<String> programIds(Sf2File f) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        List<String> ids = new ArrayList<>(f.presets.length);
        for (int p = 0; p < f.presets.length; p++) {
            String id = "b" + f.presets[p].bank() + "-p" + f.presets[p].program();
            ids.add(seen.add(id) ? id : id + "-" + p);
        }
        return ids;
    }

    /** A bank's presets in file order, from its headers alone: no region is built (what a preset browser lists). */
    public static List<Sf2PresetHeader> presets(Path file) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        Sf2File f = Sf2File.read(abs);
        List<Sf2PresetHeader> out = new ArrayList<>(f.presets.length);
        for (int p = 0; p < f.presets.length; p++) out.add(new Sf2PresetHeader(f.presets[p].bank(), f.presets[p].program(), f.presets[p].name(), p));
        return out;
    }

    /**
     * One preset of a bank, built alone (the other presets' regions are never made), as {@link #load} would build it;
     * empty when the bank has no such bank/program.
     */
    public static java.util.Optional<Sf2Preset> loadPreset(Path file, int bank, int program) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        Sf2File f = Sf2File.read(abs);
        for (int p = 0; p < f.presets.length; p++) {
            if (f.presets[p].bank() != bank || f.presets[p].program() != program) continue;
            ZoneResolver resolver = new ZoneResolver(f);
            Sf2Options options = Sf2Options.DEFAULT;
            if (resolver.upperBound(p) > options.maxRegions())
                throw new Sf2Exception(abs, "pdta/phdr[" + p + "]", "at most " + options.maxRegions() + " regions in one preset");
            return java.util.Optional.of(preset(f, abs, resolver, new RegionMapper(f, abs, options), p, programIds(f).get(p)));
        }
        return java.util.Optional.empty();
    }
}
