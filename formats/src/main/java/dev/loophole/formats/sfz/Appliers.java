package dev.loophole.formats.sfz;

import dev.loophole.model.Amp;
import dev.loophole.model.CrossfadeCurve;
import dev.loophole.model.LoopMode;
import dev.loophole.model.LoopType;
import dev.loophole.model.OffMode;
import dev.loophole.model.SampleRef;
import dev.loophole.model.Trigger;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;

/**
 * The opcodes mapped onto the model, each onto a field of {@link RegionDraft} (the modulation ones are in
 * {@link ModulationAppliers}); every other opcode is kept verbatim and reported as not played yet. Names are
 * the canonical family names of {@link OpcodeTable} (aliases such as {@code loopmode} arrive already
 * resolved); types and ranges come from the table, so a line here only says where a value goes.
 */
final class Appliers {
    @FunctionalInterface
    interface Applier { void apply(RegionDraft d, Value v); }

    static final Set<String> BUILTIN_SAMPLES = Set.of("*sine", "*saw", "*square", "*triangle", "*noise", "*silence");

    // Each lambda written here is linked the first time it is evaluated (≈ 0.2 ms each in a cold JVM, ≈ 130 of them, on
    // the way to a render's first note), so the table is two: the opcodes most libraries write, filled when the class
    // starts, and the rest, filled at the first opcode outside those (a library of plain key/velocity/envelope
    // opcodes never fills it).
    private static final Map<String, Applier> COMMON = fill(Appliers::common);

    /** The other appliers, filled when first asked for. */
    private static final class Rest {
        static final Map<String, Applier> TABLE = fill(Appliers::rest);
    }

    private Appliers() {}

    /** The applier of a matched opcode, or null when the engine does not play it yet. */
    static Applier of(OpcodeTable.Match m) {
        String name = m.spec().name();
        Applier a = COMMON.get(name);
        if (a == null) a = Rest.TABLE.get(name);
        return a != null ? a : ModulationAppliers.of(m);
    }

    /** The names of each table, for a test that no opcode is in both. */
    static List<Set<String>> tables() { return List.of(COMMON.keySet(), Rest.TABLE.keySet()); }

    private static Map<String, Applier> fill(java.util.function.Consumer<Table> topics) {
        Table t = new Table();
        topics.accept(t);
        return t.map;
    }

    /** Appliers by name, being registered; the shapes the opcodes of one value type share are written once. */
    private static final class Table {
        final Map<String, Applier> map = new HashMap<>();

        void on(String name, Applier a) { map.put(name, a); }

        void keptAndPlayed(String name) {
            on(name, (d, v) -> d.other.put(v.name(), v.text()));
        }

        void integer(String name, ObjIntConsumer<RegionDraft> set) {
            on(name, (d, v) -> v.integer().ifPresent(i -> set.accept(d, i)));
        }

        void key(String name, ObjIntConsumer<RegionDraft> set) {
            on(name, (d, v) -> v.key().ifPresent(k -> set.accept(d, k)));
        }

        void number(String name, ObjDoubleConsumer<RegionDraft> set) {
            on(name, (d, v) -> v.number().ifPresent(x -> set.accept(d, x)));
        }

        void longInteger(String name, ObjLongConsumer<RegionDraft> set) {
            on(name, (d, v) -> v.longInteger().ifPresent(x -> set.accept(d, x)));
        }
    }

