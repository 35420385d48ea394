package dev.loophole.cli;

import dev.loophole.formats.decent.DecentSamplerImporter;
import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.formats.xml.XmlInstruments;
import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Opens instrument files by kind and gives the engine its samples from disk. */
final class InstrumentLoader {
    private InstrumentLoader() {}

    /** A file type that loads as one Program. SoundFonts hold many presets and are opened as banks instead. */
    private record Kind(String suffix, Opener opener) {}

    @FunctionalInterface
    private interface Opener { Program open(Path file) throws IOException; }

    private static final List<Kind> KINDS = List.of(
            new Kind(".sfz", SfzImporter::load),
            new Kind(".xml", XmlInstruments::load), // Hydrogen and DrumGizmo drumkit.xml, told apart by their root element
            new Kind(".dspreset", DecentSamplerImporter::load));

    static boolean isSoundFont(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".sf2") || n.endsWith(".sf3");
    }

    static Program load(Path file) throws IOException {
        InputFiles.require(file, "an instrument file (" + kinds() + ", .sf2)");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Kind k : KINDS) if (name.endsWith(k.suffix())) return k.opener().open(file);
        throw new Errors.UserError(file + ": unknown instrument kind, expected " + kinds() + " or an .sf2 file");
    }

    private static String kinds() { return String.join(", ", KINDS.stream().map(Kind::suffix).toList()); }

    /** Why an instrument plays nothing: it defines no region, or none of its regions could load (its warnings say why). */
    static String noRegion(Path file, int defined) {
        return defined == 0 ? file + " has no region"
                : file + ": none of its " + defined + (defined == 1 ? " region" : " regions") + " can play (see the warnings above)";
    }

    /** Samples whole in memory, for callers that do not stream (live play without a streamer). */
    static dev.loophole.signal.sampler.SampleProvider samplesFromDisk() {
        return new dev.loophole.signal.store.SampleStore(Long.MAX_VALUE, false);
    }
}
