package dev.loophole.cli;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Files;
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
        if (Files.isDirectory(file)) throw new Errors.UserError(file + ": is a folder, expected an instrument file (.sfz)");
        if (!Files.exists(file)) throw new Errors.UserError(file + ": no such file");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sfz")) return SfzImporter.load(file);
        throw new Errors.UserError(file + ": unknown instrument kind, expected an .sfz or .sf2 file");
    }

    /** Samples whole in memory, for callers that do not stream (live play without a streamer). */
    static dev.loophole.signal.sampler.SampleProvider samplesFromDisk() {
        return new dev.loophole.signal.store.SampleStore(Long.MAX_VALUE, false);
    }
}
