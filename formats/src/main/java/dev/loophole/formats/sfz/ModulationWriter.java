package dev.loophole.formats.sfz;

import static dev.loophole.formats.sfz.RegionWriter.format;

import dev.loophole.model.EqBand;
import dev.loophole.model.FlexEnvelope;
import dev.loophole.model.Lfo;
import dev.loophole.model.Modulation;
import dev.loophole.model.SampleRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inverse of {@link ModulationAppliers}: a region's LFOs, flex envelopes, EQ bands and routings as SFZ v2
 * opcodes. Each item writes at least one opcode even at its defaults, so that a re-import builds it again.
 */
final class ModulationWriter {
    private static final Pattern ITEM = Pattern.compile("(lfo|eg)(\\d+)"), CC = Pattern.compile("cc(\\d+)");
    /** Routing target → the opcode that carries it: the inverse of {@link ModulationAppliers#TARGETS}. */
    private static final List<Map.Entry<Pattern, String>> OPCODES = new ArrayList<>();

    static {
        ModulationAppliers.TARGETS.forEach((family, target) -> {
            // pitch_onccN reads better than tune_onccN, and both mean the same.
            String opcode = family.equals("tune") ? "pitch" : family;
            OPCODES.add(Map.entry(Pattern.compile(target.replaceAll("[NX]", "(\\\\d+)")), opcode));
        });
    }

    private final Map<String, String> out;
    private final Consumer<String> warn;

    private ModulationWriter(Map<String, String> out, Consumer<String> warn) {
        this.out = out;
        this.warn = warn;
    }

    static void write(SampleRegion r, Map<String, String> out, Consumer<String> warn) {
        ModulationWriter w = new ModulationWriter(out, warn);
        r.lfos().forEach(w::lfo);
        r.egs().forEach(w::eg);
        r.eq().forEach(w::eq);
        List<String> unwritten = new ArrayList<>();
        for (Modulation m : r.modulation()) if (!w.routing(m)) unwritten.add(m.source() + " → " + m.target());
        // One line per region: an SF2 import can give every region the same few.
        if (!unwritten.isEmpty()) warn.accept("routings " + String.join(", ", unwritten) + " have no SFZ opcode; not written");
    }

    private void lfo(Lfo l) {
        String p = "lfo" + l.index() + "_";
        out.put(p + "freq", format(l.freq()));
        if (l.wave() != 1) out.put(p + "wave", Integer.toString(l.wave()));
        number(p + "delay", l.delay(), 0);
        number(p + "fade", l.fade(), 0);
        number(p + "phase", l.phase(), 0);
        if (l.count() != 0) out.put(p + "count", Integer.toString(l.count()));
        if (!l.steps().isEmpty()) out.put(p + "steps", Integer.toString(l.steps().size()));
        for (int i = 0; i < l.steps().size(); i++) number(p + "step" + (i + 1), l.steps().get(i), 0);
        if (l.smooth() != 0) out.put(p + "smooth", RegionWriter.scaled(l.smooth(), 3));
        number(p + "offset", l.offset(), 0);
        for (Lfo.SubWave s : l.subWaves()) {
            out.put(p + "wave" + s.index(), Integer.toString(s.wave()));
            number(p + "ratio" + s.index(), s.ratio(), 1);
            number(p + "scale" + s.index(), s.scale(), 1);
            number(p + "offset" + s.index(), s.offset(), 0);
        }
    }

    private void eg(FlexEnvelope e) {
        String p = "eg" + e.index() + "_";
        if (e.points().isEmpty()) out.put(p + "points", "0");
        for (int i = 0; i < e.points().size(); i++) {
            FlexEnvelope.Point pt = e.points().get(i);
            out.put(p + "time" + i, format(pt.time()));
            out.put(p + "level" + i, format(pt.level()));
            number(p + "shape" + i, pt.shape(), 0);
        }
        if (e.sustain() != 0) out.put(p + "sustain", Integer.toString(e.sustain()));
        if (e.loop() != 0) out.put(p + "loop", Integer.toString(e.loop()));
        if (e.loopCount() != 0) out.put(p + "loop_count", Integer.toString(e.loopCount()));
        if (e.ampeg()) out.put(p + "ampeg", "1");
        if (e.dynamic()) out.put(p + "dynamic", "1");
    }

    private void eq(EqBand b) {
        String p = "eq" + b.index() + "_";
        out.put(p + "freq", format(b.freq()));
        number(p + "bw", b.bandwidth(), 1);
        number(p + "gain", b.gain(), 0);
        number(p + "vel2freq", b.vel2freq(), 0);
        number(p + "vel2gain", b.vel2gain(), 0);
        if (!b.type().equals("peak")) out.put(p + "type", b.type());
    }

    /** Writes {@code m}; false when SFZ has no opcode for it. */
    private boolean routing(Modulation m) {
        Matcher cc = CC.matcher(m.source()), item = ITEM.matcher(m.source());
        String base = cc.matches() ? opcodeOf(m.target()) : item.matches() ? itemOpcode(item.group(1), item.group(2), m.target()) : null;
        if (base == null) return false;
        if (item.matches()) {
            out.put(base, format(m.depth()));
            if (m.curve() != 0 || m.smooth() != 0 || m.step() != 0)
                warn.accept("routing " + m.source() + " → " + m.target() + ": SFZ has no curve, smoothing or step for LFO and envelope sources; not written");
            return true;
        }
        String n = cc.group(1);
        out.put(base + "_oncc" + n, format(m.depth()));
        if (m.curve() != 0) out.put(base + "_curvecc" + n, Integer.toString(m.curve()));
        number(base + "_smoothcc" + n, m.smooth(), 0);
        number(base + "_stepcc" + n, m.step(), 0);
        return true;
    }

    /** The parameter opcode a CC routing to {@code target} is written on: {@code eq2_gain}, {@code lfo1_eq3gain}. */
    private static String opcodeOf(String target) {
        for (Map.Entry<Pattern, String> e : OPCODES) {
            Matcher m = e.getKey().matcher(target);
            if (!m.matches()) continue;
            List<Integer> numbers = new ArrayList<>();
            for (int g = 1; g <= m.groupCount(); g++) numbers.add(Integer.parseInt(m.group(g)));
            return ModulationAppliers.fill(e.getValue(), numbers);
        }
        return null;
    }

    /** {@code lfo1_pitch}, {@code eg2_eq1gain}, and the sub-LFO forms {@code lfo2_freq_lfo1}, {@code lfo2_depth_lfo1}. */
    private static String itemOpcode(String kind, String n, String target) {
        if (ModulationAppliers.VOICE_TARGETS.contains(target)) return kind + n + "_" + target;
        Matcher eq = Pattern.compile("eq(\\d+)_(freq|bw|gain)").matcher(target);
        if (eq.matches()) return kind + n + "_eq" + eq.group(1) + eq.group(2);
        Matcher sub = Pattern.compile("lfo(\\d+)_(freq|depth)").matcher(target);
        if (kind.equals("lfo") && sub.matches()) return "lfo" + sub.group(1) + "_" + sub.group(2) + "_lfo" + n;
        return null;
    }

    private void number(String name, double v, double def) {
        if (Double.compare(v, def) != 0) out.put(name, format(v));
    }
}
