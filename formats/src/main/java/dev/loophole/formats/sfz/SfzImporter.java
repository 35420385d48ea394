package dev.loophole.formats.sfz;

import dev.loophole.model.Program;
import dev.loophole.model.SourceLocation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads SFZ instruments into the model.
 *
 * <p>Every opcode is either applied, or kept verbatim on its region ({@code otherOpcodes}) with a
 * warning; nothing is dropped silently. Warnings carry file:line:column and end up in
 * {@link Program#diagnostics()}. A file that cannot be read as SFZ at all (a malformed line, an
 * unknown header, an unterminated comment, a missing {@code #include}, preprocessing that grows past
 * its limits) throws {@link SfzException} whose message is {@code file:line:column: expected …}; an
 * {@code #include} cycle is a warning and the repeated include is skipped, as other players do.
 * {@code #include} and sample paths resolve against the top-level file's folder first, then against
 * the folder of the file they are written in.
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
        return parse(new Preprocessor.Source(text, StandardCharsets.UTF_8), virtualFile);
    }

    private static Program parse(Preprocessor.Source source, Path file) throws SfzException {
        Diagnostics diagnostics = new Diagnostics();
        PathResolver paths = new PathResolver();
        List<Token> tokens = new Preprocessor(diagnostics, paths).run(file, source);
        Map<String, Path> embedded = EmbeddedSamples.extract(tokens, diagnostics);
        ProgramAssembler assembler = new ProgramAssembler(file, diagnostics, paths, embedded);
        for (Token t : tokens) assembler.accept(t);
        return assembler.finish();
    }
}