    /** The opcodes most libraries write: the sample, key and velocity, pitch, level, sample reading, envelopes. */
    private static void common(Table t) {
        t.on("sample", Appliers::sample);
        // ARIA's output: the instrument output (stereo pair) the region plays on; the model keeps it on the sample.
        t.on("output", (d, v) -> v.integer().ifPresent(i -> d.output = Math.clamp(i, 0, 63)));

        // Key, velocity and the other conditions a note must meet.
        // hikey=-1 / key=-1: no note starts the region (it is started by a CC, for example). The range
        // goes back to its default then, so the model has one way to say it and export can write it back.
        t.on("lokey", (d, v) -> { if (v.text().equals("-1")) d.lokey = 0; else v.key().ifPresent(k -> d.lokey = k); });
        t.on("hikey", (d, v) -> {
            if (v.text().equals("-1")) { d.hikey = 127; d.noteTriggered = false; }
            else v.key().ifPresent(k -> { d.hikey = k; d.noteTriggered = true; });
        });
        t.on("key", (d, v) -> {
            if (v.text().equals("-1")) { d.lokey = 0; d.hikey = 127; d.noteTriggered = false; }
            else v.key().ifPresent(k -> { d.lokey = k; d.hikey = k; d.pitchKeycenter = k; d.noteTriggered = true; });
        });
        t.integer("lovel", (d, i) -> d.lovel = i);
        t.integer("hivel", (d, i) -> d.hivel = i);

        // Pitch.
        t.on("pitch_keycenter", Appliers::pitchKeycenter);
        t.integer("transpose", (d, i) -> d.transpose = i);
        // Documented as -100..100 cents, but libraries detune further and players accept it.
        t.on("tune", (d, v) -> v.number(-9600.0, 9600.0).ifPresent(x -> d.tune = x));
        t.number("pitch_keytrack", (d, x) -> d.pitchKeytrack = x);
        t.number("pitch_veltrack", (d, x) -> d.pitchVeltrack = x);
        t.integer("bend_up", (d, i) -> d.bendUp = i);
        t.integer("bend_down", (d, i) -> d.bendDown = i);
        // The model has one bend step; stepup and stepdown set it too (the last one written wins).
        for (String step : new String[] {"bend_step", "bend_stepup", "bend_stepdown"}) t.integer(step, (d, i) -> d.bendStep = i);
        t.number("bend_smooth", (d, x) -> d.bendSmooth = x);
        t.number("pitch_random", (d, x) -> d.pitchRandom = x);

        // Level and stereo placement.
        // Documented up to +6 dB; players accept more and libraries use it (gain_ccN goes to +48).
        t.on("volume", (d, v) -> v.number(-144.0, 48.0).ifPresent(x -> d.volume = x));
        t.number("amplitude", (d, x) -> d.amplitude = x);
        t.number("pan", (d, x) -> d.pan = x);
        t.number("width", (d, x) -> d.width = x);
        t.number("position", (d, x) -> d.position = x);
        t.number("amp_veltrack", (d, x) -> d.ampVeltrack = x);
        t.key("amp_keycenter", (d, k) -> d.ampKeycenter = k);
        t.number("amp_keytrack", (d, x) -> d.ampKeytrack = x);
        t.number("amp_random", (d, x) -> d.ampRandom = x);
        t.number("rt_decay", (d, x) -> d.rtDecay = x);

        // Sample reading.
        t.longInteger("offset", (d, x) -> d.offset = x);
        t.longInteger("offset_random", (d, x) -> d.offsetRandom = x);
        t.longInteger("end", (d, x) -> d.end = x);
        t.integer("count", (d, i) -> d.count = i);
        t.number("delay", (d, x) -> d.delay = x);
        t.number("delay_random", (d, x) -> d.delayRandom = x);
        t.on("direction", (d, v) -> v.choice().ifPresent(s -> d.reverse = s.equals("reverse")));
        t.on("loop_mode", (d, v) -> {
            LoopMode m = LoopMode.fromSfz(v.text());
            if (m != null) d.loopMode = m;
            else v.warn(v.name() + ": expected one of no_loop, one_shot, loop_continuous, loop_sustain, found '" + Lexer.quote(v.text()) + "'");
        });
        t.on("loop_type", (d, v) -> v.choice().ifPresent(s -> d.loopType = LoopType.fromSfz(s)));
        t.longInteger("loop_start", (d, x) -> d.loopStart = x);
        t.longInteger("loop_end", (d, x) -> d.loopEnd = x);
        t.on("loop_crossfade", (d, v) -> v.number(0.0, null).ifPresent(x -> d.loopCrossfade = x));
        t.on("loop_count", (d, v) -> v.integer(0.0, null).ifPresent(i -> d.loopCount = i));

        // Envelopes: SFZ writes start and sustain levels in percent, the model in 0..1.
        String[] egs = {"ampeg", "fileg", "pitcheg"};
        for (int e = 0; e < egs.length; e++) {
            for (RegionDraft.Eg p : RegionDraft.Eg.values()) {
                if (e == 0 && (p == RegionDraft.Eg.DEPTH || p == RegionDraft.Eg.VEL2DEPTH)) continue;
                int eg = e, slot = p.ordinal();
                boolean percent = p == RegionDraft.Eg.START || p == RegionDraft.Eg.SUSTAIN || p == RegionDraft.Eg.VEL2SUSTAIN;
                t.number(egs[e] + "_" + p.name().toLowerCase(java.util.Locale.ROOT),
                        (d, x) -> d.eg[eg][slot] = percent ? x / 100 : x);
            }
            int dynamicEg = e;
            t.on(egs[e] + "_dynamic", (d, v) -> v.integer().ifPresent(i -> d.egDynamic[dynamicEg] = i == 1));
            String[] stages = {"attack", "decay", "release"};
            for (int s = 0; s < stages.length; s++) {
                int eg = e, stage = s;
                t.number(egs[e] + "_" + stages[s] + "_shape", (d, x) -> d.egShape[eg][stage] = x);
            }
        }
    }

