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
 * {@code $KICK} followed by {@code KEY}.
 *
 * <p>An {@code #include} path is looked up in the top-level file's folder first, as ARIA and sfizz do
 * and libraries laid out as {@code Programs/kit.sfz} + {@code Programs/modules/…} expect; when nothing
 * is there, in the including file's own folder. A file that is already being included (a cycle) is
 * skipped with a warning naming the cycle. What preprocessing may produce is capped ({@link Limits}),
 * so a few hostile lines cannot exhaust memory or run for hours.
 */
final class Preprocessor {
    static final int MAX_INCLUDE_DEPTH = 16;

    /**
     * How much preprocessing may produce. The defaults are far above any real library (the largest
     * public ones expand to a few MB of opcodes from a few hundred includes).
     *
     * @param maxValueChars    characters one opcode value or #define may expand to
     * @param maxExpandedChars characters of opcode names and values all expansion together may produce
     * @param maxIncludedBytes bytes all #include'd files together may contribute (a file included twice counts twice)
     * @param maxIncludes      #include lines that may be followed
     */
    record Limits(int maxValueChars, long maxExpandedChars, long maxIncludedBytes, int maxIncludes) {
        static final Limits DEFAULT = new Limits(1 << 20, 64L << 20, 256L << 20, 20_000);
    }

    private final Diagnostics diagnostics;
    private final PathResolver paths;
    private final Limits limits;
    private final Map<String, String> defines = new HashMap<>();
    private final Deque<Path> includeStack = new ArrayDeque<>();
    private final Map<Path, Source> read = new HashMap<>();
    private final List<Token> out = new ArrayList<>();
    private Path topDir;
    private long expandedChars, includedBytes;
    private int includes;

    Preprocessor(Diagnostics diagnostics, PathResolver paths) {
        this(diagnostics, paths, Limits.DEFAULT);
    }

    Preprocessor(Diagnostics diagnostics, PathResolver paths, Limits limits) {
        this.diagnostics = diagnostics;
        this.paths = paths;
        this.limits = limits;
    }

    /** The text of a file and the charset it was decoded with. */
    record Source(String text, Charset charset) {}

    /** Expands {@code source}, which is the content of {@code file}. */
    List<Token> run(Path file, Source source) throws SfzException {
        Path top = file.toAbsolutePath().normalize();
        topDir = top.getParent();
        includeStack.push(top);
        expand(file, source);
        includeStack.pop();
        return out;
    }

    private void expand(Path file, Source source) throws SfzException {
        for (Token t : Lexer.tokens(file.toString(), source.text(), source.charset())) {
            switch (t) {
                case Token.Define d -> defines.put(d.name(), substitute(d.value(), d.at()));
                case Token.Include i -> include(file, i);
                case Token.Opcode o -> {
                    Token.Opcode expanded = o.withText(substitute(o.name(), o.at()), substitute(o.value(), o.valueAt()));
                    expandedChars += expanded.name().length() + expanded.value().length();
                    if (expandedChars > limits.maxExpandedChars())
                        throw new SfzException(o.at(), "expected the preprocessed instrument to stay within "
                                + limits.maxExpandedChars() + " characters of opcodes, but #define and #include expansion grows past that here");
                    out.add(expanded);
                }
                case Token.Header h -> out.add(h);
                case Token.SampleData s -> out.add(s);
            }
        }
    }

    private void include(Path from, Token.Include inc) throws SfzException {
        String written = substitute(inc.path(), inc.at());
        Path real = locate(from, inc, written);
        if (includeStack.contains(real)) {
            StringBuilder chain = new StringBuilder();
            includeStack.reversed().forEach(p -> chain.append(p.getFileName()).append(" -> "));
            diagnostics.warn(inc.at(), "#include cycle " + chain + real.getFileName() + "; the repeated #include is skipped");
            return;
        }
        if (includeStack.size() >= MAX_INCLUDE_DEPTH)
            throw new SfzException(inc.at(), "expected #include nesting of at most " + MAX_INCLUDE_DEPTH + " files");
        if (++includes > limits.maxIncludes())
            throw new SfzException(inc.at(), "expected at most " + limits.maxIncludes() + " #include lines to follow in one instrument, but this one goes past that");
        Source source = read.get(real);
        if (source == null) read.put(real, source = read(real, inc.at()));
        includedBytes += source.text().length();
        if (includedBytes > limits.maxIncludedBytes())
            throw new SfzException(inc.at(), "expected #include'd files to add up to at most " + limits.maxIncludedBytes()
                    + " bytes, but including " + real + " here goes past that");
        includeStack.push(real);
        expand(real, source);
        includeStack.pop();
    }

    /** The top-level file's folder first, then the including file's folder; the error names both. */
    private Path locate(Path from, Token.Include inc, String written) throws SfzException {
        Path ownDir = from.toAbsolutePath().normalize().getParent();
        PathResolver.Resolved top = paths.resolve(topDir, "", written);
        if (top.exists()) return top.path();
        if (ownDir.equals(topDir))
            throw new SfzException(inc.at(), "expected an existing file to #include, but \"" + Lexer.quote(written) + "\" is not at " + top.path());
        PathResolver.Resolved own = paths.resolve(ownDir, "", written);
        if (own.exists()) return own.path();
        throw new SfzException(inc.at(), "expected an existing file to #include, but \"" + Lexer.quote(written) + "\" is neither at "
                + top.path() + " (the top-level file's folder) nor at " + own.path() + " (the including file's folder)");
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
    private String substitute(String s, SourceLocation at) throws SfzException {
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
                if (end > i + 1) diagnostics.warn(at, Lexer.quote(s.substring(i, end)) + " is not defined (#define it before use); kept as written");
                b.append(s, i, end);
                i = end;
            } else {
                String value = defines.get(best);
                if ((long) b.length() + value.length() > limits.maxValueChars())
                    throw new SfzException(at, "expected $-substitution to give at most " + limits.maxValueChars()
                            + " characters, but " + best + " here expands past that (nested #define?)");
                b.append(value);
                i += best.length();
            }
        }
        return b.toString();
    }
}
