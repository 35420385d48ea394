package dev.loophole.formats.sfz;

import dev.loophole.model.Program;
import dev.loophole.model.SourceLocation;
import java.nio.file.Path;

/**
 * Loads SFZ instruments into the model.
 *
 * <p>Every opcode is either applied, or kept verbatim on its region ({@code otherOpcodes}) with a
 * warning; nothing is dropped silently. Warnings carry file:line:column and end up in
 * {@link Program#diagnostics()}. A file that cannot be read as SFZ at all (a malformed line, an
 * unknown header, an unterminated comment, a missing or looping {@code #include}) throws
 * {@link SfzException} whose message is {@code file:line:column: expected …}.
 */
public final class SfzImporter {
    private SfzImporter() {}

    /** Reads {@code file}; sample paths are resolved against its folder. */
    public static Program load(Path file) throws SfzException {
        return parse(Preprocessor.read(file, new SourceLocation(file.toString(), 0, 0)), file);
    }

    /**
     * Reads SFZ {@code text} as if it were the content of {@code virtualFile}: messages name that
     * file, and sample paths and includes resolve against its folder (which must exist only if they are used).
     */
    public static Program parse(String text, Path virtualFile) throws SfzException {
        Diagnostics diagnostics = new Diagnostics();
        PathResolver paths = new PathResolver();
        ProgramAssembler assembler = new ProgramAssembler(virtualFile, diagnostics, paths);
        for (Token t : new Preprocessor(diagnostics, paths).run(virtualFile, text)) assembler.accept(t);
        return assembler.finish();
    }
}
