package dev.loophole.formats.sfz;

import dev.loophole.model.Amp;
import dev.loophole.model.Choke;
import dev.loophole.model.CrossfadeCurve;
import dev.loophole.model.Crossfades;
import dev.loophole.model.DoubleRange;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.Filter;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.LoopType;
import dev.loophole.model.OffMode;
import dev.loophole.model.Playback;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.SourceLocation;
import dev.loophole.model.Trigger;
import dev.loophole.model.Tuning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The flat, mutable state of one region while its global, master, group and region opcodes are
 * applied in order. Opcodes set single fields here; the model's immutable records are built once at
 * the end, where cross-field rules (low above high, loop end before start) are settled.
 * Initial values are the model's defaults, which are SFZ's.
 */
final class RegionDraft {
    /** Envelope parameters, in the order of {@link Envelope}'s components. */
    enum Eg { DELAY, START, ATTACK, HOLD, DECAY, SUSTAIN, RELEASE, DEPTH,
        VEL2DELAY, VEL2ATTACK, VEL2HOLD, VEL2DECAY, VEL2SUSTAIN, VEL2RELEASE, VEL2DEPTH }

    final List<SampleRef> samples = new ArrayList<>();
    int lokey = 0, hikey = 127, lovel = 1, hivel = 127, lochan = 1, hichan = 16, lobend = -8192, hibend = 8192;
    final Map<Integer, int[]> cc = new TreeMap<>();
    double lorand = 0, hirand = 1;
    int seqLength = 1, seqPosition = 1;
    Trigger trigger = Trigger.ATTACK;
    int swLokey = -1, swHikey = -1, swLast = -1, swDown = -1, swUp = -1, swPrevious = -1, swLolast = -1, swHilast = -1;
    String swLabel;
    int loprog = 0, hiprog = 127, lochanaft = 0, hichanaft = 127, lopolyaft = 0, hipolyaft = 127;
    double lobpm = 0, hibpm = 500;
    final Map<Integer, double[]> hdcc = new TreeMap<>();
    final Map<Integer, int[]> onCc = new TreeMap<>();
    boolean noteTriggered = true;
    String label;

    /** Crossfade ranges as {lo, hi}; null until the file gives one end. */
    int[] xfinKey, xfoutKey, xfinVel, xfoutVel;
    final Map<Integer, int[]> xfinCc = new TreeMap<>(), xfoutCc = new TreeMap<>();
    CrossfadeCurve xfKeyCurve = CrossfadeCurve.POWER, xfVelCurve = CrossfadeCurve.POWER, xfCcCurve = CrossfadeCurve.POWER;

    int pitchKeycenter = 60, transpose = 0, bendUp = 200, bendDown = -200, bendStep = 1;
    double tune = 0, pitchKeytrack = 100, pitchVeltrack = 0, bendSmooth = 0, pitchRandom = 0;

    double volume = 0, amplitude = 100, pan = 0, width = 100, position = 0, ampVeltrack = 100;
    double ampKeytrack = 0, ampRandom = 0, rtDecay = 0;
    int ampKeycenter = 60;
    final TreeMap<Integer, Double> velocityCurve = new TreeMap<>();
    Amp.PanLaw panLaw = Amp.PanLaw.MMA;

    long offset = 0, offsetRandom = 0, end = -1;
    int count = 0;
    double delay = 0, delayRandom = 0;
    boolean reverse;

    LoopMode loopMode;
    LoopType loopType = LoopType.FORWARD;
    long loopStart = -1, loopEnd = -1;
    double loopCrossfade = 0;
    int loopCount = 0;

    /** ampeg, fileg, pitcheg. */
    final double[][] eg = {values(Envelope.AMP_DEFAULT), values(Envelope.MOD_DEFAULT), values(Envelope.MOD_DEFAULT)};
    /** Attack, decay and release shapes of ampeg, fileg, pitcheg. */
    final double[][] egShape = new double[3][3];
    /** ampeg_dynamic, fileg_dynamic, pitcheg_dynamic. */
    final boolean[] egDynamic = new boolean[3];
    /** global_, master_ and group_ volume (dB, added), amplitude (%, multiplied) and tune (cents, added). */
    final double[] levelVolume = new double[3], levelTune = new double[3], levelAmplitude = {100, 100, 100};

