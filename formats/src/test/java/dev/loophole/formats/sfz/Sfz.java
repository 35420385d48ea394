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

    static List<String> warnings(Program p) {
        return p.diagnostics().stream().map(Diagnostic::toString).toList();
    }
}
