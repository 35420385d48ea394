package dev.loophole.formats.sfz;

import dev.loophole.formats.sfz.Appliers.Applier;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The modulation opcodes: v2 LFOs ({@code lfoN_*}), flex envelopes ({@code egN_*}), EQ bands ({@code eqN_*}) and
 * the routings of the matrix. CC routings are not listed one by one: any opcode whose table entry says which
 * parameter it modulates ({@code cutoff_onccN}, {@code eqN_gainccX}, {@code pitchlfo_depthchanaft},
 * {@code lfoN_pitch_smoothccX}…) becomes a routing to that parameter's target when {@link #TARGETS} names one.
 */
final class ModulationAppliers {
    /** What an LFO or flex envelope drives, by the SFZ name after {@code lfoN_}/{@code egN_}; EQ bands come on top. */
    static final List<String> VOICE_TARGETS = List.of("pitch", "cutoff", "cutoff2", "resonance", "resonance2", "volume", "amplitude", "pan", "width");
    static final List<String> EQ_PARAMS = List.of("freq", "bw", "gain");
    static final List<String> STAGES = List.of("delay", "attack", "hold", "decay", "sustain", "release", "start");

    /**
     * Parameter family (as the table names it) → routing target in {@link dev.loophole.model.Modulation}'s
     * vocabulary. Upper-case N and X stand for the family's numbers, in order.
     */
    static final Map<String, String> TARGETS = new LinkedHashMap<>();

    /** CC numbers a source may name: MIDI controllers and the SFZ extended ones. */
    private static boolean source(int cc) { return cc <= 137 || cc == 140 || cc == 141; }

    private enum Field { DEPTH, CURVE, SMOOTH, STEP }

    private static final Map<String, Applier> BY_NAME = new HashMap<>();
    private static final Map<String, Optional<Applier>> DERIVED = new ConcurrentHashMap<>();

    private ModulationAppliers() {}

