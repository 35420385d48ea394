package dev.loophole.formats.sfz;

import dev.loophole.model.SourceLocation;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of one SFZ file into headers, {@code opcode=value} pairs and preprocessor lines.
 *
 * <p>SFZ has no quoting, so a value runs until the end of the line, a comment, a {@code <header>}, or
 * whitespace followed by the next {@code name=}: that is how sample paths keep their spaces and
 * values their {@code =} signs. Anything the grammar cannot place is an {@link SfzException}.
 */
final class Lexer {
    private final String file;
    private final String text;
    private final Charset charset;
    private final int[] lineStarts;
    private int pos;
    private Section section;

    Lexer(String file, String text, Charset charset) {
        this.file = file;
        this.text = text.startsWith("\uFEFF") ? " " + text.substring(1) : text; // BOM keeps columns
        this.charset = charset;
        this.lineStarts = lineStarts(this.text);
    }

    static List<Token> tokens(String file, String text) throws SfzException {
        return tokens(file, text, StandardCharsets.UTF_8);
    }

    /** {@code charset} is the one {@code text} was decoded with: embedded sample data is turned back into bytes with it. */
    static List<Token> tokens(String file, String text, Charset charset) throws SfzException {
        return new Lexer(file, text, charset).all();
    }

    private List<Token> all() throws SfzException {
        List<Token> out = new ArrayList<>();
        while (true) {
            skipBlanksAndComments();
            if (pos >= text.length()) return out;
            char c = text.charAt(pos);
            if (c == '<') out.add(header());
            else if (c == '#') out.add(directive());
            else if (isNameChar(c)) out.add(opcode());
            else if (c == '=') throw error(pos, "expected an opcode name before '='");
            else throw error(pos, "expected a <header>, an opcode=value, #define, #include or a comment, found '" + c + "'");
        }
    }

