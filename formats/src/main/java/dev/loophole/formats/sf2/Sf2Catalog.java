package dev.loophole.formats.sf2;

import dev.loophole.media.AudioProblem;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.DrumKits;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A bank opened for its headers (its hydra tables parsed and checked, nothing of a preset built): each preset's
 * regions are made when {@link #preset} asks for it. A render compiles a dozen of FluidR3's 189 presets; building all
 * 17,326 regions to use a few hundred was most of the importer's time and the load's heap peak.
 *
 * <p>A preset built here equals the one {@link #loadAll} (and so {@link Sf2Importer#load}) builds, whatever else was
 * built before it: the only state its presets share is the warnings given once per bank, so a preset's diagnostics
 * hold a bank-wide warning only if it is the first built that needs it. Structural damage is found by
 * {@link Sf2Importer#open}; a zone the model refuses fails the preset's build with one {@link Sf2Exception}.
 * Building is synchronized: threads may share a catalog.
 */
public final class Sf2Catalog {
    private final Sf2File f;
    private final Path file;
    private final Sf2Options options;
    private final ZoneResolver resolver;
    private final RegionMapper mapper;
    private final List<Sf2PresetHeader> headers;
    private final List<String> programIds;

    Sf2Catalog(Sf2File f, Path file, Sf2Options options) {
        this.f = f;
        this.file = file;
        this.options = options;
        this.resolver = new ZoneResolver(f);
        this.mapper = new RegionMapper(f, file, options);
        List<Sf2PresetHeader> h = new ArrayList<>(f.presets.length);
        for (int p = 0; p < f.presets.length; p++) h.add(new Sf2PresetHeader(f.presets[p].bank(), f.presets[p].program(), f.presets[p].name(), p));
        this.headers = List.copyOf(h);
        this.programIds = programIds(f);
    }

    /** The bank, absolute. */
    public Path file() { return file; }

    public Sf2Info info() { return f.info; }

    /** Every preset in {@code phdr} order, without regions. */
    public List<Sf2PresetHeader> headers() { return headers; }

    /** The preset a bank select + program change would choose (the first one stated, if a bank repeats it). */
    public Optional<Sf2PresetHeader> find(int bank, int program) {
        return headers.stream().filter(p -> p.bank() == bank && p.preset() == program).findFirst();
    }

    public List<Sf2Sample> samples() { return List.of(f.samples); }

    public Sf2Bank.DataLocation data() { return new Sf2Bank.DataLocation(f.smplOffset, f.smplFrames, f.sm24Offset); }

    /** Warnings so far: the file's own, and those of every preset built. */
    public synchronized List<Diagnostic> diagnostics() { return List.copyOf(f.diagnostics); }

    /** Samples whose headers reach past the sample data (see {@link Sf2Bank#damage}). */
    public List<AudioProblem> damage() { return List.copyOf(f.damage); }

    /** Preset {@code index} of {@code phdr} as a program: one group per instrument it uses, one region per overlapping zone pair. */
    public synchronized Sf2Preset preset(int index) throws Sf2Exception {
        if (index < 0 || index >= f.presets.length)
            throw new IllegalArgumentException("preset index " + index + " outside 0.." + (f.presets.length - 1));
        if (resolver.upperBound(index) > options.maxRegions())
            throw new Sf2Exception(file, "pdta/phdr[" + index + "]", "at most " + options.maxRegions() + " regions in one preset");
        return build(index);
    }

    /** Every preset, built in order: the whole bank, refused up front when it would exceed {@link Sf2Options#maxRegions()}. */
    public synchronized Sf2Bank loadAll() throws Sf2Exception {
        long total = 0;
        for (int p = 0; p < f.presets.length; p++) {
            total += resolver.upperBound(p);
            if (total > options.maxRegions())
                throw new Sf2Exception(file, "pdta/phdr[" + p + "]", "at most " + options.maxRegions()
                        + " regions in the bank (preset zones × instrument zones); this bank would produce more");
        }
        List<Sf2Preset> presets = new ArrayList<>(f.presets.length);
        for (int p = 0; p < f.presets.length; p++) presets.add(build(p));
        return new Sf2Bank(file, f.info, presets, List.of(f.samples), data(), f.diagnostics, f.damage);
    }

    private Sf2Preset build(int p) throws Sf2Exception {
        Sf2File.PresetHeader ph = f.presets[p];
        String programId = programIds.get(p);
        int before = f.diagnostics.size();
        String where = "preset " + p + " '" + ph.name() + "'";
        Map<Integer, List<SampleRegion>> byInstrument = new LinkedHashMap<>();
        // Curve indices are given out per preset, so a preset's program is the same however many were built before it.
        ModulatorMapper.Shapes shapes = new ModulatorMapper.Shapes();
        for (ZoneResolver.Resolved r : resolver.resolve(p)) {
            String id = "p" + r.presetBag() + "-i" + r.instrumentBag();
            String zone = where + ", pdta/pbag[" + r.presetBag() + "] × pdta/ibag[" + r.instrumentBag() + "]";
            SampleRegion region;
            try {
                region = mapper.map(r, id, zone, shapes);
            } catch (IllegalArgumentException e) { // the mapper clamps to the spec's ranges; this is a last guard
                throw new Sf2Exception(file, zone, "values the model accepts: " + e.getMessage(), e);
            }
            byInstrument.computeIfAbsent(r.instrument(), k -> new ArrayList<>()).add(region);
        }
        List<SampleGroup> groups = new ArrayList<>();
        byInstrument.forEach((inst, regions) -> groups.add(new SampleGroup("i" + inst, f.instruments[inst].name(), regions)));
        List<Diagnostic> mine = List.copyOf(f.diagnostics.subList(before, f.diagnostics.size()));
        String name = ph.name().isBlank() ? programId : ph.name();
        Set<Integer> curves = new HashSet<>();
        groups.forEach(g -> g.regions().forEach(reg -> reg.modulation().forEach(m -> curves.add(m.curve()))));
        Program program = new Program(programId, name, groups, ProgramSettings.DEFAULT, Map.of(), Map.of(), mine,
                Modulators.curvesFor(curves, shapes), List.of());
        if (ph.bank() == Sf2Preset.PERCUSSION_BANK) program = DrumKits.percussion(program);
        return new Sf2Preset(ph.bank(), ph.program(), ph.name(), p, program);
    }

    /** Each preset's program id, {@code b<bank>-p<program>}; a bank/program stated twice gets its index appended. */
    private static List<String> programIds(Sf2File f) {
        Set<String> seen = new HashSet<>();
        List<String> ids = new ArrayList<>(f.presets.length);
        for (int p = 0; p < f.presets.length; p++) {
            String id = "b" + f.presets[p].bank() + "-p" + f.presets[p].program();
            ids.add(seen.add(id) ? id : id + "-" + p);
        }
        return List.copyOf(ids);
    }
}