    static {
        for (String t : List.of("amplitude", "volume", "pan", "width", "position", "cutoff", "cutoff2", "resonance", "resonance2", "offset", "delay"))
            TARGETS.put(t, t);
        TARGETS.put("tune", "pitch");
        TARGETS.put("amp_veltrack", "amp_veltrack"); // read at note-on, as the velocity's level is
        for (String p : EQ_PARAMS) TARGETS.put("eqN_" + p, "eqN_" + p);
        for (String l : List.of("amplfo", "fillfo", "pitchlfo")) { TARGETS.put(l + "_depth", l + "_depth"); TARGETS.put(l + "_freq", l + "_freq"); }
        for (String eg : List.of("ampeg", "fileg", "pitcheg")) for (String s : STAGES) TARGETS.put(eg + "_" + s, eg + "_" + s);
        TARGETS.put("fileg_depth", "fileg_depth");
        TARGETS.put("pitcheg_depth", "pitcheg_depth");
        TARGETS.put("lfoN_freq", "lfoN_freq");
        for (String src : List.of("lfo", "eg")) {
            for (String t : VOICE_TARGETS) {
                TARGETS.put(src + "N_" + t, src + "N_" + t);
                on(src + "N_" + t, (d, v) -> { if (indices(v)) v.number().ifPresent(x -> d.mod.routing(src + v.index(0), t).depth = x); });
            }
            for (String p : EQ_PARAMS) {
                TARGETS.put(src + "N_eqX" + p, src + "N_eqX_" + p);
                on(src + "N_eqX" + p, (d, v) -> {
                    if (indices(v)) v.number().ifPresent(x -> d.mod.routing(src + v.index(0), "eq" + v.index(1) + "_" + p).depth = x);
                });
            }
        }
        // Sub-LFOs: lfoN_freq_lfoX is LFO X moving LFO N's frequency (Hz), lfoN_depth_lfoX its depth (%).
        for (String p : List.of("freq", "depth"))
            on("lfoN_" + p + "_lfoX", (d, v) -> {
                if (indices(v)) v.number().ifPresent(x -> d.mod.routing("lfo" + v.index(1), "lfo" + v.index(0) + "_" + p).depth = x);
            });

        lfo("lfoN_freq", (l, v) -> v.number(0.0, null).ifPresent(x -> l.freq = x));
        lfo("lfoN_delay", (l, v) -> v.number(0.0, null).ifPresent(x -> l.delay = x));
        lfo("lfoN_fade", (l, v) -> v.number(0.0, null).ifPresent(x -> l.fade = x));
        lfo("lfoN_phase", (l, v) -> v.number().ifPresent(x -> l.phase = x));
        lfo("lfoN_count", (l, v) -> v.integer(0.0, null).ifPresent(i -> l.count = i));
        lfo("lfoN_steps", (l, v) -> v.integer(0.0, 128.0).ifPresent(i -> { l.steps = i; l.stepsAt = v.at(); }));
        lfo("lfoN_stepX", (l, v) -> {
            int x = v.index(1);
            if (x < 1 || x > 128) v.warn(v.name() + ": steps are numbered 1..128; ignored");
            else v.number().ifPresent(s -> { l.stepValues.put(x, s); if (l.stepsAt == null) l.stepsAt = v.at(); });
        });
        // SFZ writes the smoothing in ms, the model holds seconds.
        lfo("lfoN_smooth", (l, v) -> v.number(0.0, null).ifPresent(x -> l.smooth = x / 1000));
        // lfoN_wave1 and lfoN_offset1 are the main wave; 2..8 are ARIA's sub-waves.
        lfo("lfoN_wave", (l, v) -> v.integer(0.0, null).ifPresent(i -> { if (sub(v) == 1) l.wave = i; else if (sub(v) > 1) l.sub(sub(v))[0] = i; }));
        lfo("lfoN_offset", (l, v) -> v.number().ifPresent(x -> { if (sub(v) == 1) l.offset = x; else if (sub(v) > 1) l.sub(sub(v))[3] = x; }));
        lfo("lfoN_ratio", (l, v) -> v.number().ifPresent(x -> { if (sub(v) > 1) l.sub(sub(v))[1] = x; }));
        lfo("lfoN_scale", (l, v) -> v.number().ifPresent(x -> { if (sub(v) > 1) l.sub(sub(v))[2] = x; }));

        // Flex envelope points are numbered from 0, the starting point.
        eg("egN_timeX", (g, v) -> { if (point(v)) v.number(0.0, null).ifPresent(x -> g.point(v.index(1))[0] = x); });
        eg("egN_levelX", (g, v) -> { if (point(v)) v.number().ifPresent(x -> g.point(v.index(1))[1] = x); });
        eg("egN_shapeX", (g, v) -> { if (point(v)) v.number().ifPresent(x -> g.point(v.index(1))[2] = x); });
        eg("egN_points", (g, v) -> v.integer(0.0, 64.0).ifPresent(i -> g.pointCount = i));
        eg("egN_sustain", (g, v) -> v.integer(0.0, 63.0).ifPresent(i -> { g.sustain = i; g.sustainAt = v.at(); }));
        eg("egN_loop", (g, v) -> v.integer(0.0, 63.0).ifPresent(i -> { g.loop = i; g.loopAt = v.at(); }));
        eg("egN_loop_count", (g, v) -> v.integer(0.0, null).ifPresent(i -> g.loopCount = i));
        eg("egN_ampeg", (g, v) -> flag(v).ifPresent(b -> g.ampeg = b));
        eg("egN_dynamic", (g, v) -> v.integer().ifPresent(i -> g.dynamic = i == 1));

        String[] eqFields = {"freq", "bw", "gain", "vel2freq", "vel2gain"};
        for (int i = 0; i < eqFields.length; i++) {
            int slot = i;
            on("eqN_" + eqFields[i], (d, v) -> { if (indices(v)) v.number().ifPresent(x -> d.mod.eq(v.index(0))[slot] = x); });
        }
        on("eqN_type", (d, v) -> { if (indices(v)) v.choice().ifPresent(s -> { d.mod.eq(v.index(0)); d.mod.eqTypes.put(v.index(0), s); }); });
    }

    /** The applier of a matched opcode, or null when it is not a modulation opcode the model holds. */
    static Applier of(OpcodeTable.Match m) {
        String name = m.spec().name();
        // lfoN_ratio/lfoN_scale of the main wave (no X, or X = 1) have no home in the model.
        if ((name.equals("lfoN_ratio") || name.equals("lfoN_scale")) && sub(m) < 2) return null;
        Applier a = BY_NAME.get(name);
        return a != null ? a : DERIVED.computeIfAbsent(name, k -> Optional.ofNullable(derived(m.spec()))).orElse(null);
    }

