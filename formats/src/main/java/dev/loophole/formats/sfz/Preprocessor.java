package dev.loophole.formats.sfz;

import dev.loophole.model.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code #include} and {@code #define}: the result is one flat list of headers and opcodes, in
 * the order a player reads them, each still pointing at its own file and line.
 *
 * <p>Defines are global and apply from where they are written on, across included files. A use
 * {@code $NAME} takes the longest defined name that fits, so {@code $KICKKEY} is not read as
 * {@code $KICK} followed by {@code KEY}. Includes resolve against the including file's folder.
 */
final class Preprocessor {
    static final int MAX_INCLUDE_DEPTH = 16;

    private final Diagnostics diagnostics;
    private final PathResolver paths;
    private final Map<String, String> defines = new HashMap<>();
    private final Deque<Path> includeStack = new ArrayDeque<>();
    private final List<Token> out = new ArrayList<>();

    Preprocessor(Diagnostics diagnostics, PathResolver paths) {
        this.diagnostics = diagnostics;
        this.paths = paths;
    }

    /** The text of a file and the charset it was decoded with. */
    record Source(String text, Charset charset) {}

    /** Expands {@code source}, which is the content of {@code file}. */
    List<Token> run(Path file, Source source) throws SfzException {
        includeStack.push(file.toAbsolutePath().normalize());
        expand(file, source);
        includeStack.pop();
        return out;
    }

    private void expand(Path file, Source source) throws SfzException {
        for (Token t : Lexer.tokens(file.toString(), source.text(), source.charset())) {
            switch (t) {
                case Token.Define d -> defines.put(d.name(), substitute(d.value(), d.at()));
                case Token.Include i -> include(file, i);
                case Token.Opcode o -> out.add(o.withText(substitute(o.name(), o.at()), substitute(o.value(), o.valueAt())));
                case Token.Header h -> out.add(h);
                case Token.SampleData s -> out.add(s);
            }
        }
    }

    private void include(Path from, Token.Include inc) throws SfzException {
        String written = substitute(inc.path(), inc.at());
        Path dir = from.toAbsolutePath().getParent();
        PathResolver.Resolved target = paths.resolve(dir, "", written);
        if (!target.exists())
            throw new SfzException(inc.at(), "expected an existing file to #include, but \"" + written + "\" is not at " + target.path());
        Path real = target.path();
        if (includeStack.contains(real)) {
            StringBuilder chain = new StringBuilder();
            includeStack.reversed().forEach(p -> chain.append(p.getFileName()).append(" -> "));
            throw new SfzException(inc.at(), "expected no #include cycle, but " + chain + real.getFileName() + " loops");
        }
        if (includeStack.size() >= MAX_INCLUDE_DEPTH)
            throw new SfzException(inc.at(), "expected #include nesting of at most " + MAX_INCLUDE_DEPTH + " files");
        includeStack.push(real);
        expand(real, read(real, inc.at()));
        includeStack.pop();
    }

    /**
     * Reads UTF-8, falling back to Latin-1: many older libraries were saved by Windows editors. The
     * binary data of {@code <sample>} sections is never valid text; it is kept byte for byte (as
     * Latin-1 characters) while the rest of such a file is still read as UTF-8 where it is valid.
     */
    static Source read(Path file, SourceLocation requestedAt) throws SfzException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new SfzException(requestedAt, "expected a readable file at " + file + " (" + e.getMessage() + ")");
        }
        String utf8 = strictUtf8(bytes, 0, bytes.length);
        if (utf8 != null) return new Source(utf8, StandardCharsets.UTF_8);
        String latin = new String(bytes, StandardCharsets.ISO_8859_1);
        StringBuilder text = new StringBuilder(latin.length());
        Matcher m = SAMPLE_DATA.matcher(latin);
        int done = 0;
        while (m.find()) {
            text.append(textOf(bytes, done, m.start(1))).append(m.group(1));
            done = m.end(1);
        }
        text.append(textOf(bytes, done, bytes.length));
        return new Source(text.toString(), StandardCharsets.ISO_8859_1);
    }

    /** {@code <sample>}, then anything up to {@code data=}, then the data up to its {@code $} end marker. */
    private static final Pattern SAMPLE_DATA = Pattern.compile("<sample>[^<]*?data=([^$]*\\$)");

    private static String textOf(byte[] bytes, int from, int to) {
        String s = strictUtf8(bytes, from, to);
        return s != null ? s : new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static String strictUtf8(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Replaces each {@code $NAME} by its definition, longest name first; unknown names stay and are reported. */
    private String substitute(String s, SourceLocation at) {
        if (s.indexOf('$') < 0) return s;
        StringBuilder b = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$') { b.append(c); i++; continue; }
            int end = i + 1;
            while (end < s.length() && Lexer.isVarChar(s.charAt(end))) end++;
            String best = null;
            for (int k = end; k > i + 1 && best == null; k--) if (defines.containsKey(s.substring(i, k))) best = s.substring(i, k);
            if (best == null) {
                if (end > i + 1) diagnostics.warn(at, s.substring(i, end) + " is not defined (#define it before use); kept as written");
                b.append(s, i, end);
                i = end;
            } else {
                b.append(defines.get(best));
                i += best.length();
            }
        }
        return b.toString();
    }
}
