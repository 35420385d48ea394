package dev.loophole.media.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;

/**
 * A parsed search: free words (matched as prefixes in names, folder words, tags and embedded text, ranked by
 * bm25) and filters, e.g. {@code kick tag:acoustic dur:<1s key:C rate:48000}.
 *
 * <p>Filters: {@code tag:T} (repeatable), {@code dur:<1s} / {@code dur:>=250ms} / {@code dur:1s..3s},
 * {@code key:C} (pitch class of the root or detected key), {@code key:C4} or {@code key:60} (exact key),
 * {@code rate:48000} or {@code rate:48k}, {@code ch:2}, {@code bits:24}, {@code bpm:120} (also ranges),
 * {@code format:flac}, {@code status:offline}, {@code type:loop} / {@code type:one-shot}. Numbers take
 * {@code <, <=, >, >=, =} or {@code a..b}.
 *
 * @param words the free words
 * @param where SQL conditions on {@code f} (file), ANDed
 * @param args  their parameters in order
 */
public record SearchQuery(List<String> words, List<String> where, List<Object> args) {
    public SearchQuery {
        words = List.copyOf(words);
        where = List.copyOf(where);
        args = List.copyOf(args);
    }

    private interface Filter {
        String apply(String value, Parser p);
    }

    /** Filters by name: each turns its value into a condition, adding its parameters to the parser. */
    private static final Map<String, Filter> FILTERS = Map.ofEntries(
            Map.entry("tag", (v, p) -> p.param("f.id IN (SELECT t.file_id FROM tag t WHERE t.tag=?)", v.toLowerCase(Locale.ROOT))),
            Map.entry("dur", (v, p) -> p.numeric("f.duration", v, SearchQuery::seconds)),
            Map.entry("rate", (v, p) -> p.numeric("f.rate", v, SearchQuery::rate)),
            Map.entry("ch", (v, p) -> p.numeric("f.channels", v, Double::parseDouble)),
            Map.entry("bits", (v, p) -> p.numeric("f.bits", v, Double::parseDouble)),
            Map.entry("bpm", (v, p) -> p.numeric("f.tempo", v, Double::parseDouble)),
            Map.entry("key", SearchQuery::key),
            Map.entry("format", (v, p) -> p.param("f.format=?", format(v))),
            Map.entry("status", (v, p) -> p.param("f.status=?", status(v))),
            Map.entry("type", (v, p) -> switch (v.toLowerCase(Locale.ROOT)) {
                case "loop" -> "f.one_shot=0";
                case "one-shot", "oneshot" -> "f.one_shot=1";
                default -> throw new IllegalArgumentException("type:" + v + " — expected type:loop or type:one-shot");
            }));

    /** Parses a query; a filter that does not parse is an {@link IllegalArgumentException} naming it. */
    public static SearchQuery parse(String text) {
        Parser p = new Parser();
        List<String> words = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (String token : text.trim().split("\\s+")) {
            int colon = token.indexOf(':');
            if (colon > 0 && colon < token.length() - 1) {
                String name = token.substring(0, colon).toLowerCase(Locale.ROOT);
                Filter f = FILTERS.get(name);
                if (f == null)
                    throw new IllegalArgumentException("unknown filter '" + name + ":' in \"" + token + "\"; expected one of "
                            + String.join(", ", new TreeSet<>(FILTERS.keySet())));
                try {
                    where.add(f.apply(token.substring(colon + 1), p));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("\"" + token + "\": not a number"
                            + (name.equals("dur") ? " of seconds (e.g. dur:<1s, dur:250ms..2s)" : ""));
                }
            } else if (!token.isEmpty()) {
                words.addAll(NameWords.split(token));
            }
        }
        return new SearchQuery(words, where, p.args);
    }

    /** The FTS5 match expression: every word as a quoted prefix, all required. Null when there are no words. */
    String match() {
        if (words.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        for (String w : words) b.append(b.isEmpty() ? "" : " ").append('"').append(w.replace("\"", "\"\"")).append("\"*");
        return b.toString();
    }

    private static final class Parser {
        final List<Object> args = new ArrayList<>();

        String param(String sql, Object value) {
            args.add(value);
            return sql;
        }

        String numeric(String column, String v, ToDoubleFunction<String> unit) {
            int range = v.indexOf("..");
            if (range >= 0) {
                args.add(unit.applyAsDouble(v.substring(0, range)));
                args.add(unit.applyAsDouble(v.substring(range + 2)));
                return column + " BETWEEN ? AND ?";
            }
            String op = v.startsWith("<=") || v.startsWith(">=") ? v.substring(0, 2)
                    : v.startsWith("<") || v.startsWith(">") || v.startsWith("=") ? v.substring(0, 1) : "=";
            double x = unit.applyAsDouble(v.substring(v.startsWith(op) ? op.length() : 0));
            args.add(x);
            // Equality on a measured value (a duration) allows for rounding in what the user typed.
            if (op.equals("=") && column.equals("f.duration")) {
                args.set(args.size() - 1, x - 0.0005);
                args.add(x + 0.0005);
                return column + " BETWEEN ? AND ?";
            }
            return column + " " + op + " ?";
        }
    }

    private static String key(String v, Parser p) {
        String k = v.trim();
        if (k.chars().allMatch(Character::isDigit)) return p.param("COALESCE(f.root_key, f.pitch_key)=?", Integer.parseInt(k));
        int exact = NoteNames.parse(k);
        if (exact >= 0) return p.param("COALESCE(f.root_key, f.pitch_key)=?", exact);
        int pc = NoteNames.pitchClass(k);
        if (pc < 0) throw new IllegalArgumentException("key:" + v + " — expected a note (C, F#, Bb), a note with octave (C4) or a MIDI key (60)");
        return p.param("COALESCE(f.root_key, f.pitch_key) % 12=?", pc);
    }

    static double seconds(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("ms")) return Double.parseDouble(s.substring(0, s.length() - 2)) / 1000;
        if (s.endsWith("min")) return Double.parseDouble(s.substring(0, s.length() - 3)) * 60;
        if (s.endsWith("s")) return Double.parseDouble(s.substring(0, s.length() - 1));
        return Double.parseDouble(s);
    }

    static double rate(String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.endsWith("khz")) return Double.parseDouble(s.substring(0, s.length() - 3)) * 1000;
        if (s.endsWith("k")) return Double.parseDouble(s.substring(0, s.length() - 1)) * 1000;
        return Double.parseDouble(s);
    }

    private static String format(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "wav", "wave", "bwf" -> "WAV";
            case "aif", "aiff", "aifc" -> "AIFF";
            case "flac" -> "FLAC";
            case "ogg", "vorbis" -> "OGG_VORBIS";
            default -> throw new IllegalArgumentException("format:" + v + " — expected wav, aiff, flac or ogg");
        };
    }

    private static String status(String v) {
        try {
            return MediaStatus.valueOf(v.toUpperCase(Locale.ROOT)).name();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("status:" + v + " — expected online, offline, remote or missing");
        }
    }
}
