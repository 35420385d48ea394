package dev.loophole.cli;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.media.AudioFiles;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRef;
import dev.loophole.signal.sampler.SampleData;
import dev.loophole.signal.sampler.SampleProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens instrument files by kind and gives the engine its samples from disk. */
final class InstrumentLoader {
    private InstrumentLoader() {}

    static Program load(Path file) throws IOException {
        if (Files.isDirectory(file)) throw new Errors.UserError(file + ": is a folder, expected an instrument file (.sfz)");
        if (!Files.exists(file)) throw new Errors.UserError(file + ": no such file");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".sfz")) return SfzImporter.load(file);
        throw new Errors.UserError(file + ": unknown instrument kind, expected an .sfz file");
    }

    /** Loads samples from the files the importer resolved. */
    static SampleProvider samplesFromDisk() {
        return (SampleRef ref) -> {
            if (ref.isBuiltin()) throw new IOException(ref.path() + ": built-in waveforms are not played yet");
            Path p = Path.of(ref.path());
            return new SampleData(p.toString(), AudioFiles.read(p));
        };
    }
}
