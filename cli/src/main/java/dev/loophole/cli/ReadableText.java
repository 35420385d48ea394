package dev.loophole.cli;


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

    /**
     * Long quotes cut to their start. A quote opens at a mark (' or ") with no letter or digit before it and closes at
     * the next mark of its kind with none after it, so the apostrophes of "modLfo's" or "Bob's" are words, not quotes, a
     * quoted name that holds one (a preset 'Bob's Piano') stays one quote, and a short quote takes its own marks (its
     * closing mark would otherwise open the next "quote"). One pass, with each position's next closing mark found
     * beforehand: a line may be a megabyte of a damaged file (a regular expression that retried from every mark was
     * quadratic).
     */
    private static String cutQuotes(String line) {
        int n = line.length();
        if (n <= QUOTE_KEEP + 20) return line;
        int[] nextSingle = new int[n + 1], nextDouble = new int[n + 1]; // from k on: the first ' that can close, the first "
        nextSingle[n] = nextDouble[n] = -1;
        for (int k = n - 1; k >= 0; k--) {
            char c = line.charAt(k);
            nextSingle[k] = c == '\'' && (k + 1 == n || !wordChar(line.charAt(k + 1))) ? k : nextSingle[k + 1];
            nextDouble[k] = c == '"' ? k : nextDouble[k + 1];
        }
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if ((c != '\'' && c != '"') || (i > 0 && wordChar(line.charAt(i - 1)))) continue;
            int j = c == '\'' ? nextSingle[i + 1] : nextDouble[i + 1];
            if (j < 0 || (c == '"' && j + 1 < n && wordChar(line.charAt(j + 1)))) continue;
            int length = j - i - 1;
            if (length >= QUOTE_KEEP + 20) {
                if (out == null) out = new StringBuilder(n);
                out.append(line, copied, i).append(c).append(line, i + 1, i + 1 + QUOTE_KEEP).append('…').append(c)
                        .append(" (").append(length).append(" characters)");
                copied = j + 1;
            }
            i = j;
        }
        return out == null ? line : out.append(line, copied, n).toString();
    }

    private static boolean wordChar(char c) { return Character.isLetterOrDigit(c); }

    private static String cutLine(String line) {
        if (line.length() <= LINE_MAX) return line;
        int cut = line.length() - LINE_HEAD - LINE_TAIL;
        return line.substring(0, LINE_HEAD) + " … [" + cut + " characters cut] … " + line.substring(line.length() - LINE_TAIL);
    }
}
