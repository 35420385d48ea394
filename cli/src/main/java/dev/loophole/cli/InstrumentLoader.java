package dev.loophole.cli;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** Opens instrument files by kind and gives the engine its samples from disk. */
final class InstrumentLoader {
    private InstrumentLoader() {}

    static boolean isSoundFont(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".sf2") || n.endsWith(".sf3");
    }

    static Program load(Path file) throws IOException {
        InputFiles.require(file, "an instrument file (.sfz, .sf2)");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sfz")) return SfzImporter.load(file);
        throw new Errors.UserError(file + ": unknown instrument kind, expected an .sfz or .sf2 file");
    }

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