    long group = 0, offBy = 0;
    OffMode offMode = OffMode.FAST;
    double offTime = 0.006;
    int polyphony = 0, notePolyphony = 0;
    boolean noteSelfmask = true, rtDead = false;

    String filType = "lpf_2p";
    double cutoff = Double.NaN, resonance = 0, filKeytrack = 0, filVeltrack = 0, filGain = 0;
    int filKeycenter = 60;
    String fil2Type = "lpf_2p";
    double cutoff2 = Double.NaN, resonance2 = 0, fil2Keytrack = 0, fil2Veltrack = 0, fil2Gain = 0;
    int fil2Keycenter = 60;

    final ModulationDraft mod = new ModulationDraft();

    final Map<String, String> other = new LinkedHashMap<>();
    int output;

    int[] ccRange(int number) { return cc.computeIfAbsent(number, n -> new int[] {0, 127}); }

    double[] hdccRange(int number) { return hdcc.computeIfAbsent(number, n -> new double[] {0, 1}); }

    int[] onCcRange(int number) { return onCc.computeIfAbsent(number, n -> new int[] {0, 127}); }

    /** A fade-in starts at 0..0 (no fade) and a fade-out at 127..127 until the file moves an end. */
    static int[] fade(int[] range, boolean in) { return range != null ? range : in ? new int[] {0, 0} : new int[] {127, 127}; }

    SampleRegion build(String regionId, SourceLocation origin, Diagnostics d) {
        SampleRegion.Builder b = SampleRegion.builder(regionId);
        for (dev.loophole.model.SampleRef s : samples) b.samples.add(output == 0 ? s : s.asMic(s.volume(), s.pan(), output));
        b.keyRange = range("key", lokey, hikey, origin, d);
        b.velocityRange = range("velocity", lovel, hivel, origin, d);
        Map<Integer, IntRange> ccRanges = new TreeMap<>();
        cc.forEach((n, r) -> ccRanges.put(n, range("cc" + n, r[0], r[1], origin, d)));
        IntRange sw = swLokey < 0 && swHikey < 0 ? null
                : range("sw key", swLokey < 0 ? 0 : swLokey, swHikey < 0 ? 127 : swHikey, origin, d);
        double rLo = Math.min(lorand, hirand), rHi = Math.max(lorand, hirand);
        if (lorand > hirand) d.warn(origin, "lorand " + lorand + " is above hirand " + hirand + "; swapped");
        IntRange lastSw = swLolast < 0 && swHilast < 0 ? null
                : range("sw_lolast..sw_hilast", swLolast < 0 ? 0 : swLolast, swHilast < 0 ? 127 : swHilast, origin, d);
        Map<Integer, DoubleRange> hdccRanges = new TreeMap<>();
        hdcc.forEach((n, r) -> hdccRanges.put(n, new DoubleRange(Math.min(r[0], r[1]), Math.max(r[0], r[1]))));
        Map<Integer, IntRange> onCcRanges = new TreeMap<>();
        onCc.forEach((n, r) -> onCcRanges.put(n, range("on_cc" + n, r[0], r[1], origin, d)));
        b.conditions = new RegionConditions(range("channel", lochan, hichan, origin, d), ccRanges,
                range("bend", lobend, hibend, origin, d), rLo, rHi, seqLength, Math.min(seqPosition, 100), trigger,
                sw, swLast, swDown, swUp, swPrevious, swLabel, lastSw, range("program", loprog, hiprog, origin, d),
                range("channel aftertouch", lochanaft, hichanaft, origin, d),
                range("poly aftertouch", lopolyaft, hipolyaft, origin, d),
                new DoubleRange(Math.min(lobpm, hibpm), Math.max(lobpm, hibpm)), hdccRanges, onCcRanges, noteTriggered);
        b.crossfades = new Crossfades(xf("xfin key", xfinKey, origin, d), xf("xfout key", xfoutKey, origin, d),
                xf("xfin vel", xfinVel, origin, d), xf("xfout vel", xfoutVel, origin, d), xfCc("xfin", xfinCc, origin, d),
                xfCc("xfout", xfoutCc, origin, d), xfKeyCurve, xfVelCurve, xfCcCurve);
        b.label = label;
        b.amp = new Amp(volume + levelDb(), amplitude, pan, width, position, ampVeltrack, ampKeycenter, ampKeytrack, ampRandom, rtDecay,
                velocityCurve, panLaw);
        b.tuning = new Tuning(pitchKeycenter, transpose, tune + levelTune[0] + levelTune[1] + levelTune[2], pitchKeytrack, pitchVeltrack, bendUp, bendDown, bendStep, bendSmooth, pitchRandom);
        b.playback = new Playback(offset, offsetRandom, end, count, delay, delayRandom, reverse);
        long ls = loopStart, le = loopEnd;
        if (ls >= 0 && le >= 0 && le < ls) {
            d.warn(origin, "loop_end " + le + " is before loop_start " + ls + "; the sample's own loop points are used");
            ls = -1;
            le = -1;
        }
        b.loop = new Loop(loopMode, loopType, ls, le, loopCrossfade, loopCount);
        b.envelopes = new Envelopes(envelope(eg[0], egShape[0]).withDynamic(egDynamic[0]),
                envelope(eg[1], egShape[1]).withDynamic(egDynamic[1]), envelope(eg[2], egShape[2]).withDynamic(egDynamic[2]));
        b.choke = new Choke(group, offBy, offMode, offTime, polyphony, notePolyphony, noteSelfmask, rtDead);
        if (!Double.isNaN(cutoff)) {
            if (cutoff > 0) b.filters.add(new Filter(filType, cutoff, resonance, filKeytrack, filKeycenter, filVeltrack, filGain));
            else d.warn(origin, "cutoff=0 leaves the filter out");
        }
        if (!Double.isNaN(cutoff2)) {
            if (cutoff2 <= 0) d.warn(origin, "cutoff2=0 leaves the second filter out");
            else {
                if (b.filters.isEmpty()) d.warn(origin, "cutoff2 without cutoff: the second filter is the region's only filter");
                b.filters.add(new Filter(fil2Type, cutoff2, resonance2, fil2Keytrack, fil2Keycenter, fil2Veltrack, fil2Gain));
            }
        }
        mod.build(b, d);
        b.otherOpcodes.putAll(other);
        b.origin = origin;
        return b.build();
    }

