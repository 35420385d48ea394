package dev.loophole.formats.sfz;

import dev.loophole.model.Amp;
import dev.loophole.model.Choke;
import dev.loophole.model.Crossfades;
import dev.loophole.model.CrossfadeCurve;
import dev.loophole.model.Curve;
import dev.loophole.model.DoubleRange;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.ExtraSection;
import dev.loophole.model.EqBand;
import dev.loophole.model.Filter;
import dev.loophole.model.FlexEnvelope;
import dev.loophole.model.Lfo;
import dev.loophole.model.Modulation;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.LoopType;
import dev.loophole.model.OffMode;
import dev.loophole.model.Playback;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Trigger;
import dev.loophole.model.Tuning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Random programs an SFZ import can produce: every value inside the range the importer accepts,
 * key ranges ordered, and so on. Each field is left at its default half the time, so that groups
 * share opcodes often enough for the exporter's hoisting to be exercised.
 */
final class ProgramGenerator {
    private static final String[] WORDS = {"Kick", "Snare", "Hat", "Legato", "Soft", "Piano", "Mod Wheel", "Über", "a=b", "x-1", "Café"};
    private static final String[] FILTERS = {"lpf_1p", "hpf_1p", "lpf_2p", "hpf_2p", "bpf_2p", "brf_2p", "lpf_4p", "hpf_6p"};
    private static final String[] UNPLAYED = {"amplfo_freq", "lfo2_ratio", "eq1_dynamic", "eg1_time1_oncc7", "eg1_freq_lfo1",
            "my_custom_opcode", "pitchlfo_depth"};
    private static final String[] EQ_TYPES = {"peak", "lshelf", "hshelf"};
    /** CC routing targets that need no LFO, envelope or band; N-numbered ones are added per region. */
    private static final String[] CC_TARGETS = {"amplitude", "volume", "pan", "width", "position", "pitch", "cutoff", "cutoff2",
            "resonance", "resonance2", "offset", "delay", "amplfo_depth", "fillfo_freq", "pitchlfo_depth", "ampeg_attack",
            "ampeg_sustain", "fileg_release", "pitcheg_start"};
    private static final int[] EXTENDED_CC = {128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 140, 141};

    private final Random r;
    private final Path dir;

    ProgramGenerator(long seed, Path dir) {
        this.r = new Random(seed);
        this.dir = dir;
    }

    private final Map<Integer, Curve> curves = new TreeMap<>();

