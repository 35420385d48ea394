package dev.loophole.formats.sfz;

import dev.loophole.model.Amp;
import dev.loophole.model.Choke;
import dev.loophole.model.CrossfadeCurve;
import dev.loophole.model.Crossfades;
import dev.loophole.model.DoubleRange;
import dev.loophole.model.Envelope;
import dev.loophole.model.Filter;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopType;
import dev.loophole.model.OffMode;
import dev.loophole.model.Playback;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Trigger;
import dev.loophole.model.Tuning;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The inverse of {@link Appliers}: a region as the opcodes that differ from SFZ's defaults. Every opcode
 * written sets its own fields only, so the exporter may move any of them up to a shared {@code <group>}
 * or {@code <global>} without changing what a re-import builds.
 */
final class RegionWriter {
    private final Function<String, String> samplePath;
    private final Consumer<String> warn;
    private final Map<String, String> out = new LinkedHashMap<>();

    private RegionWriter(Function<String, String> samplePath, Consumer<String> warn) {
        this.samplePath = samplePath;
        this.warn = warn;
    }

    /** {@code samplePath} turns a SampleRef path into the text to write; {@code warn} hears what cannot be written exactly. */
    static Map<String, String> opcodes(SampleRegion r, Function<String, String> samplePath, Consumer<String> warn) {
        RegionWriter w = new RegionWriter(samplePath, warn);
        w.region(r);
        return w.out;
    }

    private void region(SampleRegion r) {
        String id = "region " + r.regionId() + ": ";
        if (!r.samples().isEmpty()) out.put("sample", samplePath.apply(r.sample().path()));
        // the exporter writes a multi-mic region as one region per mic (SampleRegion.forMic) before it comes here
        if (r.samples().size() > 1) warn.accept(id + "only the first of " + r.samples().size() + " samples is written");
        if (r.sample() != null && r.sample().output() > 0) out.put("output", Integer.toString(r.sample().output()));
        if (r.sample() != null && r.sample().channel() >= 0)
            warn.accept(id + "SFZ cannot play channel " + (r.sample().channel() + 1) + " of " + r.sample().path() + " alone; the whole file is written");
        RegionConditions c = r.conditions();
        integer("lokey", r.keyRange().lo(), 0);
        if (c.noteTriggered()) integer("hikey", r.keyRange().hi(), 127);
        else {
            out.put("hikey", "-1");
            if (r.keyRange().hi() != 127) warn.accept(id + "hikey " + r.keyRange().hi() + " is lost: hikey=-1 says no note starts it");
        }
        // SFZ's lovel starts at 1 (syntax.yml); velocity 0 is a note-off, so a range from 0 (SoundFont's) plays the same notes.
        integer("lovel", Math.max(1, r.velocityRange().lo()), 1);
        integer("hivel", r.velocityRange().hi(), 127);
        conditions(c);
        tuning(r.tuning());
        amp(r.amp());
        playback(r.playback(), r.loop());
        String[] egs = {"ampeg", "fileg", "pitcheg"};
        Envelope[] defaults = {Envelope.AMP_DEFAULT, Envelope.MOD_DEFAULT, Envelope.MOD_DEFAULT};
        Envelope[] actual = {r.envelopes().amp(), r.envelopes().filter(), r.envelopes().pitch()};
        for (int e = 0; e < 3; e++) envelope(egs[e], actual[e], defaults[e], id);
        filter(r, id);
        choke(r.choke());
        crossfades(r.crossfades());
        string("region_label", r.label());
        ModulationWriter.write(r, out, message -> warn.accept(id + message));
        r.otherOpcodes().forEach((name, value) -> {
            if (out.containsKey(name)) warn.accept(id + name + "=" + value + " is not written: the model's own value " + out.get(name) + " is");
            else out.put(name, value);
        });
    }

    private void conditions(RegionConditions c) {
        integer("lochan", c.channelRange().lo(), 1);
        integer("hichan", c.channelRange().hi(), 16);
        c.ccRanges().forEach((n, r) -> both("locc" + n, "hicc" + n, r));
        integer("lobend", c.bendRange().lo(), -8192);
        integer("hibend", c.bendRange().hi(), 8192);
        number("lorand", c.randomLo(), 0);
        number("hirand", c.randomHi(), 1);
        integer("seq_length", c.seqLength(), 1);
        integer("seq_position", c.seqPosition(), 1);
        if (c.trigger() != Trigger.ATTACK) out.put("trigger", c.trigger().sfzName());
        if (c.keySwitchRange() != null) both("sw_lokey", "sw_hikey", c.keySwitchRange());
        integer("sw_last", c.swLast(), -1);
        integer("sw_down", c.swDown(), -1);
        integer("sw_up", c.swUp(), -1);
        integer("sw_previous", c.swPrevious(), -1);
        string("sw_label", c.swLabel());
        if (c.lastKeySwitchRange() != null) both("sw_lolast", "sw_hilast", c.lastKeySwitchRange());
        if (!c.programRange().equals(IntRange.MIDI)) both("loprog", "hiprog", c.programRange());
        if (!c.channelAftertouchRange().equals(IntRange.MIDI)) both("lochanaft", "hichanaft", c.channelAftertouchRange());
        if (!c.polyAftertouchRange().equals(IntRange.MIDI)) both("lopolyaft", "hipolyaft", c.polyAftertouchRange());
        number("lobpm", c.bpmRange().lo(), 0);
        number("hibpm", c.bpmRange().hi(), 500);
        c.hdccRanges().forEach((n, r) -> both("lohdcc" + n, "hihdcc" + n, r));
        c.triggerCcRanges().forEach((n, r) -> both("on_locc" + n, "on_hicc" + n, r));
    }