    /** Every other opcode mapped onto a field. */
    private static void rest(Table t) {
        // The other conditions a note must meet.
        t.integer("lochan", (d, i) -> d.lochan = i);
        t.integer("hichan", (d, i) -> d.hichan = i);
        t.on("loccN", (d, v) -> v.integer().ifPresent(i -> d.ccRange(v.index(0))[0] = i));
        t.on("hiccN", (d, v) -> v.integer().ifPresent(i -> d.ccRange(v.index(0))[1] = i));
        t.integer("lobend", (d, i) -> d.lobend = i);
        t.integer("hibend", (d, i) -> d.hibend = i);
        t.number("lorand", (d, x) -> d.lorand = x);
        t.number("hirand", (d, x) -> d.hirand = x);
        t.integer("seq_length", (d, i) -> d.seqLength = i);
        t.integer("seq_position", (d, i) -> d.seqPosition = i);
        t.on("trigger", (d, v) -> v.choice().ifPresent(s -> d.trigger = Trigger.fromSfz(s)));
        t.key("sw_lokey", (d, k) -> d.swLokey = k);
        t.key("sw_hikey", (d, k) -> d.swHikey = k);
        t.key("sw_last", (d, k) -> d.swLast = k);
        t.key("sw_down", (d, k) -> d.swDown = k);
        t.key("sw_up", (d, k) -> d.swUp = k);
        t.key("sw_previous", (d, k) -> d.swPrevious = k);
        t.on("sw_label", (d, v) -> v.string().ifPresent(s -> d.swLabel = s));
        t.key("sw_lolast", (d, k) -> d.swLolast = k);
        t.key("sw_hilast", (d, k) -> d.swHilast = k);
        t.integer("loprog", (d, i) -> d.loprog = i);
        t.integer("hiprog", (d, i) -> d.hiprog = i);
        t.integer("lochanaft", (d, i) -> d.lochanaft = i);
        t.integer("hichanaft", (d, i) -> d.hichanaft = i);
        t.integer("lopolyaft", (d, i) -> d.lopolyaft = i);
        t.integer("hipolyaft", (d, i) -> d.hipolyaft = i);
        t.number("lobpm", (d, x) -> d.lobpm = x);
        t.number("hibpm", (d, x) -> d.hibpm = x);
        t.on("lohdccN", (d, v) -> v.number().ifPresent(x -> d.hdccRange(v.index(0))[0] = x));
        t.on("hihdccN", (d, v) -> v.number().ifPresent(x -> d.hdccRange(v.index(0))[1] = x));
        t.on("on_loccN", (d, v) -> v.integer().ifPresent(i -> d.onCcRange(v.index(0))[0] = i));
        t.on("on_hiccN", (d, v) -> v.integer().ifPresent(i -> d.onCcRange(v.index(0))[1] = i));

        // Crossfades: each end moves on its own; the other keeps its "no fade" default.
        t.key("xfin_lokey", (d, k) -> (d.xfinKey = RegionDraft.fade(d.xfinKey, true))[0] = k);
        t.key("xfin_hikey", (d, k) -> (d.xfinKey = RegionDraft.fade(d.xfinKey, true))[1] = k);
        t.key("xfout_lokey", (d, k) -> (d.xfoutKey = RegionDraft.fade(d.xfoutKey, false))[0] = k);
        t.key("xfout_hikey", (d, k) -> (d.xfoutKey = RegionDraft.fade(d.xfoutKey, false))[1] = k);
        t.integer("xfin_lovel", (d, i) -> (d.xfinVel = RegionDraft.fade(d.xfinVel, true))[0] = i);
        t.integer("xfin_hivel", (d, i) -> (d.xfinVel = RegionDraft.fade(d.xfinVel, true))[1] = i);
        t.integer("xfout_lovel", (d, i) -> (d.xfoutVel = RegionDraft.fade(d.xfoutVel, false))[0] = i);
        t.integer("xfout_hivel", (d, i) -> (d.xfoutVel = RegionDraft.fade(d.xfoutVel, false))[1] = i);
        t.on("xfin_loccN", (d, v) -> v.integer().ifPresent(i -> d.xfinCc.computeIfAbsent(v.index(0), n -> RegionDraft.fade(null, true))[0] = i));
        t.on("xfin_hiccN", (d, v) -> v.integer().ifPresent(i -> d.xfinCc.computeIfAbsent(v.index(0), n -> RegionDraft.fade(null, true))[1] = i));
        t.on("xfout_loccN", (d, v) -> v.integer().ifPresent(i -> d.xfoutCc.computeIfAbsent(v.index(0), n -> RegionDraft.fade(null, false))[0] = i));
        t.on("xfout_hiccN", (d, v) -> v.integer().ifPresent(i -> d.xfoutCc.computeIfAbsent(v.index(0), n -> RegionDraft.fade(null, false))[1] = i));
        t.on("xf_keycurve", (d, v) -> v.choice().ifPresent(s -> d.xfKeyCurve = CrossfadeCurve.fromSfz(s)));
        t.on("xf_velcurve", (d, v) -> v.choice().ifPresent(s -> d.xfVelCurve = CrossfadeCurve.fromSfz(s)));
        t.on("xf_cccurve", (d, v) -> v.choice().ifPresent(s -> d.xfCcCurve = CrossfadeCurve.fromSfz(s)));

        // Names: a region's label is its own; group and master labels name the SampleGroup (read by ProgramAssembler).
        t.on("region_label", (d, v) -> v.string().ifPresent(s -> d.label = s));
        t.on("group_label", (d, v) -> {});
        t.on("master_label", (d, v) -> {});

        // Level: velocity curves, pan law, ARIA's per-level values.
        t.on("amp_velcurve_N", (d, v) -> {
            if (v.index(0) > 127) v.warn(v.name() + ": expected a velocity amp_velcurve_0..amp_velcurve_127; ignored");
            else v.number().ifPresent(x -> d.velocityCurve.put(v.index(0), x));
        });
        t.on("pan_law", (d, v) -> v.choice().ifPresent(s -> d.panLaw = Amp.PanLaw.fromSfz(s)));
        // ARIA's global_, master_ and group_ level and tuning: each level's own value, combined with the region's at the end.
        String[] levels = {"global", "master", "group"};
        for (int l = 0; l < levels.length; l++) {
            int level = l;
            t.on(levels[l] + "_volume", (d, v) -> v.number(-144.0, 48.0).ifPresent(x -> d.levelVolume[level] = x));
            t.number(levels[l] + "_amplitude", (d, x) -> d.levelAmplitude[level] = x);
            t.number(levels[l] + "_tune", (d, x) -> d.levelTune[level] = x);
        }

        // Filter: a region has one only once cutoff is given.
        t.on("fil_type", (d, v) -> v.choice().ifPresent(s -> d.filType = s));
        t.on("cutoff", (d, v) -> v.number(0.0, null).ifPresent(x -> d.cutoff = x));
        t.number("resonance", (d, x) -> d.resonance = x);
        t.number("fil_keytrack", (d, x) -> d.filKeytrack = x);
        t.key("fil_keycenter", (d, k) -> d.filKeycenter = k);
        t.number("fil_veltrack", (d, x) -> d.filVeltrack = x);
        t.number("fil_gain", (d, x) -> d.filGain = x);
        // The second filter, after the first; it exists once cutoff2 is given.
        t.on("fil2_type", (d, v) -> v.choice().ifPresent(s -> d.fil2Type = s));
        t.on("cutoff2", (d, v) -> v.number(0.0, null).ifPresent(x -> d.cutoff2 = x));
        t.number("resonance2", (d, x) -> d.resonance2 = x);
        t.number("fil2_keytrack", (d, x) -> d.fil2Keytrack = x);
        t.key("fil2_keycenter", (d, k) -> d.fil2Keycenter = k);
        t.number("fil2_veltrack", (d, x) -> d.fil2Veltrack = x);
        t.number("fil2_gain", (d, x) -> d.fil2Gain = x);

        // Voice lifecycle.
        t.longInteger("group", (d, x) -> d.group = x);
        t.longInteger("off_by", (d, x) -> d.offBy = x);
        t.on("off_mode", (d, v) -> v.choice().ifPresent(s -> d.offMode = OffMode.fromSfz(s)));
        t.on("off_time", (d, v) -> v.number(0.0, 100.0).ifPresent(x -> d.offTime = x));
        t.on("polyphony", (d, v) -> v.integer(0.0, 65535.0).ifPresent(i -> d.polyphony = i));
        t.on("note_polyphony", (d, v) -> v.integer(0.0, 65535.0).ifPresent(i -> d.notePolyphony = i));
        t.on("note_selfmask", (d, v) -> v.choice().ifPresent(s -> d.noteSelfmask = s.equals("on")));
        t.on("rt_dead", (d, v) -> v.choice().ifPresent(s -> d.rtDead = s.equals("on")));

        // Kept as written and read by the engine from there (no typed home in the model): played, so not warned.
        for (String lfo : new String[]{"amplfo", "fillfo", "pitchlfo"})
            for (String p : new String[]{"freq", "delay", "fade", "depth"}) t.keptAndPlayed(lfo + "_" + p);
        t.keptAndPlayed("sample_quality");
        t.keptAndPlayed("hint_ram_based");
        t.keptAndPlayed("effect1"); // the reverb send, read by the sampler (Sends) into the node graph
        t.keptAndPlayed("effect2"); // the chorus send
    }


