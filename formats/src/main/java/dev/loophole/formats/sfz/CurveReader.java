package dev.loophole.formats.sfz;

import dev.loophole.model.Curve;
import dev.loophole.model.SourceLocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code <curve>} sections: {@code curve_index} and points {@code v000..v127}. Points not given are
 * interpolated linearly between their neighbours; the ends default to 0 and 1, as players do.
 */
final class CurveReader {
    private final Diagnostics diagnostics;
    private final Map<Integer, Curve> curves = new TreeMap<>();
    private SourceLocation openedAt;
    private int index;
    private double[] points;

    CurveReader(Diagnostics diagnostics) { this.diagnostics = diagnostics; }

    void open(SourceLocation at) {
        openedAt = at;
        index = -1;
        points = new double[128];
        Arrays.fill(points, Double.NaN);
    }

    void accept(Value v) {
        String family = v.match() == null ? "" : v.match().spec().name();
        switch (family) {
            case "curve_index" -> v.integer(0.0, 255.0).ifPresent(i -> index = i);
            case "vNNN" -> {
                int point = v.index(0);
                if (point > 127) v.warn(v.name() + ": expected a point v000..v127");
                else v.number().ifPresent(x -> points[point] = x);
            }
            default -> diagnostics.warn(v.token().at(), "<curve> takes curve_index and v000..v127, not '" + v.name() + "'; ignored");
        }
    }

    void close() {
        if (points == null) return;
        if (index < 0) diagnostics.warn(openedAt, "<curve> without curve_index is ignored");
        else {
            if (curves.containsKey(index)) diagnostics.warn(openedAt, "curve_index=" + index + " is defined again; the later one is used");
            curves.put(index, new Curve(index, interpolate(points)));
        }
        points = null;
    }

    private static List<Double> interpolate(double[] p) {
        if (Double.isNaN(p[0])) p[0] = 0;
        if (Double.isNaN(p[127])) p[127] = 1;
        List<Double> out = new ArrayList<>(128);
        int prev = 0;
        for (int i = 0; i < 128; i++) {
            if (!Double.isNaN(p[i])) { prev = i; out.add(p[i]); continue; }
            int next = i + 1;
            while (Double.isNaN(p[next])) next++;
            out.add(between(p[prev], p[next], prev, next, i));
        }
        return out;
    }

    /** The value at {@code i} on the line from ({@code a}, {@code va}) to ({@code b}, {@code vb}); the exporter drops points this reproduces. */
    static double between(double va, double vb, int a, int b, int i) {
        double t = (double) (i - a) / (b - a);
        return va + t * (vb - va);
    }

    Map<Integer, Curve> curves() { return curves; }
}
