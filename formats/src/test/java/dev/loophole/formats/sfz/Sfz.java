package dev.loophole.formats.sfz;

import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.nio.file.Path;
import java.util.List;

/** Test helpers: parse text as a file in a folder, and read results briefly. */
final class Sfz {
    private Sfz() {}

    static Program parse(Path dir, String text) {
        try {
            return SfzImporter.parse(text, dir.resolve("test.sfz"));
        } catch (SfzException e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }

    static SampleRegion only(Program p) {
        List<SampleRegion> r = p.regions();
        if (r.size() != 1) throw new AssertionError("expected one region, got " + r.size());
        return r.getFirst();
    }

    /** Writes {@code text} to {@code dir/name}, creating folders on the way. */
    static Path write(Path dir, String name, String text) throws java.io.IOException {
        Path p = dir.resolve(name);
        java.nio.file.Files.createDirectories(p.getParent());
        java.nio.file.Files.writeString(p, text);
        return p;
    }

    static List<String> warnings(Program p) {
        return p.diagnostics().stream().map(Diagnostic::toString).toList();
    }
}
