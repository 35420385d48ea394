package dev.loophole.formats.sfz;

import dev.loophole.model.SourceLocation;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One written opcode value, read as the type its table entry says. Ill-typed values give a warning
 * saying what was expected and an empty result (the opcode is then ignored); out-of-range values are
 * clamped to the documented range with a warning naming it.
 *
 * @param context the {@code <control>} settings in force where the opcode was written
 */
record Value(Token.Opcode token, OpcodeTable.Match match, Context context, Diagnostics diagnostics) {
    /**
     * What an opcode's meaning depends on besides its text, captured where it is written.
     *
     * @param keyOffset   {@code note_offset + 12 * octave_offset}
     * @param defaultPath {@code default_path}, "" when unset
     * @param root        folder of the top-level SFZ file: sample paths are relative to it first (then to the
     *                    folder of the file the opcode is written in)
     * @param embedded    {@code <sample>} names → their decoded files
     */
    record Context(int keyOffset, String defaultPath, java.nio.file.Path root, PathResolver paths,
                   java.util.Map<String, java.nio.file.Path> embedded) {
        Context withKeyOffset(int offset) { return new Context(offset, defaultPath, root, paths, embedded); }

        Context withDefaultPath(String path) { return new Context(keyOffset, path, root, paths, embedded); }
    }


    String name() { return token.name(); }

    String text() { return token.value(); }

    SourceLocation at() { return token.valueAt(); }

    /** The number standing for placeholder {@code i} of the name, e.g. 64 in {@code locc64}. */
    int index(int i) { return match.number(i); }

    OptionalDouble number() { return number(match.spec().min(), match.spec().max()); }

    OptionalDouble number(Double lo, Double hi) {
        double d = parse(text());
        if (Double.isNaN(d)) return expected("a number", lo, hi);
        return OptionalDouble.of(clamp(d, lo, hi));
    }

    OptionalInt integer() { return integer(match.spec().min(), match.spec().max()); }

    OptionalInt integer(Double lo, Double hi) {
        // The model holds these in an int: documented bounds beyond it (count goes to 2^32) stop at its edge.
        double l = lo == null ? Integer.MIN_VALUE : Math.max(lo, Integer.MIN_VALUE);
        double h = hi == null ? Integer.MAX_VALUE : Math.min(hi, Integer.MAX_VALUE);
        OptionalLong v = longInteger(l, h);
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    OptionalLong longInteger() { return longInteger(match.spec().min(), match.spec().max()); }

    OptionalLong longInteger(Double lo, Double hi) {
        double d = parse(text());
        if (Double.isNaN(d) || d != Math.rint(d)) {
            expected("an integer", lo, hi);
            return OptionalLong.empty();
        }
        return OptionalLong.of((long) clamp(d, lo, hi));
    }

    /** A MIDI key, written as a number or a note name; the key offsets of {@code <control>} are added. */
    OptionalInt key() {
        OptionalInt named = NoteNames.parse(text());
        double raw;
        if (named.isPresent()) raw = named.getAsInt();
        else if (parse(text()) == Math.rint(parse(text()))) raw = parse(text()); // NaN never equals: not a number
        else {
            diagnostics.warn(at(), name() + ": expected a note name (c4, f#2, eb-1) or an integer 0..127, found '" + Lexer.quote(text()) + "'");
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) clamp(raw + context.keyOffset(), 0.0, 127.0));
    }

    /** One of the words the table lists for this opcode. */
    Optional<String> choice() {
        if (match.spec().options().contains(text())) return Optional.of(text());
        diagnostics.warn(at(), name() + ": expected one of " + String.join(", ", match.spec().options()) + ", found '" + Lexer.quote(text()) + "'");
        return Optional.empty();
    }

    /** A non-empty string. */
    Optional<String> string() {
        if (!text().isEmpty()) return Optional.of(text());
        diagnostics.warn(at(), name() + ": expected a value, found nothing");
        return Optional.empty();
    }

    /**
     * The number written, or NaN when it is not a finite decimal number ({@code [+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?}).
     * Scanned by hand: most values are small integers, and a regex per opcode was the parser's hot spot.
     */
    static double parse(String s) {
        int n = s.length(), i = 0;
        if (n == 0) return Double.NaN;
        char c = s.charAt(0);
        boolean neg = c == '-';
        if (c == '+' || c == '-') i++;
        long whole = 0;
        int digits = 0;
        while (i < n && (c = s.charAt(i)) >= '0' && c <= '9') {
            if (digits < 18) whole = whole * 10 + (c - '0');
            digits++;
            i++;
        }
        if (i == n && digits > 0 && digits <= 18) return neg ? (whole == 0 ? -0.0 : -whole) : whole;
        int fraction = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && (c = s.charAt(i)) >= '0' && c <= '9') { fraction++; i++; }
        }
        if (digits == 0 && fraction == 0) return Double.NaN;
        if (i < n && ((c = s.charAt(i)) == 'e' || c == 'E')) {
            i++;
            if (i < n && ((c = s.charAt(i)) == '+' || c == '-')) i++;
            int exponent = 0;
            while (i < n && (c = s.charAt(i)) >= '0' && c <= '9') { exponent++; i++; }
            if (exponent < 1 || exponent > 3) return Double.NaN;
        }
        if (i != n) return Double.NaN;
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? d : Double.NaN;
    }

    void warn(String message) { diagnostics.warn(at(), message); }

    private double clamp(double v, Double lo, Double hi) {
        double c = v;
        if (lo != null && c < lo) c = lo;
        if (hi != null && c > hi) c = hi;
        if (c == v) return c;
        // An open-ended range has one bound to name.
        String range = lo == null ? "above " + OpcodeTable.Spec.fmt(hi) : hi == null ? "below " + OpcodeTable.Spec.fmt(lo)
                : "outside " + OpcodeTable.Spec.fmt(lo) + ".." + OpcodeTable.Spec.fmt(hi);
        diagnostics.warn(at(), name() + "=" + Lexer.quote(text()) + " is " + range + "; clamped to " + OpcodeTable.Spec.fmt(c));
        return c;
    }

    private OptionalDouble expected(String what, Double lo, Double hi) {
        String range = lo != null && hi != null ? " " + OpcodeTable.Spec.fmt(lo) + ".." + OpcodeTable.Spec.fmt(hi) : "";
        diagnostics.warn(at(), name() + ": expected " + what + range + ", found '" + Lexer.quote(text()) + "'");
        return OptionalDouble.empty();
    }
}
