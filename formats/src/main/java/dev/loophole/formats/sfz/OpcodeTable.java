package dev.loophole.formats.sfz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every SFZ opcode the format documents, read from {@code opcodes.tsv} (derived from the CC0
 * {@code syntax.yml} by {@code formats/tools/gen_sfz_opcodes.py}). It answers "is this name an
 * opcode, which one, and what values does it take?" for written names such as {@code lfo2_eq1freq_oncc7}.
 *
 * <p>Three mechanisms: exact names and aliases; numbered families ({@code loccN}, {@code eqN_freq},
 * {@code egN_levelX}), where an upper-case placeholder stands for a number; and the modulation
 * suffixes {@code _onccN _curveccN _smoothccN _stepccN}, accepted on any known numeric opcode.
 */
final class OpcodeTable {
    enum Type { INTEGER, FLOAT, STRING, ANY }

    /** One opcode (or modulation suffix of one): {@code name} is the canonical family name, e.g. {@code loccN}. */
    record Spec(String name, String version, Type type, Double min, Double max, String unit,
                List<String> options, String modulates, String onccRange) {
        String range() { return min == null || max == null ? "" : fmt(min) + ".." + fmt(max); }

        static String fmt(double d) { return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d); }
    }

    /** A written name matched to its spec, with the numbers that filled its placeholders, in order. */
    record Match(String written, Spec spec, List<Integer> numbers) {
        int number(int i) { return numbers.get(i); }
    }

    private record Family(Pattern pattern, int literalLength, Spec spec) {}

    /** A numbered family as registered: compiled into a {@link Family} when a name is first looked up among them. */
    private record FamilyName(String name, Spec spec) {}

    /**
     * Modulation depths players accept beyond what syntax.yml documents, by the opcode they modulate. sfizz reads
     * every modulation depth without clamping it; these are the spans it states (its opcode defaults) where they are
     * wider than SFZ's: amplitude to 10000 % (libraries write {@code amplitude_oncc70=200}), cutoff and pitch
     * ±12000 cents, resonance and EQ gain ±96 dB. Elsewhere the documented range holds.
     */
    private static final Map<String, double[]> PLAYER_DEPTHS = Map.of(
            "amplitude", new double[] {-10000, 10000}, "cutoff", new double[] {-12000, 12000},
            "cutoff2", new double[] {-12000, 12000}, "tune", new double[] {-12000, 12000},
            "resonance", new double[] {-96, 96}, "resonance2", new double[] {-96, 96}, "eqN_gain", new double[] {-96, 96});
    private static final Pattern DEPTH_NAME = Pattern.compile(".*(cc[NX]|chanaft|polyaft)");

    private static final Pattern SUFFIX = Pattern.compile("(.+)_(oncc|curvecc|smoothcc|stepcc)(\\d+)");
    private static final Pattern PLACEHOLDER = Pattern.compile("NNN|NN|[NXY]|\\*");
    private static final OpcodeTable INSTANCE = load();

    private final Map<String, Spec> exact = new HashMap<>();
    private final List<FamilyName> familyNames = new ArrayList<>();
    // Compiled at the first name that is not exact: a file of plain opcodes (most libraries) never needs the ≈ 190
    // patterns, whose compiling was a third of this table's start in a cold JVM, on the way to a render's first note.
    private volatile List<Family> families;
    private final Map<String, Optional<Match>> cache = new ConcurrentHashMap<>();
    private int rows;

    static OpcodeTable get() { return INSTANCE; }

    /** How many opcodes the table lists (aliases not counted). */
    int size() { return rows; }

    Optional<Match> lookup(String written) {
        return cache.computeIfAbsent(written, this::resolve);
    }

    private Optional<Match> resolve(String written) {
        Optional<Match> direct = direct(written);
        if (direct.isPresent()) return direct;
        Matcher m = SUFFIX.matcher(written);
        if (!m.matches()) return Optional.empty();
        Optional<Match> base = direct(m.group(1));
        if (base.isEmpty() || base.get().spec().type() == Type.STRING) return Optional.empty();
        Spec b = base.get().spec();
        Spec s = switch (m.group(2)) {
            case "oncc" -> withRange(b, b.name() + "_onccN", Type.FLOAT, playerDepth(b.name(), b.onccRange()));
            case "curvecc" -> withRange(b, b.name() + "_curveccN", Type.INTEGER, "0..255");
            default -> withRange(b, b.name() + "_" + m.group(2) + "N", Type.FLOAT, "0..1000000");
        };
        List<Integer> numbers = new ArrayList<>(base.get().numbers());
        numbers.add(parseNumber(m.group(3)));
        return Optional.of(new Match(written, s, List.copyOf(numbers)));
    }

    /** The depth range of a routing onto {@code modulated}: what players accept, else {@code documented}. */
    private static String playerDepth(String modulated, String documented) {
        double[] r = PLAYER_DEPTHS.get(modulated);
        return r == null ? documented : Spec.fmt(r[0]) + ".." + Spec.fmt(r[1]);
    }

    private static Spec withRange(Spec base, String name, Type type, String range) {
        Double lo = null, hi = null;
        if (range != null && range.contains("..")) {
            String[] p = range.split("\\.\\.", 2);
            lo = number(p[0]);
            hi = number(p[1]);
        }
        return new Spec(name, base.version(), type, lo, hi, base.unit(), List.of(), base.name(), null);
    }

    private Optional<Match> direct(String written) {
        Spec s = exact.get(written);
        if (s != null) return Optional.of(new Match(written, s, List.of()));
        Match best = null;
        int bestLiteral = -1;
        for (Family f : families()) {
            Matcher m = f.pattern().matcher(written);
            if (!m.matches() || f.literalLength() <= bestLiteral) continue;
            List<Integer> numbers = new ArrayList<>();
            for (int g = 1; g <= m.groupCount(); g++) {
                String part = m.group(g);
                if (!part.isEmpty() && part.chars().allMatch(Character::isDigit)) numbers.add(parseNumber(part));
            }
            best = new Match(written, f.spec(), List.copyOf(numbers));
            bestLiteral = f.literalLength();
        }
        return Optional.ofNullable(best);
    }

    private static int parseNumber(String digits) {
        return digits.length() > 9 ? Integer.MAX_VALUE : Integer.parseInt(digits);
    }

    private static OpcodeTable load() {
        OpcodeTable t = new OpcodeTable();
        try (InputStream in = OpcodeTable.class.getResourceAsStream("opcodes.tsv")) {
            if (in == null) throw new IllegalStateException("opcodes.tsv is missing from the classpath");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            boolean header = true;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                if (header) { header = false; continue; }
                t.add(line.split("\t", -1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return t;
    }

    private void add(String[] c) {
        // name version type min max default unit aliases options of oncc
        Double min = number(c[3]), max = number(c[4]);
        double[] player = dash(c[9]) == null || !DEPTH_NAME.matcher(c[0]).matches() ? null : PLAYER_DEPTHS.get(c[9]);
        if (player != null) { min = player[0]; max = player[1]; }
        Spec spec = new Spec(c[0], c[1], Type.valueOf(c[2].toUpperCase(java.util.Locale.ROOT)), min, max,
                dash(c[6]), dash(c[8]) == null ? List.of() : Arrays.asList(c[8].split(",")), dash(c[9]), dash(c[10]));
        rows++;
        register(c[0], spec);
        if (dash(c[7]) != null) for (String alias : c[7].split(",")) register(alias, spec);
    }

    private void register(String name, Spec spec) {
        if (hasPlaceholder(name)) familyNames.add(new FamilyName(name, spec));
        else exact.putIfAbsent(name, spec);
    }

    /** Whether {@link #PLACEHOLDER} occurs in {@code name}: any of N, X, Y or * (NN and NNN begin with N). */
    private static boolean hasPlaceholder(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == 'N' || c == 'X' || c == 'Y' || c == '*') return true;
        }
        return false;
    }

    private List<Family> families() {
        List<Family> f = families;
        if (f == null) synchronized (this) {
            if ((f = families) == null) {
                List<Family> compiled = new ArrayList<>(familyNames.size());
                for (FamilyName n : familyNames) compiled.add(family(n.name(), n.spec()));
                families = f = List.copyOf(compiled);
            }
        }
        return f;
    }

    private static Family family(String name, Spec spec) {
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(name);
        int last = 0, literal = 0;
        while (m.find()) {
            regex.append(Pattern.quote(name.substring(last, m.start())));
            literal += m.start() - last;
            regex.append(m.group().equals("*") ? "([a-z0-9_]+)" : "(\\d+)");
            last = m.end();
        }
        regex.append(Pattern.quote(name.substring(last)));
        literal += name.length() - last;
        return new Family(Pattern.compile(regex.toString()), literal, spec);
    }

    private static String dash(String s) { return s == null || s.equals("-") || s.isEmpty() ? null : s; }

    private static Double number(String s) {
        try {
            return s == null || s.equals("-") ? null : Double.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null; // "SampleRate / 2" and similar prose bounds: no numeric limit
        }
    }
}