    private static void sample(RegionDraft d, Value v) {
        String raw = v.text();
        if (raw.isEmpty()) { v.warn("sample: expected a file path, found nothing"); return; }
        d.samples.clear();
        if (raw.startsWith("*")) {
            if (!BUILTIN_SAMPLES.contains(raw)) v.warn("sample=" + raw + " is not a built-in waveform (" + String.join(" ", BUILTIN_SAMPLES.stream().sorted().toList()) + ")");
            d.samples.add(new SampleRef(raw));
            return;
        }
        Value.Context c = v.context();
        Path embedded = embedded(c.embedded(), raw);
        if (embedded != null) { d.samples.add(new SampleRef(embedded.toString())); return; }
        // As #include: the top-level file's folder first, then the folder of the file this opcode is written in.
        PathResolver.Resolved r = c.paths().resolve(c.root(), c.defaultPath(), raw);
        if (!r.exists()) {
            Path own = Path.of(v.token().at().file()).toAbsolutePath().normalize().getParent();
            PathResolver.Resolved local = own == null || own.equals(c.root().toAbsolutePath().normalize()) ? null
                    : c.paths().resolve(own, c.defaultPath(), raw);
            if (local != null && local.exists()) r = local;
            else v.warn("sample file not found: " + raw + " (looked for " + r.path()
                    + (local == null ? "" : " and " + local.path()) + ")");
        }
        d.samples.add(new SampleRef(r.path().toString()));
    }

    /** The decoded {@code <sample>} a region names: exactly, else ignoring case and folders. */
    private static Path embedded(Map<String, Path> files, String raw) {
        if (files.isEmpty()) return null;
        Path exact = files.get(raw);
        if (exact != null) return exact;
        String base = raw.substring(Math.max(raw.lastIndexOf('/'), raw.lastIndexOf('\\')) + 1);
        for (Map.Entry<String, Path> e : files.entrySet())
            if (e.getKey().equalsIgnoreCase(raw) || e.getKey().equalsIgnoreCase(base)) return e.getValue();
        return null;
    }

    private static void pitchKeycenter(RegionDraft d, Value v) {
        if (v.text().equals("sample")) {
            // The root key then comes from the sample's metadata, which the model cannot say yet.
            d.other.put(v.name(), v.text());
            v.diagnostics().warnOnce("pitch_keycenter=sample " + v.at().file(), v.at(),
                    "pitch_keycenter=sample is parsed but not played yet; key 60 is used");
            return;
        }
        v.key().ifPresent(k -> d.pitchKeycenter = k);
    }
}
