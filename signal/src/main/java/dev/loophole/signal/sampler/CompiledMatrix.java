package dev.loophole.signal.sampler;

import dev.loophole.model.Curve;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.FlexEnvelope;
import dev.loophole.model.Lfo;
import dev.loophole.model.Modulation;
import dev.loophole.model.SampleRegion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A region's modulation matrix resolved for the audio thread: every {@link Modulation} routing as
 * parallel arrays of source, target, depth, curve, smoothing and step, plus the v2 LFOs and flex
 * envelopes the routings read. Built on the control side; {@link VoiceMatrix} evaluates it per chunk.
 *
 * <p>Routings that modulate another routing's depth ({@code lfo1_pitch_oncc1}) are ordered before
 * the routing they modulate, so one pass evaluates the whole matrix. Routings whose target is read only
 * when the note starts (envelope stage times, {@code offset}, {@code delay}) are kept apart in
 * {@link #startRoutes}.
 */
final class CompiledMatrix {
    static final int MAX_ROUTES = 64, MAX_LFO_SLOTS = 8, MAX_EGS = 4;

    // Continuous targets; units as in Modulation's javadoc.
    static final int AMPLITUDE = 0, VOLUME = 1, PAN = 2, WIDTH = 3, POSITION = 4, PITCH = 5, CUTOFF = 6, RESONANCE = 7,
            CUTOFF2 = 8, RESONANCE2 = 9, EQ_GAIN = 10, EQ_FREQ = 13, EQ_BW = 16, AMPLFO_DEPTH = 19, FILLFO_DEPTH = 20,
            PITCHLFO_DEPTH = 21, AMPLFO_FREQ = 22, FILLFO_FREQ = 23, PITCHLFO_FREQ = 24, FIL_GAIN = 25, FIL2_GAIN = 26, FILEG_DEPTH = 27, PITCHEG_DEPTH = 28,
            LFO_FREQ = 32, LFO_DEPTH = 48, ROUTE_DEPTH = 64, SINK = ROUTE_DEPTH + MAX_ROUTES, TARGETS = SINK + 1;
    // Source kinds: a controller (0..127 and the SFZ extended 128..141), an LFO, a flex envelope
    static final int SRC_CC = 0, SRC_LFO = 1, SRC_EG = 2;
    // Note-start targets: the three DAHDSR envelopes' seven parameters, then offset, delay and amp_veltrack (%)
    static final String[] EG_NAMES = {"ampeg", "fileg", "pitcheg"};
    static final String[] EG_PARAMS = {"delay", "start", "attack", "hold", "decay", "sustain", "release"};
    static final int START_OFFSET = 21, START_DELAY = 22, START_AMP_VELTRACK = 23, START_TARGETS = 24;

    static final CompiledMatrix EMPTY = new CompiledMatrix();

    final int routes;
    final int[] srcKind, src, target;
    final float[] depth, smoothSeconds, step;
    final float[][] curve;        // 128 points, or null for the straight line
    final boolean[] multiply;     // an LFO or envelope on amplitude scales it; a controller adds percent
    final boolean[] targets = new boolean[TARGETS]; // which targets any routing reaches
    final int[] usedTargets;                         // the same, as a list: the sums a chunk must clear

    /** LFO slots: each model LFO is a main slot plus one per sub-wave; {@link #lfoOwner} is the source index. */
    final int lfoSlots, lfoCount;
    final Lfo[] lfoModel;
    final int[] lfoOwner, lfoWave;
    final double[] lfoRatio, lfoScale, lfoOffset;
    final float[][] lfoSteps;     // the step table of a main slot (dsp.Lfo.stepTable), or null
    final int egCount;
    final double[][] egTimes, egLevels, egShapes;
    final FlexEnvelope[] egModel;
    final int ampEg;              // the flex envelope that replaces ampeg, or -1

    /** Routings read once at note start: (controller source, START_* index, depth, curve). */
    final int startRoutes;
    final int[] startSrc, startTarget;
    final float[] startDepth;
    final float[][] startCurve;

    /**
     * Every routing reads a controller or a note property, unsmoothed, and none modulates another's depth:
     * the sums change only when a source does (a voice skips the chunks where none did).
     */
    final boolean controllersOnly;
    final boolean active;
    /** A controller routing adds to {@code amplitude} (percent): the region's own amplitude is then the base it adds to. */
    final boolean additiveAmplitude;
    /**
     * The region routes CC 7, 10 or 11 itself (to volume/amplitude, or to pan): its routing then replaces the
     * channel stage's default handling of that controller, as SFZ players do, so it is not applied twice.
     */
    final boolean ownsCc7, ownsCc10, ownsCc11;
    /** A routing reads a random source (cc135, cc136): only then does a note draw random values. */
    final boolean readsRandom;
    /** A sample-and-hold LFO draws from the instrument's random sequence while the voice plays (its voices render alone, see VoiceBatch). */
    final boolean drawsWhilePlaying;

    private CompiledMatrix() {
        routes = 0; srcKind = src = target = new int[0]; depth = smoothSeconds = step = new float[0];
        curve = new float[0][]; multiply = new boolean[0];
        lfoSlots = lfoCount = 0; lfoModel = new Lfo[0]; lfoOwner = lfoWave = new int[0];
        lfoRatio = lfoScale = lfoOffset = new double[0];
        egTimes = egLevels = egShapes = new double[0][];
        lfoSteps = new float[0][];
        egCount = 0; egModel = new FlexEnvelope[0]; ampEg = -1;
        startRoutes = 0; startSrc = startTarget = new int[0]; startDepth = new float[0]; startCurve = new float[0][];
        active = false;
        usedTargets = new int[0];
        additiveAmplitude = ownsCc7 = ownsCc10 = ownsCc11 = readsRandom = drawsWhilePlaying = false;
        controllersOnly = true;
    }

    /**
     * @param warn receives one line per routing the engine cannot play (unknown source or target,
     *             over the routing limit), so the caller can report it against the region
     */
    CompiledMatrix(SampleRegion r, Map<Integer, Curve> curves, java.util.function.Consumer<String> warn) {
        // LFOs and envelopes by their SFZ index → slot
        List<Lfo> lfos = r.lfos().size() > MAX_LFO_SLOTS ? r.lfos().subList(0, MAX_LFO_SLOTS) : r.lfos();
        lfoCount = lfos.size();
        lfoModel = lfos.toArray(Lfo[]::new);
        List<int[]> slots = new ArrayList<>(); // {owner, subIndex (-1 main)}
        for (int i = 0; i < lfoCount; i++) {
            slots.add(new int[]{i, -1});
            for (int k = 0; k < lfoModel[i].subWaves().size(); k++) slots.add(new int[]{i, k});
        }
        if (slots.size() > MAX_LFO_SLOTS) {
            warn.accept("more than " + MAX_LFO_SLOTS + " LFO waves in one region: the extra sub-waves are not played");
            slots = slots.subList(0, MAX_LFO_SLOTS);
        }
        lfoSlots = slots.size();
        lfoOwner = new int[lfoSlots]; lfoWave = new int[lfoSlots];
        lfoRatio = new double[lfoSlots]; lfoScale = new double[lfoSlots]; lfoOffset = new double[lfoSlots];
        lfoSteps = new float[lfoSlots][];
        for (int s = 0; s < lfoSlots; s++) {
            Lfo l = lfoModel[slots.get(s)[0]];
            int sub = slots.get(s)[1];
            lfoOwner[s] = slots.get(s)[0];
            if (sub < 0) {
                lfoWave[s] = l.wave(); lfoRatio[s] = 1; lfoScale[s] = 1; lfoOffset[s] = l.offset();
                if (!l.steps().isEmpty()) lfoSteps[s] = dev.loophole.signal.dsp.Lfo.stepTable(l.steps().stream().mapToDouble(Double::doubleValue).toArray());
            }
            else {
                Lfo.SubWave w = l.subWaves().get(sub);
                lfoWave[s] = w.wave(); lfoRatio[s] = w.ratio(); lfoScale[s] = w.scale(); lfoOffset[s] = w.offset();
            }
        }
        List<FlexEnvelope> egs = r.egs().size() > MAX_EGS ? r.egs().subList(0, MAX_EGS) : r.egs();
        if (r.egs().size() > MAX_EGS) warn.accept("more than " + MAX_EGS + " flex envelopes in one region: the rest are not played");
        egCount = egs.size();
        egModel = egs.toArray(FlexEnvelope[]::new);
        egTimes = new double[egCount][]; egLevels = new double[egCount][]; egShapes = new double[egCount][];
        for (int i = 0; i < egCount; i++) {
            List<FlexEnvelope.Point> p = egModel[i].points();
            egTimes[i] = p.stream().mapToDouble(FlexEnvelope.Point::time).toArray();
            egLevels[i] = p.stream().mapToDouble(FlexEnvelope.Point::level).toArray();
            egShapes[i] = p.stream().mapToDouble(FlexEnvelope.Point::shape).toArray();
        }
        int amp = -1;
        for (int i = 0; i < egCount; i++) if (egModel[i].ampeg()) { amp = i; break; }
        ampEg = amp;

        // Split routings: note-start ones, depth modulators, the rest.
        List<Modulation> live = new ArrayList<>(), start = new ArrayList<>();
        List<int[]> liveIds = new ArrayList<>(); // {kind, src, target(-1 pending route)}
        List<int[]> startIds = new ArrayList<>();
        List<Modulation> routings = new ArrayList<>(r.modulation());
        routings.addAll(velocityRoutings(r.envelopes()));
        for (Modulation m : routings) {
            if (Sends.isSendTarget(m.target())) continue; // effect sends are the instrument's (Sends), not a voice's
            int[] s = source(m.source());
            if (s == null) { warn.accept("modulation source '" + m.source() + "' is not played"); continue; }
            int st = startTarget(m.target());
            if (st >= 0) {
                if (s[0] != SRC_CC) { warn.accept(m.source() + " → " + m.target() + ": only controllers can set a value read at note start"); continue; }
                start.add(m); startIds.add(new int[]{s[1], st});
                continue;
            }
            live.add(m); liveIds.add(s);
        }
        // Depth routings name their routing by its source and target ("lfo1_pitch" = lfo1 → pitch); order them first.
        List<Integer> order = new ArrayList<>();
        int[] routeOf = new int[live.size()];
        java.util.Arrays.fill(routeOf, -1);
        for (int i = 0; i < live.size(); i++) if (modulatesDepth(live.get(i).target(), live)) order.add(i);
        for (int i = 0; i < live.size(); i++) if (!modulatesDepth(live.get(i).target(), live)) order.add(i);
        if (order.size() > MAX_ROUTES) {
            warn.accept(order.size() + " modulation routings in one region: only the first " + MAX_ROUTES + " are played");
            order = order.subList(0, MAX_ROUTES);
        }
        for (int k = 0; k < order.size(); k++) routeOf[order.get(k)] = k;
        int n = order.size();
        srcKind = new int[n]; src = new int[n]; target = new int[n];
        depth = new float[n]; smoothSeconds = new float[n]; step = new float[n];
        curve = new float[n][]; multiply = new boolean[n];
        int kept = 0;
        for (int k = 0; k < n; k++) {
            int i = order.get(k);
            Modulation m = live.get(i);
            int t = continuousTarget(m.target());
            if (t < 0) {
                int dr = depthRoute(m.target(), live);
                t = dr >= 0 && routeOf[dr] >= 0 ? ROUTE_DEPTH + routeOf[dr] : -1;
            }
            if (t < 0) { warn.accept("modulation target '" + m.target() + "' is not played"); t = SINK; }
            srcKind[k] = liveIds.get(i)[0]; src[k] = liveIds.get(i)[1]; target[k] = t;
            if (srcKind[k] != SRC_CC) { // an LFO or envelope by its SFZ number → its place in this region
                int found = -1;
                if (srcKind[k] == SRC_LFO) { for (int j = 0; j < lfoCount; j++) if (lfoModel[j].index() == src[k]) found = j; }
                else for (int j = 0; j < egCount; j++) if (egModel[j].index() == src[k]) found = j;
                if (found < 0) { warn.accept(m.source() + " is used but not defined in this region"); target[k] = t = SINK; }
                else src[k] = found;
            }
            depth[k] = (float) m.depth();
            smoothSeconds[k] = (float) (m.smooth() / 1000);
            step[k] = (float) m.step();
            curve[k] = srcKind[k] == SRC_CC ? CurveTables.of(m.curve(), curves) : null;
            multiply[k] = t == AMPLITUDE && srcKind[k] != SRC_CC;
            targets[t] = true;
            kept++;
        }
        routes = kept;
        usedTargets = java.util.stream.IntStream.range(0, TARGETS).filter(x -> targets[x]).toArray();
        startRoutes = start.size();
        startSrc = new int[startRoutes]; startTarget = new int[startRoutes];
        startDepth = new float[startRoutes]; startCurve = new float[startRoutes][];
        for (int i = 0; i < startRoutes; i++) {
            startSrc[i] = startIds.get(i)[0]; startTarget[i] = startIds.get(i)[1];
            startDepth[i] = (float) start.get(i).depth();
            startCurve[i] = CurveTables.of(start.get(i).curve(), curves);
        }
        active = routes > 0 || lfoCount > 0 || egCount > 0;
        boolean still = lfoSlots == 0 && egCount == 0;
        for (int k = 0; k < routes; k++) still &= smoothSeconds[k] == 0 && (target[k] < ROUTE_DEPTH || target[k] >= SINK);
        controllersOnly = still;
        boolean add = false;
        for (int k = 0; k < routes; k++) add |= target[k] == AMPLITUDE && !multiply[k];
        additiveAmplitude = add;
        boolean c7 = false, c10 = false, c11 = false;
        for (int k = 0; k < routes; k++) {
            if (srcKind[k] != SRC_CC) continue;
            boolean level = target[k] == AMPLITUDE || target[k] == VOLUME;
            c7 |= src[k] == 7 && level;
            c11 |= src[k] == 11 && level;
            c10 |= src[k] == 10 && target[k] == PAN;
        }
        ownsCc7 = c7; ownsCc10 = c10; ownsCc11 = c11;
        boolean random = false;
        for (int k = 0; k < routes; k++) random |= srcKind[k] == SRC_CC && (src[k] == 135 || src[k] == 136);
        for (int k = 0; k < startRoutes; k++) random |= startSrc[k] == 135 || startSrc[k] == 136;
        readsRandom = random;
        boolean draws = false;
        for (int w : lfoWave) draws |= w == dev.loophole.signal.dsp.Lfo.SAMPLE_AND_HOLD;
        drawsWhilePlaying = draws;
    }

    /** {kind, index} of a source name, or null. */
    static int[] source(String name) {
        if (name.startsWith("cc")) {
            int n = parse(name, 2);
            return n >= 0 && n <= 141 ? new int[]{SRC_CC, n} : null;
        }
        if (name.startsWith("lfo")) { int n = parse(name, 3); return n >= 1 ? new int[]{SRC_LFO, n} : null; }
        if (name.startsWith("eg")) { int n = parse(name, 2); return n >= 1 ? new int[]{SRC_EG, n} : null; }
        return switch (name) {
            case "vel" -> new int[]{SRC_CC, 131};
            case "key", "keynum" -> new int[]{SRC_CC, 133};
            case "pitchbend" -> new int[]{SRC_CC, 128};
            case "chanaft" -> new int[]{SRC_CC, 129};
            case "polyaft" -> new int[]{SRC_CC, 130};
            default -> null;
        };
    }

    private static int parse(String s, int from) {
        if (s.length() <= from || s.length() > from + 4) return -1;
        int n = 0;
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** A continuous target's index, or -1 (another routing's depth, or unknown). */
    static int continuousTarget(String t) {
        switch (t) {
            case "amplitude": return AMPLITUDE;
            case "volume": case "gain": return VOLUME;
            case "pan": return PAN;
            case "width": return WIDTH;
            case "position": return POSITION;
            case "pitch": case "tune": return PITCH;
            case "cutoff": return CUTOFF;
            case "resonance": return RESONANCE;
            case "cutoff2": return CUTOFF2;
            case "resonance2": return RESONANCE2;
            case "fil_gain": return FIL_GAIN;
            case "fil2_gain": return FIL2_GAIN;
            case "fileg_depth": return FILEG_DEPTH;
            case "pitcheg_depth": return PITCHEG_DEPTH;
            case "amplfo_depth": return AMPLFO_DEPTH;
            case "fillfo_depth": return FILLFO_DEPTH;
            case "pitchlfo_depth": return PITCHLFO_DEPTH;
            case "amplfo_freq": return AMPLFO_FREQ;
            case "fillfo_freq": return FILLFO_FREQ;
            case "pitchlfo_freq": return PITCHLFO_FREQ;
            default: break;
        }
        if (t.startsWith("eq") && t.length() > 3) {
            int band = t.charAt(2) - '1';
            String rest = t.substring(3);
            if (band >= 0 && band < 3) {
                switch (rest) {
                    case "_gain": return EQ_GAIN + band;
                    case "_freq": return EQ_FREQ + band;
                    case "_bw": return EQ_BW + band;
                    default: break;
                }
            }
        }
        if (t.startsWith("lfo") && t.endsWith("_freq")) {
            int n = parse(t.substring(0, t.length() - 5), 3);
            if (n >= 1 && n <= 16) return LFO_FREQ + n - 1; // by SFZ number; VoiceMatrix finds the slots
        }
        if (t.startsWith("lfo") && t.endsWith("_depth")) {
            int n = parse(t.substring(0, t.length() - 6), 3);
            if (n >= 1 && n <= 16) return LFO_DEPTH + n - 1; // percent of every routing from LFO n
        }
        return -1;
    }

    /** Targets that scale other routings: they are summed before the routings they scale. */
    private static boolean modulatesDepth(String target, List<Modulation> live) {
        int t = continuousTarget(target);
        return t >= LFO_DEPTH && t < ROUTE_DEPTH || depthRoute(target, live) >= 0;
    }

    /** The routing a depth target names ({@code lfo1_pitch} → the routing lfo1 → pitch), or -1. */
    private static int depthRoute(String target, List<Modulation> live) {
        int u = target.indexOf('_');
        if (u < 0 || !(target.startsWith("lfo") || target.startsWith("eg"))) return -1;
        String src = target.substring(0, u), tgt = target.substring(u + 1);
        if (tgt.equals("freq") || tgt.equals("depth")) return -1;
        for (int i = 0; i < live.size(); i++)
            if (live.get(i).source().equals(src) && live.get(i).target().equals(tgt)) return i;
        return -1;
    }

    /**
     * The envelopes' {@code *_vel2*} stage settings as note-start routings from the note-on velocity (cc131, vel/127):
     * SFZ adds each one's amount times velocity/127 to its stage (seconds; the sustain's and start's in percent).
     * The depth ones ({@code fileg_vel2depth}) are not here: the envelopes' depths take them directly.
     */
    static List<Modulation> velocityRoutings(Envelopes e) {
        List<Modulation> out = new ArrayList<>();
        Envelope[] egs = {e.amp(), e.filter(), e.pitch()};
        for (int k = 0; k < egs.length; k++) {
            Envelope g = egs[k];
            double[] by = {g.vel2delay(), g.vel2attack(), g.vel2hold(), g.vel2decay(), g.vel2sustain() * 100, g.vel2release()};
            String[] stage = {"delay", "attack", "hold", "decay", "sustain", "release"};
            for (int i = 0; i < by.length; i++) if (by[i] != 0) out.add(Modulation.of("cc131", EG_NAMES[k] + "_" + stage[i], by[i]));
        }
        return out;
    }

    /** A note-start target's index, or -1. */
    static int startTarget(String t) {
        if (t.equals("offset")) return START_OFFSET;
        if (t.equals("delay")) return START_DELAY;
        if (t.equals("amp_veltrack")) return START_AMP_VELTRACK;
        int u = t.indexOf('_');
        if (u < 0) return -1;
        int eg = java.util.Arrays.asList(EG_NAMES).indexOf(t.substring(0, u));
        int p = java.util.Arrays.asList(EG_PARAMS).indexOf(t.substring(u + 1));
        return eg >= 0 && p >= 0 ? eg * 7 + p : -1;
    }
}