    /** A CC routing from the table's {@code of} column: {@code eqN_gainccX} modulates {@code eqN_gain} from CC X. */
    private static Applier derived(OpcodeTable.Spec s) {
        String n = s.name(), of = s.modulates();
        // The table lists egN_pan_curveccX as an opcode of its own, modulating "egN_pan_curve": the curve of egN_pan's CC X.
        if (of != null && n.endsWith("_curveccX") && of.endsWith("_curve")) of = of.substring(0, of.length() - "_curve".length());
        String template = of == null ? null : TARGETS.get(of);
        if (template == null) return null;
        Field field;
        int fixed = -1;
        if (n.endsWith("_curveccN") || n.endsWith("_curveccX")) field = Field.CURVE;
        else if (n.endsWith("_smoothccN")) field = Field.SMOOTH;
        else if (n.endsWith("_stepccN")) field = Field.STEP;
        else if (n.endsWith("chanaft")) { field = Field.DEPTH; fixed = 129; }
        else if (n.endsWith("polyaft")) { field = Field.DEPTH; fixed = 130; }
        else if (n.endsWith("ccN") || n.endsWith("ccX")) field = Field.DEPTH;
        else return null; // vel2* and the like: typed fields elsewhere
        int fixedCc = fixed;
        return (d, v) -> {
            List<Integer> nums = v.match().numbers();
            int cc = fixedCc >= 0 ? fixedCc : nums.getLast();
            List<Integer> own = fixedCc >= 0 ? nums : nums.subList(0, nums.size() - 1);
            if (!source(cc)) { v.warn(v.name() + ": controller " + cc + " is not 0..127 or an extended controller 128..137, 140, 141; ignored"); return; }
            if (own.stream().anyMatch(i -> i < 1)) { v.warn(v.name() + ": LFO, envelope and EQ numbers start at 1; ignored"); return; }
            ModulationDraft.Routing r = d.mod.routing("cc" + cc, fill(template, own));
            switch (field) {
                case DEPTH -> v.number().ifPresent(x -> r.depth = x);
                case CURVE -> v.integer().ifPresent(i -> r.curve = i);
                case SMOOTH -> v.number().ifPresent(x -> r.smooth = x);
                case STEP -> v.number().ifPresent(x -> r.step = x);
            }
        };
    }

    /** {@code template} with each upper-case N or X replaced by the next of {@code numbers}. */
    static String fill(String template, List<Integer> numbers) {
        StringBuilder s = new StringBuilder();
        int next = 0;
        for (char c : template.toCharArray()) {
            if (c == 'N' || c == 'X') s.append(numbers.get(next++));
            else s.append(c);
        }
        return s.toString();
    }

    private static void on(String name, Applier a) { BY_NAME.put(name, a); }

    private static void lfo(String name, BiConsumer<ModulationDraft.LfoDraft, Value> set) {
        on(name, (d, v) -> { if (indices(v)) set.accept(d.mod.lfo(v.index(0)), v); });
    }

    private static void eg(String name, BiConsumer<ModulationDraft.EgDraft, Value> set) {
        on(name, (d, v) -> { if (indices(v)) set.accept(d.mod.eg(v.index(0)), v); });
    }

    /** LFOs, envelopes and bands are numbered from 1 (the N of lfoN, and the X of a target's eqX). */
    private static boolean indices(Value v) {
        List<Integer> nums = v.match().numbers();
        boolean targetX = v.match().spec().name().contains("_eqX") || v.match().spec().name().endsWith("_lfoX");
        if (nums.getFirst() >= 1 && (!targetX || nums.get(1) >= 1)) return true;
        v.warn(v.name() + ": LFO, envelope and EQ numbers start at 1; ignored");
        return false;
    }

    private static boolean point(Value v) {
        if (v.index(1) <= 63) return true;
        v.warn(v.name() + ": envelope points are numbered 0..63; ignored");
        return false;
    }

    /** X of {@code lfoN_waveX}-style aliases: 1 (the main wave) when absent; warns and gives 0 beyond 8. */
    private static int sub(Value v) {
        int x = sub(v.match());
        if (x > 8 || x < 1) { v.warn(v.name() + ": LFO sub-waves are numbered 1..8; ignored"); return 0; }
        return x;
    }

    private static int sub(OpcodeTable.Match m) { return m.numbers().size() > 1 ? m.number(1) : 1; }

    private static Optional<Boolean> flag(Value v) {
        switch (v.text()) {
            case "1", "on", "true" -> { return Optional.of(true); }
            case "0", "off", "false" -> { return Optional.of(false); }
            default -> {
                v.warn(v.name() + ": expected 1 or 0 (on or off), found '" + Lexer.quote(v.text()) + "'");
                return Optional.empty();
            }
        }
    }
}