    private void tuning(Tuning t) {
        integer("pitch_keycenter", t.pitchKeycenter(), 60);
        integer("transpose", t.transpose(), 0);
        number("tune", t.tune(), 0);
        number("pitch_keytrack", t.pitchKeytrack(), 100);
        number("pitch_veltrack", t.pitchVeltrack(), 0);
        integer("bend_up", t.bendUp(), 200);
        integer("bend_down", t.bendDown(), -200);
        integer("bend_step", t.bendStep(), 1);
        number("bend_smooth", t.bendSmooth(), 0);
        number("pitch_random", t.pitchRandom(), 0);
    }

    private void amp(Amp a) {
        number("volume", a.volume(), 0);
        number("amplitude", a.amplitude(), 100);
        number("pan", a.pan(), 0);
        number("width", a.width(), 100);
        number("position", a.position(), 0);
        number("amp_veltrack", a.ampVeltrack(), 100);
        integer("amp_keycenter", a.ampKeycenter(), 60);
        number("amp_keytrack", a.ampKeytrack(), 0);
        number("amp_random", a.ampRandom(), 0);
        number("rt_decay", a.rtDecay(), 0);
        a.velocityCurve().forEach((vel, gain) -> out.put("amp_velcurve_" + vel, format(gain)));
        if (a.panLaw() != Amp.PanLaw.MMA) out.put("pan_law", a.panLaw().sfzName());
    }

    private void playback(Playback p, Loop l) {
        integer("offset", p.offset(), 0);
        integer("offset_random", p.offsetRandom(), 0);
        integer("end", p.end(), -1);
        integer("count", p.count(), 0);
        number("delay", p.delay(), 0);
        number("delay_random", p.delayRandom(), 0);
        if (p.reverse()) out.put("direction", "reverse");
        if (l.mode() != null) out.put("loop_mode", l.mode().sfzName());
        if (l.type() != LoopType.FORWARD) out.put("loop_type", l.type().sfzName());
        integer("loop_start", l.start(), -1);
        integer("loop_end", l.end(), -1);
        number("loop_crossfade", l.crossfade(), 0);
        integer("loop_count", l.count(), 0);
    }

    /** The longest envelope stage SFZ's syntax documents (ampeg_, fileg_, pitcheg_ delay … release), seconds. */
    static final double MAX_STAGE_SECONDS = 100;

    /** In the order of {@link RegionDraft.Eg}; start, sustain and vel2sustain are percent in SFZ. */
    private void envelope(String eg, Envelope e, Envelope def, String id) {
        double[] v = RegionDraft.values(e), d = RegionDraft.values(def);
        for (RegionDraft.Eg p : RegionDraft.Eg.values()) {
            int i = p.ordinal();
            if (Double.compare(v[i], d[i]) == 0) continue;
            String name = eg + "_" + p.name().toLowerCase(java.util.Locale.ROOT);
            if (eg.equals("ampeg") && (p == RegionDraft.Eg.DEPTH || p == RegionDraft.Eg.VEL2DEPTH)) {
                warn.accept(id + "the amplitude envelope has no " + p.name().toLowerCase(java.util.Locale.ROOT) + " opcode; not written");
                continue;
            }
            boolean percent = p == RegionDraft.Eg.START || p == RegionDraft.Eg.SUSTAIN || p == RegionDraft.Eg.VEL2SUSTAIN;
            boolean time = p == RegionDraft.Eg.DELAY || p == RegionDraft.Eg.ATTACK || p == RegionDraft.Eg.HOLD
                    || p == RegionDraft.Eg.DECAY || p == RegionDraft.Eg.RELEASE;
            if (time && v[i] > MAX_STAGE_SECONDS) { // SoundFont times reach 101.6 s; SFZ documents stages up to 100
                warn.accept(id + name + " " + format(v[i]) + " s is above SFZ's " + (int) MAX_STAGE_SECONDS + " s: written as "
                        + (int) MAX_STAGE_SECONDS);
                v[i] = MAX_STAGE_SECONDS;
            }
            out.put(name, percent ? percent(v[i]) : format(v[i]));
        }
        number(eg + "_attack_shape", e.attackShape(), 0);
        number(eg + "_decay_shape", e.decayShape(), 0);
        number(eg + "_release_shape", e.releaseShape(), 0);
        if (e.dynamic()) out.put(eg + "_dynamic", "1");
    }

