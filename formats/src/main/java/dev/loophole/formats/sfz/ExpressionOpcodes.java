package dev.loophole.formats.sfz;

import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.ExpressionMapping;
import dev.loophole.model.ExpressionMapping.Route;
import dev.loophole.model.ExpressionMapping.Shape;
import dev.loophole.model.ExpressionMapping.Target;
import dev.loophole.model.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * A program's expression mapping in SFZ: our own {@code <control>} opcodes, one per route, so the
 * mapping travels inside the file and other players skip it as an unknown opcode.
 *
 * <pre>
 * loophole_expressionN=SOURCE:TARGET:MIN:MAX[:SHAPE[:SMOOTH_MS[:relative]]]
 *   SOURCE  pitch | pressure | timbre | polyat | ccN (a per-note controller N, 0..511)
 *   TARGET  pitch | cutoff | amplitude | eg_depth | lfo_depth | ccN (the note's own SFZ CC N)
 *   SHAPE   linear | square | sqrt
 * loophole_expression=none      the program ignores per-note expression
 * </pre>
 * With none of these the program has the sampler's default mapping, which is not written out.
 */
final class ExpressionOpcodes {
    static final String PREFIX = "loophole_expression";

    private final Diagnostics diagnostics;
    private final TreeMap<Integer, Route> routes = new TreeMap<>();
    private boolean none;

    ExpressionOpcodes(Diagnostics diagnostics) { this.diagnostics = diagnostics; }

    static boolean handles(String name) { return name.startsWith(PREFIX); }

    void apply(String name, String value, SourceLocation at) {
        String index = name.substring(PREFIX.length());
        if (index.isEmpty()) {
            if (value.trim().equalsIgnoreCase("none")) none = true;
            else diagnostics.warn(at, name + ": expected 'none', found '" + Lexer.quote(value) + "'");
            return;
        }
        int n;
        try {
            n = Integer.parseInt(index);
        } catch (NumberFormatException e) {
            diagnostics.warn(at, name + ": expected a route number after " + PREFIX);
            return;
        }
        try {
            routes.put(n, parse(value));
        } catch (IllegalArgumentException e) {
            diagnostics.warn(at, name + ": " + e.getMessage() + "; route ignored");
        }
    }

    /** The mapping read, or null for the default. */
    ExpressionMapping mapping() {
        if (!routes.isEmpty()) return new ExpressionMapping(List.copyOf(routes.values()));
        return none ? ExpressionMapping.NONE : null;
    }

    static Route parse(String value) {
        String[] f = value.trim().split(":");
        if (f.length < 4 || f.length > 7) throw new IllegalArgumentException("expected SOURCE:TARGET:MIN:MAX[:SHAPE[:SMOOTH_MS[:relative]]], found '" + Lexer.quote(value) + "'");
        String src = f[0].toLowerCase(Locale.ROOT), tgt = f[1].toLowerCase(Locale.ROOT);
        ExpressionDimension source;
        int sourceCc = -1;
        switch (src) {
            case "pitch" -> source = ExpressionDimension.PITCH;
            case "pressure" -> source = ExpressionDimension.PRESSURE;
            case "timbre" -> source = ExpressionDimension.TIMBRE;
            case "polyat" -> source = ExpressionDimension.POLY_AFTERTOUCH;
            default -> {
                source = ExpressionDimension.PER_NOTE_CC;
                sourceCc = ccNumber(src, "source");
            }
        }
        Target target;
        int targetCc = -1;
        switch (tgt) {
            case "pitch" -> target = Target.PITCH;
            case "cutoff" -> target = Target.CUTOFF;
            case "amplitude" -> target = Target.AMPLITUDE;
            case "eg_depth" -> target = Target.EG_DEPTH;
            case "lfo_depth" -> target = Target.LFO_DEPTH;
            default -> {
                target = Target.SFZ_CC;
                targetCc = ccNumber(tgt, "target");
            }
        }
        double min = number(f[2]), max = number(f[3]);
        Shape shape = f.length > 4 ? shape(f[4]) : Shape.LINEAR;
        double smooth = f.length > 5 ? number(f[5]) : 0;
        boolean relative = f.length > 6 && f[6].equalsIgnoreCase("relative");
        if (f.length > 6 && !relative) throw new IllegalArgumentException("expected 'relative', found '" + f[6] + "'");
        return new Route(source, sourceCc, target, targetCc, min, max, shape, smooth, relative);
    }

    static String format(Route r) {
        String src = switch (r.source()) {
            case PITCH -> "pitch";
            case PRESSURE -> "pressure";
            case TIMBRE -> "timbre";
            case POLY_AFTERTOUCH -> "polyat";
            case PER_NOTE_CC -> "cc" + r.sourceCc();
        };
        String tgt = r.target() == Target.SFZ_CC ? "cc" + r.targetCc() : r.target().name().toLowerCase(Locale.ROOT);
        return src + ":" + tgt + ":" + RegionWriter.format(r.min()) + ":" + RegionWriter.format(r.max()) + ":"
                + r.shape().name().toLowerCase(Locale.ROOT) + ":" + RegionWriter.format(r.smoothMs()) + (r.relative() ? ":relative" : "");
    }

    /** The {@code <control>} opcodes for {@code m}: none for the default mapping. */
    static List<String[]> opcodes(ExpressionMapping m) {
        List<String[]> out = new ArrayList<>();
        if (m.equals(ExpressionMapping.SAMPLER_DEFAULT)) return out;
        if (m.routes().isEmpty()) { out.add(new String[] {PREFIX, "none"}); return out; }
        for (int i = 0; i < m.routes().size(); i++) out.add(new String[] {PREFIX + (i + 1), format(m.routes().get(i))});
        return out;
    }

    private static int ccNumber(String s, String what) {
        if (!s.startsWith("cc")) throw new IllegalArgumentException("unknown " + what + " '" + s + "'");
        try {
            return Integer.parseInt(s.substring(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a controller number in " + what + " '" + s + "'");
        }
    }

    private static double number(String s) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a number, found '" + Lexer.quote(s) + "'");
        }
    }

    private static Shape shape(String s) {
        try {
            return Shape.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected linear, square or sqrt, found '" + Lexer.quote(s) + "'");
        }
    }
}