    Program program() {
        for (int i = r.nextInt(3); i > 0; i--) { int idx = r.nextInt(256); curves.put(idx, curve(idx)); }
        List<SampleGroup> groups = new ArrayList<>();
        int nGroups = 1 + r.nextInt(4), n = 0;
        SampleRegion shared = region("shared");
        for (int g = 0; g < nGroups; g++) {
            List<SampleRegion> regions = new ArrayList<>();
            SampleRegion groupBase = mix(shared, region("base"));
            int nRegions = 1 + r.nextInt(5);
            for (int i = 0; i < nRegions; i++) regions.add(mix(groupBase, region("r" + ++n)));
            groups.add(new SampleGroup("g" + g, word(), regions));
        }
        Map<Integer, Double> initial = new TreeMap<>();
        for (int i = r.nextInt(3); i > 0; i--) initial.put(r.nextInt(128), r.nextBoolean() ? r.nextInt(128) / 127.0 : r.nextInt(1001) / 1000.0);
        ProgramSettings settings = new ProgramSettings(r.nextInt(128), r.nextInt(128), r.nextInt(128), initial, maybe(-1, r.nextInt(128)), 0);
        Map<Integer, String> cc = new TreeMap<>(), keys = new TreeMap<>();
        for (int i = r.nextInt(3); i > 0; i--) cc.put(r.nextInt(512), word());
        for (int i = r.nextInt(3); i > 0; i--) keys.put(r.nextInt(128), word());
        List<ExtraSection> extras = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) extras.add(extra());
        return new Program("p", word(), groups, settings, cc, keys, List.of(), new TreeMap<>(curves), extras);
    }

    /** {@code base} with some of {@code own}'s parts, as a group level under a region level would give. */
    private SampleRegion mix(SampleRegion base, SampleRegion own) {
        SampleRegion.Builder b = base.toBuilder();
        b.regionId = own.regionId();
        if (r.nextBoolean()) b.samples = new ArrayList<>(own.samples());
        if (r.nextBoolean()) { b.keyRange = own.keyRange(); b.conditions = own.conditions(); }
        if (r.nextBoolean()) b.velocityRange = own.velocityRange();
        if (r.nextBoolean()) b.amp = own.amp();
        if (r.nextBoolean()) b.tuning = own.tuning();
        if (r.nextBoolean()) { b.playback = own.playback(); b.loop = own.loop(); }
        if (r.nextBoolean()) b.envelopes = own.envelopes();
        if (r.nextBoolean()) b.filters = new ArrayList<>(own.filters());
        if (r.nextBoolean()) b.choke = own.choke();
        if (r.nextBoolean()) b.crossfades = own.crossfades();
        if (r.nextBoolean()) b.label = own.label();
        if (r.nextBoolean()) b.otherOpcodes.putAll(own.otherOpcodes());
        // LFOs, envelopes, bands and routings refer to each other: they move together.
        if (r.nextBoolean()) { b.lfos = new ArrayList<>(own.lfos()); b.egs = new ArrayList<>(own.egs()); b.eq = new ArrayList<>(own.eq()); b.modulation = new ArrayList<>(own.modulation()); }
        return b.build();
    }

    private SampleRegion region(String id) {
        SampleRegion.Builder b = SampleRegion.builder(id);
        if (r.nextInt(4) > 0) b.samples.add(new SampleRef(sample()));
        IntRange keys = range(0, 127);
        RegionConditions c = conditions();
        b.keyRange = c.noteTriggered() ? keys : new IntRange(keys.lo(), 127);
        b.conditions = c;
        if (r.nextBoolean()) b.velocityRange = range(1, 127);
        if (r.nextBoolean()) b.amp = new Amp(dec(-144, 48), dec(0, 100), dec(-100, 100), dec(-100, 100), dec(-100, 100),
                dec(-100, 100), r.nextInt(128), dec(-96, 12), dec(0, 24), dec(0, 200), velocityCurve(), pick(Amp.PanLaw.values()));
        if (r.nextBoolean()) b.tuning = new Tuning(r.nextInt(128), r.nextInt(255) - 127, dec(-9600, 9600), dec(-1200, 1200),
                dec(-9600, 9600), r.nextInt(19201) - 9600, r.nextInt(19201) - 9600, maybe(1, 1 + r.nextInt(1200)),
                r.nextBoolean() ? 0 : dec(0, 100), r.nextBoolean() ? 0 : dec(0, 9600));
        if (r.nextBoolean()) b.playback = new Playback(r.nextInt(1_000_000), r.nextInt(1000), maybe(-1, r.nextInt(5_000_000)),
                r.nextInt(100), dec(0, 100), dec(0, 100), r.nextBoolean());
        if (r.nextBoolean()) {
            long start = maybe(-1, r.nextInt(100_000)), end = start < 0 ? maybe(-1, r.nextInt(100_000)) : start + r.nextInt(100_000);
            b.loop = new Loop(r.nextBoolean() ? null : pick(LoopMode.values()), pick(LoopType.values()), start, end, dec(0, 1), r.nextInt(10));
        }
        if (r.nextBoolean()) b.envelopes = new Envelopes(envelope(false), envelope(true), envelope(true));
        for (int f = r.nextBoolean() ? 0 : 1 + r.nextInt(2); f > 0; f--)
            b.filters.add(new Filter(pick(FILTERS), dec(20, 20000), dec(0, 40), dec(0, 1200), r.nextInt(128), dec(-9600, 9600), dec(-96, 24)));
        if (r.nextBoolean()) modulation(b);
        if (r.nextBoolean()) b.choke = new Choke(r.nextInt(), r.nextInt(20), pick(OffMode.values()), dec(0, 10),
                r.nextInt(65536), r.nextInt(65536), r.nextBoolean(), r.nextBoolean());
        if (r.nextBoolean()) b.crossfades = new Crossfades(maybeRange(0, 127), maybeRange(0, 127), maybeRange(0, 127),
                maybeRange(0, 127), ccMap(), ccMap(), pick(CrossfadeCurve.values()), pick(CrossfadeCurve.values()), pick(CrossfadeCurve.values()));
        if (r.nextInt(4) == 0) b.label = word();
        for (int i = r.nextInt(3); i > 0; i--) b.otherOpcodes.put(pick(UNPLAYED), r.nextBoolean() ? word() : RegionWriter.format(dec(-50, 50)));
        return b.build();
    }

    private java.util.SortedMap<Integer, Double> velocityCurve() {
        java.util.SortedMap<Integer, Double> m = new TreeMap<>();
        for (int i = r.nextInt(4); i > 0; i--) m.put(r.nextInt(128), r.nextInt(1001) / 1000.0);
        return m;
    }

    /** LFOs, flex envelopes and EQ bands, and routings that only name those that exist. */
    private void modulation(SampleRegion.Builder b) {
        for (int n : indices(3)) b.lfos.add(new Lfo(n, dec(0, 20), r.nextInt(13), dec(0, 10), dec(0, 10), dec(0, 1), r.nextInt(4),
                steps(), r.nextBoolean() ? 0 : dec(0, 1000) / 1000, dec(-1, 1), subWaves()));
        for (int n : indices(3)) {
            List<FlexEnvelope.Point> points = new ArrayList<>();
            for (int i = r.nextInt(6); i > 0; i--) points.add(new FlexEnvelope.Point(dec(0, 10), dec(-1, 1), r.nextBoolean() ? 0 : dec(-10, 10)));
            int bound = Math.max(1, points.size());
            b.egs.add(new FlexEnvelope(n, points, r.nextInt(bound), r.nextInt(bound), r.nextInt(4), r.nextBoolean(), r.nextBoolean()));
        }
        for (int n : indices(4)) b.eq.add(new EqBand(n, dec(0, 30000), (1 + r.nextInt(400)) / 100.0, dec(-96, 24), dec(-30000, 30000),
                dec(-96, 24), pick(EQ_TYPES)));
        List<String> ccTargets = new ArrayList<>(List.of(CC_TARGETS)), itemTargets = new ArrayList<>(ModulationAppliers.VOICE_TARGETS);
        for (EqBand e : b.eq) for (String p : ModulationAppliers.EQ_PARAMS) { ccTargets.add("eq" + e.index() + "_" + p); itemTargets.add("eq" + e.index() + "_" + p); }
        List<String> items = new ArrayList<>();
        for (Lfo l : b.lfos) { items.add("lfo" + l.index()); ccTargets.add("lfo" + l.index() + "_freq"); }
        for (FlexEnvelope e : b.egs) items.add("eg" + e.index());
        Map<List<String>, Modulation> routings = new LinkedHashMap<>();
        for (int i = r.nextInt(6); i > 0; i--) {
            String source = items.isEmpty() || r.nextBoolean() ? "cc" + (r.nextInt(4) == 0 ? EXTENDED_CC[r.nextInt(EXTENDED_CC.length)] : r.nextInt(128)) : items.get(r.nextInt(items.size()));
            Modulation m;
            if (source.startsWith("cc")) {
                String target = r.nextInt(3) == 0 && !items.isEmpty() ? items.get(r.nextInt(items.size())) + "_" + pick(itemTargets.toArray(String[]::new))
                        : ccTargets.get(r.nextInt(ccTargets.size()));
                Integer[] curveIndex = curves.keySet().toArray(Integer[]::new);
                int curve = r.nextBoolean() ? 0 : curveIndex.length > 0 && r.nextBoolean() ? pick(curveIndex) : r.nextInt(7);
                double depth = target.equals("offset") ? dec(0, 1000) : dec(-4, 4); // inside every target's documented range
                m = new Modulation(source, target, depth, curve, r.nextBoolean() ? 0 : dec(0, 1000), r.nextBoolean() ? 0 : dec(0, 100));
            } else {
                List<String> targets = new ArrayList<>(itemTargets);
                if (source.startsWith("lfo")) for (Lfo l : b.lfos) { targets.add("lfo" + l.index() + "_freq"); targets.add("lfo" + l.index() + "_depth"); }
                m = Modulation.of(source, targets.get(r.nextInt(targets.size())), dec(-1200, 1200));
            }
            routings.put(List.of(m.source(), m.target()), m);
        }
        b.modulation.addAll(routings.values());
        b.modulation.sort(ModulationDraft.ORDER);
    }

    /** Distinct item numbers from 1, in order. */
    private List<Integer> indices(int max) {
        java.util.TreeSet<Integer> s = new java.util.TreeSet<>();
        for (int i = r.nextInt(max); i > 0; i--) s.add(1 + r.nextInt(max + 1));
        return new ArrayList<>(s);
    }

    private List<Double> steps() {
        List<Double> steps = new ArrayList<>();
        if (r.nextBoolean()) for (int i = 1 + r.nextInt(8); i > 0; i--) steps.add(r.nextBoolean() ? 0 : dec(-100, 100));
        return steps;
    }

    private List<Lfo.SubWave> subWaves() {
        List<Lfo.SubWave> subs = new ArrayList<>();
        for (int x : indices(3)) subs.add(new Lfo.SubWave(x + 1, r.nextInt(13), r.nextBoolean() ? 1 : dec(0, 8), r.nextBoolean() ? 1 : dec(-2, 2), dec(-1, 1)));
        return subs;
    }

    private RegionConditions conditions() {
        if (r.nextBoolean()) return RegionConditions.DEFAULT;
        Map<Integer, DoubleRange> hd = new TreeMap<>();
        for (int i = r.nextInt(3); i > 0; i--) { double a = r.nextInt(1001) / 1000.0, z = r.nextInt(1001) / 1000.0; hd.put(r.nextInt(128), new DoubleRange(Math.min(a, z), Math.max(a, z))); }
        double lo = r.nextInt(1001) / 1000.0, hi = r.nextInt(1001) / 1000.0;
        double b1 = dec(0, 500), b2 = dec(0, 500);
        return new RegionConditions(range(1, 16), ccMap(), range(-8192, 8192), Math.min(lo, hi), Math.max(lo, hi),
                1 + r.nextInt(100), 1 + r.nextInt(100), pick(Trigger.values()), maybeRange(0, 127), maybe(-1, r.nextInt(128)),
                maybe(-1, r.nextInt(128)), maybe(-1, r.nextInt(128)), maybe(-1, r.nextInt(128)), r.nextBoolean() ? null : word(),
                maybeRange(0, 127), range(0, 127), range(0, 127), range(0, 127), new DoubleRange(Math.min(b1, b2), Math.max(b1, b2)),
                hd, ccMap(), r.nextInt(4) > 0);
    }

    private Envelope envelope(boolean withDepth) {
        // Levels come from percent text, as an import makes them.
        double[] shapes = new double[3];
        for (int i = 0; i < 3; i++) shapes[i] = r.nextBoolean() ? 0 : dec(-10, 10);
        return new Envelope(dec(0, 100), pct(0, 100), dec(0, 100), dec(0, 100), dec(0, 100), pct(0, 100), dec(0, 100),
                withDepth ? r.nextInt(24001) - 12000 : 0, dec(-100, 100), dec(-100, 100), dec(-100, 100), dec(-100, 100),
                pct(-100, 100), dec(-100, 100), withDepth ? r.nextInt(24001) - 12000 : 0, shapes[0], shapes[1], shapes[2], r.nextInt(4) == 0);
    }

    private Curve curve(int index) {
        List<Double> v = new ArrayList<>();
        boolean ramp = r.nextBoolean();
        for (int i = 0; i < 128; i++) v.add(ramp ? i / 127.0 : r.nextInt(201) / 100.0 - 1);
        return new Curve(index, v);
    }

    private ExtraSection extra() {
        Map<String, String> ops = new LinkedHashMap<>();
        String header = pick(new String[] {"effect", "midi", "control"});
        for (int i = 1 + r.nextInt(3); i > 0; i--) ops.put(pick(new String[] {"type", "bus", "reverb_wet", "hint_ram_based", "dsp_order"}), word());
        return new ExtraSection(header, ops, null);
    }

    private String sample() {
        return switch (r.nextInt(4)) {
            case 0 -> pick(new String[] {"*sine", "*saw", "*noise"});
            case 1 -> dir.resolve("samples/" + word() + " 0" + r.nextInt(9) + ".wav").toString();
            case 2 -> dir.resolve("deep/er/" + word() + ".flac").toString();
            default -> "/elsewhere/library/" + word() + ".wav";
        };
    }

    private Map<Integer, IntRange> ccMap() {
        Map<Integer, IntRange> m = new TreeMap<>();
        for (int i = r.nextInt(3); i > 0; i--) m.put(r.nextInt(128), range(0, 127));
        return m;
    }

    private IntRange range(int lo, int hi) {
        int a = lo + r.nextInt(hi - lo + 1), b = lo + r.nextInt(hi - lo + 1);
        return new IntRange(Math.min(a, b), Math.max(a, b));
    }

    private IntRange maybeRange(int lo, int hi) { return r.nextBoolean() ? null : range(lo, hi); }

    private int maybe(int absent, int value) { return r.nextBoolean() ? absent : value; }

    /** A number with up to three decimals, as files write them. */
    private double dec(double lo, double hi) {
        double v = lo + r.nextDouble() * (hi - lo);
        return switch (r.nextInt(3)) {
            case 0 -> Math.rint(v);
            case 1 -> Math.min(hi, Math.max(lo, Math.rint(v * 10) / 10));
            default -> Math.min(hi, Math.max(lo, Math.rint(v * 1000) / 1000));
        };
    }

    private double pct(double lo, double hi) { return dec(lo, hi) / 100; }

    private String word() { return WORDS[r.nextInt(WORDS.length)]; }

    private <T> T pick(T[] options) { return options[r.nextInt(options.length)]; }
}