    private void skipBlanksAndComments() throws SfzException {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) pos++;
            else if (text.startsWith("//", pos)) skipLine();
            else if (text.startsWith("/*", pos)) skipBlockComment();
            else return;
        }
    }

    private void skipLine() {
        while (pos < text.length() && !isEol(text.charAt(pos))) pos++;
    }

    private void skipBlockComment() throws SfzException {
        int close = text.indexOf("*/", pos + 2);
        if (close < 0) throw error(pos, "expected '*/' to close the comment opened here");
        pos = close + 2;
    }

    private Token header() throws SfzException {
        int start = pos;
        int end = pos + 1;
        while (end < text.length() && text.charAt(end) != '>' && !isEol(text.charAt(end)) && text.charAt(end) != '<') end++;
        if (end >= text.length() || text.charAt(end) != '>')
            throw error(start, "expected '>' to close the header '" + quote(text.substring(start, end)) + "'");
        String name = text.substring(start + 1, end);
        Section section = Section.of(name);
        if (section == null) throw error(start, "expected a header (" + Section.list() + "), found <" + quote(name) + ">");
        pos = end + 1;
        this.section = section;
        return new Token.Header(section, at(start));
    }

    private Token directive() throws SfzException {
        int start = pos;
        int end = pos + 1;
        while (end < text.length() && Character.isLetter(text.charAt(end))) end++;
        String word = text.substring(start, end);
        pos = end;
        skipSpaces();
        return switch (word) {
            case "#define" -> define(start);
            case "#include" -> include(start);
            default -> throw error(start, "expected #define or #include, found '" + quote(word) + "'");
        };
    }

    private Token define(int start) throws SfzException {
        int nameStart = pos;
        if (pos >= text.length() || text.charAt(pos) != '$') throw error(pos, "expected a $NAME after #define");
        pos++;
        while (pos < text.length() && isVarChar(text.charAt(pos))) pos++;
        if (pos == nameStart + 1) throw error(nameStart, "expected a $NAME after #define");
        String name = text.substring(nameStart, pos);
        skipSpaces();
        String value = restOfLine();
        if (value.isEmpty()) throw error(pos, "expected a value after #define " + quote(name));
        return new Token.Define(name, value, at(start));
    }

    private Token include(int start) throws SfzException {
        String path;
        if (pos < text.length() && text.charAt(pos) == '"') {
            int close = pos + 1;
            while (close < text.length() && text.charAt(close) != '"' && !isEol(text.charAt(close))) close++;
            if (close >= text.length() || text.charAt(close) != '"') throw error(pos, "expected a closing '\"' after the #include path");
            path = text.substring(pos + 1, close);
            pos = close + 1;
        } else {
            path = restOfLine(); // unquoted paths are accepted: some players write them that way
        }
        if (path.isBlank()) throw error(start, "expected a file path after #include");
        return new Token.Include(path, at(start));
    }

    private Token opcode() throws SfzException {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) pos++;
        String name = text.substring(start, pos);
        skipSpaces();
        if (pos >= text.length() || text.charAt(pos) != '=')
            throw error(start, "expected opcode=value, found '" + quote(name) + "' without '='");
        pos++;
        skipSpaces();
        if (section == Section.SAMPLE && (name.equals("data") || name.equals("base64data"))) return sampleData(start);
        int valueStart = pos;
        int end = valueEnd(pos);
        pos = end;
        int trimmed = end;
        while (trimmed > valueStart && Character.isWhitespace(text.charAt(trimmed - 1))) trimmed--;
        return new Token.Opcode(name, text.substring(valueStart, trimmed), at(start), at(valueStart));
    }

    /**
     * Embedded sample bytes. Base64 (which some tools write, without the {@code $} end marker and
     * often wrapped over many lines) runs over the following lines that are base64 too; the format's
     * own encoding runs to the {@code $} end marker, across lines and through anything that would end
     * an ordinary value. An audio file's first bytes never look like base64 in the format's encoding
     * ({@code RIFF} is {@code |spp}), so the two cannot be confused.
     */
    private Token sampleData(int start) throws SfzException {
        int first = pos; // base64 may start on the next line
        while (first < text.length() && Character.isWhitespace(text.charAt(first))) first++;
        int base64End = base64Run(first);
        if (base64End > first) {
            String encoded = text.substring(first, base64End);
            pos = base64End < text.length() && text.charAt(base64End) == '$' ? base64End + 1 : base64End;
            return new Token.SampleData(encoded, charset, at(start));
        }
        int marker = text.indexOf('$', pos);
        if (marker < 0) throw error(start, "expected '$' to end the embedded sample data");
        String encoded = text.substring(pos, marker);
        pos = marker + 1;
        return new Token.SampleData(encoded, charset, at(start));
    }

    /**
     * The end of the base64 lines starting at {@code from} (at a {@code $} marker if one ends them), or
     * {@code from} when the first line is not base64. A line with {@code =} padding or a marker is the last.
     */
    private int base64Run(int from) {
        int i = from, end = from;
        while (true) {
            int lineEnd = i;
            while (lineEnd < text.length() && isBase64(text.charAt(lineEnd))) lineEnd++;
            int afterPadding = lineEnd;
            while (afterPadding < text.length() && text.charAt(afterPadding) == '=' && afterPadding - lineEnd < 2) afterPadding++;
            boolean marker = afterPadding < text.length() && text.charAt(afterPadding) == '$';
            int next = afterPadding;
            while (next < text.length() && (text.charAt(next) == ' ' || text.charAt(next) == '\t')) next++;
            boolean wholeLine = next >= text.length() || isEol(text.charAt(next)) || marker;
            if (afterPadding == i || !wholeLine) return end;
            end = afterPadding;
            if (marker || afterPadding > lineEnd) return end;
            while (next < text.length() && Character.isWhitespace(text.charAt(next))) next++;
            if (next >= text.length()) return end;
            i = next;
        }
    }

    private static boolean isBase64(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '/');
    }

    /** Where a value ends: end of line, a comment, a header, or blanks followed by another {@code name=}. */
    private int valueEnd(int from) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isEol(c) || c == '<' || text.startsWith("//", i) || text.startsWith("/*", i)) return i;
            if (Character.isWhitespace(c) && nextOpcodeStartsAfterBlanks(i)) return i;
            i++;
        }
        return i;
    }

    private boolean nextOpcodeStartsAfterBlanks(int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        int nameStart = i;
        while (i < text.length() && isNameChar(text.charAt(i))) i++;
        if (i == nameStart) return false;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        return i < text.length() && text.charAt(i) == '=';
    }

    private String restOfLine() {
        int start = pos;
        int end = start;
        while (end < text.length() && !isEol(text.charAt(end)) && !text.startsWith("//", end) && !text.startsWith("/*", end)) end++;
        pos = end;
        return text.substring(start, end).strip();
    }

    private void skipSpaces() {
        while (pos < text.length() && (text.charAt(pos) == ' ' || text.charAt(pos) == '\t')) pos++;
    }

    static boolean isNameChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '$');
    }

    static boolean isVarChar(char c) {
        return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }

    private static boolean isEol(char c) { return c == '\n' || c == '\r'; }

    static final int MAX_QUOTE = 60;

    /** What a message quotes of the input, cut to a readable length (a 1 MB header name is not repeated whole). */
    static String quote(String s) {
        return s.length() <= MAX_QUOTE ? s : s.substring(0, MAX_QUOTE) + "… (" + s.length() + " characters)";
    }

    private SfzException error(int offset, String expected) {
        return new SfzException(at(offset), expected);
    }

    private SourceLocation at(int offset) {
        int line = java.util.Arrays.binarySearch(lineStarts, offset);
        if (line < 0) line = -line - 2;
        return new SourceLocation(file, line + 1, offset - lineStarts[line] + 1);
    }

    /** Line starts after \n, \r\n or a lone \r, so old Mac files get right line numbers too. */
    private static int[] lineStarts(String s) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= s.length() || s.charAt(i + 1) != '\n'))) starts.add(i + 1);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