    /**
     * The global, master and group volumes and amplitudes as one gain in dB, added to the region's volume: they
     * scale the whole region, so a controller routing on {@code amplitude} still adds to the region's own amplitude.
     * An amplitude of 0 is −144 dB, SFZ's silence.
     */
    private double levelDb() {
        double db = levelVolume[0] + levelVolume[1] + levelVolume[2];
        for (double a : levelAmplitude) db += a <= 0 ? -144 : 20 * Math.log10(a / 100);
        return db;
    }

    private static IntRange xf(String what, int[] r, SourceLocation origin, Diagnostics d) {
        return r == null ? null : range(what, r[0], r[1], origin, d);
    }

    private static Map<Integer, IntRange> xfCc(String what, Map<Integer, int[]> m, SourceLocation origin, Diagnostics d) {
        Map<Integer, IntRange> out = new TreeMap<>();
        m.forEach((n, r) -> out.put(n, range(what + " cc" + n, r[0], r[1], origin, d)));
        return out;
    }

    private static IntRange range(String what, int lo, int hi, SourceLocation origin, Diagnostics d) {
        if (lo <= hi) return new IntRange(lo, hi);
        d.warn(origin, what + " range low " + lo + " is above high " + hi + "; swapped");
        return new IntRange(hi, lo);
    }

    static double[] values(Envelope e) {
        return new double[] {e.delay(), e.start(), e.attack(), e.hold(), e.decay(), e.sustain(), e.release(), e.depth(),
                e.vel2delay(), e.vel2attack(), e.vel2hold(), e.vel2decay(), e.vel2sustain(), e.vel2release(), e.vel2depth()};
    }

    static Envelope envelope(double[] v, double[] shape) {
        return new Envelope(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12], v[13], v[14],
                shape[0], shape[1], shape[2]);
    }
}