    private void filter(SampleRegion r, String id) {
        if (r.filters().isEmpty()) return;
        if (r.filters().size() > 2) warn.accept(id + "only the first 2 of " + r.filters().size() + " filters are written");
        filter(r.filters().getFirst(), "fil_type", "cutoff", "resonance", "fil_");
        if (r.filters().size() > 1) filter(r.filters().get(1), "fil2_type", "cutoff2", "resonance2", "fil2_");
    }

    private void filter(Filter f, String type, String cutoff, String resonance, String fil) {
        if (!f.type().equals("lpf_2p")) out.put(type, f.type());
        out.put(cutoff, format(f.cutoff()));
        number(resonance, f.resonance(), 0);
        number(fil + "keytrack", f.keytrack(), 0);
        integer(fil + "keycenter", f.keycenter(), 60);
        number(fil + "veltrack", f.veltrack(), 0);
        number(fil + "gain", f.gain(), 0);
    }

    private void choke(Choke c) {
        integer("group", c.group(), 0);
        integer("off_by", c.offBy(), 0);
        if (c.offMode() != OffMode.FAST) out.put("off_mode", c.offMode().sfzName());
        number("off_time", c.offTime(), 0.006);
        integer("polyphony", c.polyphony(), 0);
        integer("note_polyphony", c.notePolyphony(), 0);
        if (!c.noteSelfmask()) out.put("note_selfmask", "off");
        if (c.rtDead()) out.put("rt_dead", "on");
    }

    private void crossfades(Crossfades x) {
        if (x.keyIn() != null) both("xfin_lokey", "xfin_hikey", x.keyIn());
        if (x.keyOut() != null) both("xfout_lokey", "xfout_hikey", x.keyOut());
        if (x.velIn() != null) both("xfin_lovel", "xfin_hivel", x.velIn());
        if (x.velOut() != null) both("xfout_lovel", "xfout_hivel", x.velOut());
        x.ccIn().forEach((n, r) -> both("xfin_locc" + n, "xfin_hicc" + n, r));
        x.ccOut().forEach((n, r) -> both("xfout_locc" + n, "xfout_hicc" + n, r));
        if (x.keyCurve() != CrossfadeCurve.POWER) out.put("xf_keycurve", x.keyCurve().sfzName());
        if (x.velCurve() != CrossfadeCurve.POWER) out.put("xf_velcurve", x.velCurve().sfzName());
        if (x.ccCurve() != CrossfadeCurve.POWER) out.put("xf_cccurve", x.ccCurve().sfzName());
    }

    private void both(String lo, String hi, IntRange r) {
        out.put(lo, Integer.toString(r.lo()));
        out.put(hi, Integer.toString(r.hi()));
    }

    private void both(String lo, String hi, DoubleRange r) {
        out.put(lo, format(r.lo()));
        out.put(hi, format(r.hi()));
    }

    private void integer(String name, long v, long def) {
        if (v != def) out.put(name, Long.toString(v));
    }

    private void number(String name, double v, double def) {
        if (Double.compare(v, def) != 0) out.put(name, format(v));
    }

    private void string(String name, String v) {
        if (v != null) out.put(name, v);
    }

    /** The shortest decimal that reads back as exactly {@code v}, without exponent. */
    static String format(double v) {
        if (v == 0) return Double.compare(v, 0.0) == 0 ? "0" : "-0";
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /** A percent text {@code p} for which the importer's {@code p / 100} gives back exactly {@code v}. */
    static String percent(double v) { return scaled(v, 2); }

    /** A text {@code t} for which the importer's {@code t / 10^places} gives back exactly {@code v} (percent, ms). */
    static String scaled(double v, int places) {
        double factor = Math.pow(10, places), guess = v * factor;
        double[] candidates = {new java.math.BigDecimal(Double.toString(v)).movePointRight(places).doubleValue(), guess,
                Math.nextUp(guess), Math.nextDown(guess), Math.nextUp(Math.nextUp(guess)), Math.nextDown(Math.nextDown(guess))};
        for (double c : candidates) if (Double.compare(Value.parse(format(c)) / factor, v) == 0) return format(c);
        return format(guess); // not reachable for values an import produced; the nearest text is the best there is
    }
}
