package dev.loophole.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes a message that may quote a user's file fit a terminal: control characters are shown escaped (a damaged
 * file must not move the cursor or ring the bell), a long quote keeps its start and says how long it was, a line
 * still too long loses its middle, and a message of many lines keeps its first ones. Errors and warnings both pass
 * through here, so no parser has to guess how long its quotes may be.
 */
final class ReadableText {
    static final int QUOTE_KEEP = 40;
    static final int LINE_MAX = 400;
    static final int LINE_HEAD = 280;
    static final int LINE_TAIL = 80;
    static final int MAX_LINES = 12;

    /**
     * A quote of any length (a short one must take its own marks, or its closing mark would open the next "quote"): it
     * opens where no letter or digit comes before the mark and closes where none follows, so the apostrophes of "modLfo's"
     * or "Bob's" are words, not quotes; a quoted name that holds one (a preset 'Bob's Piano') stays one quote.
     */
    private static final Pattern QUOTE = Pattern.compile("(?<![\\p{L}\\p{N}])(?:'([^\\n]*?)'|\"([^\"\\n]*)\")(?![\\p{L}\\p{N}])");

    private ReadableText() {}

    static String of(String message) {
        if (message == null) return "";
        String[] lines = escapeControls(message).split("\n", -1);
        StringBuilder out = new StringBuilder();
        int shown = Math.min(lines.length, MAX_LINES);
        for (int i = 0; i < shown; i++) {
            if (i > 0) out.append('\n');
            out.append(cutLine(cutQuotes(lines[i])));
        }
        if (lines.length > shown) out.append("\n… and ").append(lines.length - shown).append(" more lines");
        return out.toString();
    }

    private static String escapeControls(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = c != '\n' && (Character.isISOControl(c) || c == '\u2028' || c == '\u2029');
            if (control && b == null) b = new StringBuilder(s.length() + 16).append(s, 0, i);
            if (control) b.append(String.format("\\x%02X", (int) c & 0xFF));
            else if (b != null) b.append(c);
        }
        return b == null ? s : b.toString();
    }

    private static String cutQuotes(String line) {
        if (line.length() <= QUOTE_KEEP + 20) return line;
        Matcher m = QUOTE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int g = m.group(1) != null ? 1 : 2;
            String q = m.group(g), mark = g == 1 ? "'" : "\"";
            if (q.length() < QUOTE_KEEP + 20) continue; // kept as it is (appendReplacement copies it with the next one)
            m.appendReplacement(out, Matcher.quoteReplacement(mark + q.substring(0, QUOTE_KEEP) + "…" + mark + " (" + q.length() + " characters)"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String cutLine(String line) {
        if (line.length() <= LINE_MAX) return line;
        int cut = line.length() - LINE_HEAD - LINE_TAIL;
        return line.substring(0, LINE_HEAD) + " … [" + cut + " characters cut] … " + line.substring(line.length() - LINE_TAIL);
    }
}
