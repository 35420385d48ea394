package dev.loophole.formats.sf2;

import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
 * confined to one sample or zone skip it (or clamp a value) with a warning. {@link #open} reads the structure
 * alone and builds presets on demand ({@link Sf2Catalog}); {@link #load} builds them all.
 */
public final class Sf2Importer {
    private Sf2Importer() {}

    public static Sf2Bank load(Path file) throws IOException {
        return load(file, Sf2Options.DEFAULT);
    }

    /** The whole bank: every preset built (see {@link Sf2Catalog#loadAll}). */
    public static Sf2Bank load(Path file, Sf2Options options) throws IOException {
        return open(file, options).loadAll();
    }

    /** Loads from an open channel (tests use in-memory banks); {@code name} is used in messages and sample references. */
    static Sf2Bank load(Path name, java.nio.channels.SeekableByteChannel channel, Sf2Options options) throws IOException {
        Path abs = name.toAbsolutePath().normalize();
        return new Sf2Catalog(Sf2File.read(abs, channel), abs, options).loadAll();
    }

    /**
     * The bank's headers and tables, read and checked (a damaged structure throws {@link Sf2Exception} here), with no
     * preset built: {@link Sf2Catalog#preset} builds the ones a caller needs.
     */
    public static Sf2Catalog open(Path file) throws IOException {
        return open(file, Sf2Options.DEFAULT);
    }

    public static Sf2Catalog open(Path file, Sf2Options options) throws IOException {
        Path abs = file.toAbsolutePath().normalize();
        return new Sf2Catalog(Sf2SampleReader.parse(abs).file(), abs, options); // (the sample reads that follow reuse its headers)
    }

    /** A bank's presets in file order, from its headers alone: no region is built (what a preset browser lists). */
    public static List<Sf2PresetHeader> presets(Path file) throws IOException {
        return open(file).headers();
    }

    /**
     * One preset of a bank, built alone (the other presets' regions are never made), as {@link #load} would build it;
     * empty when the bank has no such bank/program.
     */
    public static java.util.Optional<Sf2Preset> loadPreset(Path file, int bank, int program) throws IOException {
        Sf2Catalog c = open(file);
        java.util.Optional<Sf2PresetHeader> h = c.find(bank, program);
        return h.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(c.preset(h.get().index()));
    }
}
