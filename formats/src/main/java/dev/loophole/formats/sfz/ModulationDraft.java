package dev.loophole.formats.sfz;

import dev.loophole.model.EqBand;
import dev.loophole.model.FlexEnvelope;
import dev.loophole.model.Lfo;
import dev.loophole.model.Modulation;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.SourceLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modulation state of one region while its levels are applied: v2 LFOs, flex envelopes, EQ bands and
 * the routings of the matrix. Opcodes touch single fields, so a group's {@code cutoff_oncc1} and a region's
 * {@code cutoff_smoothcc1} end up in one routing, whichever comes first.
 */
final class ModulationDraft {
    /** Routings are a set; a fixed order keeps the model equal however the exporter hoisted their opcodes. */
    // (Written out, not Comparator.comparing: a lambda inside the JDK's Comparator is spun at run time in every render.)
    static final Comparator<Modulation> ORDER = (a, b) -> {
        int c = a.source().compareTo(b.source());
        return c != 0 ? c : a.target().compareTo(b.target());
    };

    /** Items a source or target name refers to: {@code lfo2}, {@code eg1_pitch}, {@code eq3_gain}, {@code lfo1_eq2_freq}. */
    private static final Pattern ITEM = Pattern.compile("^(lfo|eg)(\\d+)(?:_|$)"), EQ = Pattern.compile("(?:^|_)eq(\\d+)_");

    static final class LfoDraft {
        double freq, delay, fade, phase, smooth, offset;
        int wave = 1, count, steps = -1;
        final TreeMap<Integer, Double> stepValues = new TreeMap<>();
        /** Sub-wave X → {wave, ratio, scale, offset}. */
        final TreeMap<Integer, double[]> subs = new TreeMap<>();
        SourceLocation stepsAt;

        double[] sub(int x) { return subs.computeIfAbsent(x, k -> new double[] {1, 1, 1, 0}); }
    }

    static final class EgDraft {
        /** Point X → {time, level, shape}. */
        final TreeMap<Integer, double[]> points = new TreeMap<>();
        int pointCount, sustain, loop, loopCount;
        boolean ampeg, dynamic;
        SourceLocation sustainAt, loopAt;

        double[] point(int x) { return points.computeIfAbsent(x, k -> new double[3]); }
    }

    static final class Routing {
        double depth, smooth, step;
        int curve;
    }

    final Map<Integer, LfoDraft> lfos = new TreeMap<>();
    final Map<Integer, EgDraft> egs = new TreeMap<>();
    /** Band N → {freq, bw, gain, vel2freq, vel2gain}. */
    final Map<Integer, double[]> eq = new TreeMap<>();
    final Map<Integer, String> eqTypes = new TreeMap<>();
    private final Map<List<String>, Routing> routings = new LinkedHashMap<>();

    LfoDraft lfo(int n) { return lfos.computeIfAbsent(n, k -> new LfoDraft()); }

    EgDraft eg(int n) { return egs.computeIfAbsent(n, k -> new EgDraft()); }

    double[] eq(int n) { return eq.computeIfAbsent(n, k -> new double[] {EqBand.defaultFreq(k), 1, 0, 0, 0}); }

    Routing routing(String source, String target) { return routings.computeIfAbsent(List.of(source, target), k -> new Routing()); }

    void build(SampleRegion.Builder b, Diagnostics d) {
        // Every LFO, envelope and band a routing names exists, so the engine never meets a dangling reference.
        for (List<String> key : routings.keySet()) for (String name : key) refer(name);
        for (Map.Entry<List<String>, Routing> e : routings.entrySet()) {
            Routing r = e.getValue();
            b.modulation.add(new Modulation(e.getKey().get(0), e.getKey().get(1), r.depth, r.curve, r.smooth, r.step));
        }
        b.modulation.sort(ORDER);
        lfos.forEach((n, l) -> b.lfos.add(lfo(n, l, d)));
        egs.forEach((n, g) -> b.egs.add(eg(n, g, d)));
        eq.forEach((n, v) -> b.eq.add(new EqBand(n, v[0], v[1], v[2], v[3], v[4], eqTypes.getOrDefault(n, "peak"))));
    }

    private void refer(String name) {
        Matcher m = ITEM.matcher(name);
        if (m.find()) {
            int n = Integer.parseInt(m.group(2));
            if (m.group(1).equals("lfo")) lfo(n); else eg(n);
        }
        m = EQ.matcher(name);
        if (m.find()) eq(Integer.parseInt(m.group(1)));
    }

    private static Lfo lfo(int n, LfoDraft l, Diagnostics d) {
        int size = l.steps >= 0 ? l.steps : l.stepValues.isEmpty() ? 0 : l.stepValues.lastKey();
        List<Double> steps = new ArrayList<>();
        for (int x = 1; x <= size; x++) steps.add(l.stepValues.getOrDefault(x, 0.0));
        if (!l.stepValues.isEmpty() && l.stepValues.lastKey() > size)
            d.warn(l.stepsAt, "lfo" + n + "_step" + l.stepValues.lastKey() + " is beyond lfo" + n + "_steps=" + size + "; ignored");
        List<Lfo.SubWave> subs = new ArrayList<>();
        l.subs.forEach((x, s) -> subs.add(new Lfo.SubWave(x, (int) s[0], s[1], s[2], s[3])));
        return new Lfo(n, l.freq, l.wave, l.delay, l.fade, l.phase, l.count, steps, l.smooth, l.offset, subs);
    }

    private static FlexEnvelope eg(int n, EgDraft g, Diagnostics d) {
        int size = Math.max(g.pointCount, g.points.isEmpty() ? 0 : g.points.lastKey() + 1);
        List<FlexEnvelope.Point> points = new ArrayList<>();
        for (int x = 0; x < size; x++) {
            double[] p = g.points.getOrDefault(x, new double[3]);
            points.add(new FlexEnvelope.Point(p[0], p[1], p[2]));
        }
        return new FlexEnvelope(n, points, point(n, "sustain", g.sustain, size, g.sustainAt, d),
                point(n, "loop", g.loop, size, g.loopAt, d), g.loopCount, g.ampeg, g.dynamic);
    }

    /** A point index the envelope has; 0 (none) with a warning otherwise. */
    private static int point(int n, String what, int x, int size, SourceLocation at, Diagnostics d) {
        if (x < Math.max(1, size)) return x;
        d.warn(at, "eg" + n + "_" + what + "=" + x + " is outside eg" + n + "'s points 0.." + Math.max(0, size - 1) + "; 0 (none) is used");
        return 0;
    }
}
