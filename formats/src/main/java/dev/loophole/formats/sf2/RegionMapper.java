package dev.loophole.formats.sf2;

import static dev.loophole.formats.sf2.Generator.*;

import dev.loophole.model.Amp;
import dev.loophole.model.Choke;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.Filter;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.LoopType;
import dev.loophole.model.Lfo;
import dev.loophole.model.Modulation;
import dev.loophole.model.OffMode;
import dev.loophole.model.Playback;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Tuning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns one resolved (preset zone × instrument zone) into a {@link SampleRegion}, converting every unit. */
final class RegionMapper {
    private final Sf2File f;
    private final Path bank;
    private final Sf2Options options;
    private final java.util.Set<String> warned = new java.util.HashSet<>();

    RegionMapper(Sf2File f, Path bank, Sf2Options options) {
        this.f = f;
        this.bank = bank;
        this.options = options;
    }

    /** {@code shapes}: the curves of the preset being built (see {@link ModulatorMapper.Shapes}), given out as its regions need them. */
    SampleRegion map(ZoneResolver.Resolved r, String regionId, String where, ModulatorMapper.Shapes shapes) {
        Sf2Sample s = r.sample();
        SampleRegion.Builder b = SampleRegion.builder(regionId);
        b.samples.add(new SampleRef(Sf2SampleRef.uri(bank, s.index())));
        b.keyRange = r.keys();
        b.velocityRange = r.vels();
        b.label = s.name();
        b.origin = f.at();
        int fixedKey = r.get(KEYNUM), fixedVel = r.get(VELOCITY);
        int singleKey = fixedKey >= 0 ? fixedKey : r.keys().lo() == r.keys().hi() ? r.keys().lo() : -1;
        List<Sf2File.Mod> mods = Modulators.effective(r.instrumentMods(), r.presetMods());

        // Pitch: root key from overridingRootKey or the sample; cents from fine tune + the sample's correction.
        int root = r.get(OVERRIDING_ROOT_KEY) >= 0 ? r.get(OVERRIDING_ROOT_KEY) : s.originalPitch();
        if (root > 127) {
            warnOnce("root", where + ": sample '" + s.name() + "' has original pitch " + root + " (unpitched): key 60 used");
            root = 60;
        }
        double tune = r.get(FINE_TUNE) + s.pitchCorrection(), keytrack = r.get(SCALE_TUNING);
        if (fixedKey >= 0) { // "keynum" plays every key as this one: fixed pitch at that key's offset
            tune += (fixedKey - root) * keytrack;
            keytrack = 0;
        }
        b.tuning = new Tuning(root, r.get(COARSE_TUNE), tune, keytrack, 0, 200, -200);

        // Level: initialAttenuation scaled (see Sf2Options), velocity→attenuation as amp_veltrack.
        double volume = Sf2Units.attenuationToDb(r.get(INITIAL_ATTENUATION), options.attenuationScale());
        int velAtt = Modulators.velocityAttenuation(mods);
        double veltrack = velAtt == 0 ? 0 : 100;
        if (fixedVel >= 0) {
            volume += -velAtt * Sf2Units.concaveNegative(fixedVel) / 10.0;
            veltrack = 0;
        }
        java.util.SortedMap<Integer, Double> velCurve = new java.util.TreeMap<>();
        if (fixedVel < 0 && velAtt != 0 && velAtt != 960) {
            velCurve = Modulators.velCurvePoints(velAtt);
            warnOnce("velcurve", where + ": velocity→attenuation modulator of " + velAtt
                    + " cB written as amp_velcurve_N points (every 8th velocity, linear between)");
        }
        b.amp = new Amp(volume, 100, Sf2Units.panToModel(r.get(PAN)), 100, 0, veltrack, 60, 0, 0, 0).withVelocityCurve(velCurve);

        ModulatorMapper.Mapped own = ModulatorMapper.map(mods, shapes);
        mapSampleWindow(r, b, where);
        b.envelopes = envelopes(r, singleKey, b, where, shapes);
        b.filters.addAll(filter(r, mods, fixedVel, own.generators()));
        lfos(r, b, where, own.generators());
        if (r.get(REVERB_EFFECTS_SEND) != 0) b.otherOpcodes.put("effect1", Modulators.fmt(r.get(REVERB_EFFECTS_SEND) / 10.0));
        if (r.get(CHORUS_EFFECTS_SEND) != 0) b.otherOpcodes.put("effect2", Modulators.fmt(r.get(CHORUS_EFFECTS_SEND) / 10.0));
        int ec = r.get(EXCLUSIVE_CLASS);
        if (ec != 0) b.choke = new Choke(ec, ec, OffMode.FAST, Choke.NONE.offTime(), 0, 0);
        if (s.isLeft() || s.isRight()) {
            b.otherOpcodes.put("sf2_sample_type", s.isLeft() ? "left" : "right");
            // Only a link to the opposite half that links back is a stereo pair (FluidR3 leaves links at 0).
            Sf2Sample other = s.link() < f.samples.length ? f.samples[s.link()] : null;
            if (other != null && other.link() == s.index() && (s.isLeft() ? other.isRight() : other.isLeft()))
                b.otherOpcodes.put("sf2_link", Sf2SampleRef.uri(bank, s.link()));
        }
        List<Modulation> modulation = new ArrayList<>(Modulators.defaultEntries(mods));
        modulation.addAll(own.routings());
        for (String why : own.unplayed())
            warnOnce("mod " + why, where + ": a bank modulator is not played: " + why);
        b.modulation.addAll(modulation);
        return b.build();
    }

    /** Start/end/loop addresses (fine + coarse offsets) relative to the sample's first frame, clamped into it. */
    private void mapSampleWindow(ZoneResolver.Resolved r, SampleRegion.Builder b, String where) {
        Sf2Sample s = r.sample();
        long start = s.start() + r.startOffset(), end = s.end() + r.endOffset();
        if (start < s.start() || start >= s.end() || end <= start || end > s.end()) {
            warnOnce("addr" + r.instrumentBag(), where + ": start/end offsets put the window at " + start + ".." + end
                    + ", outside sample '" + s.name() + "' (" + s.start() + ".." + s.end() + "): clamped to the sample");
            start = Math.max(s.start(), Math.min(start, s.end() - 1));
            end = Math.max(start + 1, Math.min(end, s.end()));
        }
        b.playback = new Playback(start - s.start(), 0, end == s.end() ? -1 : end - s.start() - 1, 0, 0, 0, false);
        int modes = r.get(SAMPLE_MODES);
        LoopMode mode = modes == 1 ? LoopMode.LOOP_CONTINUOUS : modes == 3 ? LoopMode.LOOP_SUSTAIN : LoopMode.NO_LOOP;
        long ls = s.loopStart() + r.loopStartOffset(), le = s.loopEnd() + r.loopEndOffset();
        if (mode.loops() && (ls < start || le > end || le <= ls)) {
            warnOnce("loop" + r.instrumentBag(), where + ": loop " + ls + ".." + le + (le == ls ? " has zero length" : le < ls
                    ? " ends before it starts" : " lies outside the played part " + start + ".." + end)
                    + " of sample '" + s.name() + "': played without loop");
            mode = LoopMode.NO_LOOP;
        }
        // SF2's loop end is the first frame after the loop; the model's is the last frame in it.
        b.loop = mode.loops() ? new Loop(mode, LoopType.FORWARD, ls - s.start(), le - s.start() - 1, 0, 0)
                : new Loop(LoopMode.NO_LOOP, LoopType.FORWARD, -1, -1, 0, 0);
    }

    /**
     * The three envelopes, hold and decay stated at the zone's key: its fixed one, else key 60, with routings from the
     * key number adding each played key's difference (see {@link KeyScaledTimes}).
     */
    private Envelopes envelopes(ZoneResolver.Resolved r, int key, SampleRegion.Builder b, String where, ModulatorMapper.Shapes shapes) {
        int k = key >= 0 ? key : 60;
        // SF2 decay and release are rates: the stated time is for a 100% change (100 dB for the volume
        // envelope, full scale for the modulation envelope). The engine's stages end at their target instead:
        // decay at the sustain level, release at -90 dB. So decay becomes the time to reach sustain, and
        // volume release the time from full level to -90 dB (exact when released at the peak).
        // A sustain below -90 dB: the engine's decay ends at -90 dB (where it counts a level as silent), so the
        // time is that of 90 dB at SF2's slope; the level then drops to the sustain, inaudible either way.
        int sustainCb = Math.min(r.get(SUSTAIN_VOL_ENV), 900);
        double modSustain = Sf2Units.modEnvSustainToLevel(r.get(SUSTAIN_MOD_ENV));
        java.util.function.IntToDoubleFunction volHold = n -> scaled(r, HOLD_VOL_ENV, KEYNUM_TO_VOL_ENV_HOLD, n),
                volDecay = n -> scaled(r, DECAY_VOL_ENV, KEYNUM_TO_VOL_ENV_DECAY, n) * sustainCb / 1000.0,
                modHold = n -> scaled(r, HOLD_MOD_ENV, KEYNUM_TO_MOD_ENV_HOLD, n),
                modDecay = n -> scaled(r, DECAY_MOD_ENV, KEYNUM_TO_MOD_ENV_DECAY, n) * (1 - modSustain);
        Envelope amp = new Envelope(tc(r, DELAY_VOL_ENV), 0, tc(r, ATTACK_VOL_ENV), volHold.applyAsDouble(k), volDecay.applyAsDouble(k),
                Sf2Units.volEnvSustainToLevel(r.get(SUSTAIN_VOL_ENV)), tc(r, RELEASE_VOL_ENV) * 0.9, 0, 0, 0, 0, 0, 0, 0, 0);
        Envelope mod = new Envelope(tc(r, DELAY_MOD_ENV), 0, tc(r, ATTACK_MOD_ENV), modHold.applyAsDouble(k), modDecay.applyAsDouble(k),
                modSustain, tc(r, RELEASE_MOD_ENV), 0, 0, 0, 0, 0, 0, 0, 0);
        boolean toFilter = r.get(MOD_ENV_TO_FILTER_FC) != 0, toPitch = r.get(MOD_ENV_TO_PITCH) != 0;
        if (key < 0) {
            keyScaled(r, b, "ampeg_hold", volHold, KEYNUM_TO_VOL_ENV_HOLD, where, shapes);
            keyScaled(r, b, "ampeg_decay", volDecay, KEYNUM_TO_VOL_ENV_DECAY, where, shapes);
            for (String eg : toFilter && toPitch ? List.of("fileg", "pitcheg") : toFilter ? List.of("fileg") : toPitch ? List.of("pitcheg") : List.<String>of()) {
                keyScaled(r, b, eg + "_hold", modHold, KEYNUM_TO_MOD_ENV_HOLD, where, shapes);
                keyScaled(r, b, eg + "_decay", modDecay, KEYNUM_TO_MOD_ENV_DECAY, where, shapes);
            }
        }
        Envelope filter = toFilter ? withDepth(mod, r.get(MOD_ENV_TO_FILTER_FC)) : Envelope.MOD_DEFAULT;
        Envelope pitch = toPitch ? withDepth(mod, r.get(MOD_ENV_TO_PITCH)) : Envelope.MOD_DEFAULT;
        return new Envelopes(amp, filter, pitch);
    }

    /** A stage time at key {@code n} with the zone's per-key timecents, clamped to the stage generator's range. */
    private static double scaled(ZoneResolver.Resolved r, Generator time, Generator perKey, int n) {
        return Sf2Units.keyScaledSeconds(r.get(time), r.get(perKey), n, time.min, time.max);
    }

    private void keyScaled(ZoneResolver.Resolved r, SampleRegion.Builder b, String target,
                           java.util.function.IntToDoubleFunction seconds, Generator perKey, String where,
                           ModulatorMapper.Shapes shapes) {
        if (r.get(perKey) == 0) return;
        Modulation m = KeyScaledTimes.routing(target, seconds, r.keys(), perKey, r.get(perKey), shapes);
        if (m == null) return;
        if (!KeyScaledTimes.played(m))
            warnOnce("keyenv", where + ": the preset uses more curves than SFZ's curve indices hold (101..255), so "
                    + perKey.sf2Name + " is applied at key 60 on this zone's keys; kept as target " + m.target());
        b.modulation.add(m);
    }

    private static Envelope withDepth(Envelope e, double depth) {
        return new Envelope(e.delay(), e.start(), e.attack(), e.hold(), e.decay(), e.sustain(), e.release(), depth,
                0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * The SF2 filter is a resonant 2-pole low-pass. The default velocity→cutoff modulator lowers the cutoff by
     * |amount| × (1 − vel/127) cents, which is exactly a cutoff {@code amount} cents lower with {@code −amount}
     * cents of velocity tracking; so the region's cutoff is stated at velocity 0.
     */
    private List<Filter> filter(ZoneResolver.Resolved r, List<Sf2File.Mod> mods, int fixedVel, java.util.Set<Generator> modulated) {
        int fc = r.get(INITIAL_FILTER_FC);
        int velF = options.velocityToFilter() ? Modulators.velocityFilter(mods) : 0;
        boolean needed = fc < INITIAL_FILTER_FC.max || velF != 0 || r.get(MOD_ENV_TO_FILTER_FC) != 0
                || r.get(MOD_LFO_TO_FILTER_FC) != 0 || r.get(INITIAL_FILTER_Q) != 0 || modulated.contains(INITIAL_FILTER_FC)
                || modulated.contains(INITIAL_FILTER_Q) || modulated.contains(MOD_LFO_TO_FILTER_FC);
        if (!needed) return List.of();
        double base = fc + velF, veltrack = -velF;
        if (fixedVel >= 0) {
            base = fc + velF * (1 - fixedVel / 127.0);
            veltrack = 0;
        }
        double hz = Sf2Units.ABS_CENT_ZERO_HZ * Math.pow(2, base / 1200.0);
        return List.of(new Filter("lpf_2p", hz, Sf2Units.filterQToDb(r.get(INITIAL_FILTER_Q)), 0, 60, veltrack, 0));
    }

    /**
     * The model has no v1 LFOs: they are kept as SFZ opcodes in otherOpcodes. vibLfo is pitch-only, so it is
     * SFZ v1's pitch LFO ({@code pitchlfo_*}, always written: the default CC1 and channel-pressure modulators
     * drive its depth). modLfo's volume and cutoff targets are {@code amplfo_*} and {@code fillfo_*} with the
     * same frequency and delay; its pitch target, which v1 cannot hold next to vibLfo, is the model's {@link Lfo} 1.
     * SF2 LFOs are triangles starting at 0 and rising; SFZ v1 LFOs are sines.
     */
    private void lfos(ZoneResolver.Resolved r, SampleRegion.Builder b, String where, java.util.Set<Generator> modulated) {
        var o = b.otherOpcodes;
        String freq = Modulators.fmt(Sf2Units.absoluteCentsToHz(r.get(FREQ_MOD_LFO))), delay = Modulators.fmt(tc(r, DELAY_MOD_LFO));
        int toPitch = r.get(MOD_LFO_TO_PITCH), toCutoff = r.get(MOD_LFO_TO_FILTER_FC), toVol = r.get(MOD_LFO_TO_VOLUME);
        // A bank modulator on an LFO depth needs that LFO set up even when the generator itself is 0.
        if (toVol != 0 || modulated.contains(MOD_LFO_TO_VOLUME)) {
            o.put("amplfo_freq", freq);
            o.put("amplfo_delay", delay);
            o.put("amplfo_depth", Modulators.fmt(toVol / 10.0));
        }
        if (toCutoff != 0 || modulated.contains(MOD_LFO_TO_FILTER_FC)) {
            o.put("fillfo_freq", freq);
            o.put("fillfo_delay", delay);
            o.put("fillfo_depth", Integer.toString(toCutoff));
        }
        if (toPitch != 0 || modulated.contains(MOD_LFO_TO_PITCH)) { // a triangle (SFZ wave 0), as SF2 LFOs are
            b.lfos.add(new Lfo(1, Double.parseDouble(freq), 0, Double.parseDouble(delay), 0, 0, 0, List.of(), 0, 0, List.of()));
            b.modulation.add(Modulation.of("lfo1", "pitch", toPitch));
        }
        o.put("pitchlfo_freq", Modulators.fmt(Sf2Units.absoluteCentsToHz(r.get(FREQ_VIB_LFO))));
        o.put("pitchlfo_delay", Modulators.fmt(tc(r, DELAY_VIB_LFO)));
        if (r.get(VIB_LFO_TO_PITCH) != 0) o.put("pitchlfo_depth", Integer.toString(r.get(VIB_LFO_TO_PITCH)));
        warnOnce("lfo", where + ": v1 LFOs have no model home yet: vibLfo is kept as pitchlfo_* and modLfo's volume and "
                + "cutoff targets as amplfo_*/fillfo_* opcodes in otherOpcodes; modLfo's pitch target is LFO 1 (SF2 LFOs are triangles)");
    }

    private static double tc(ZoneResolver.Resolved r, Generator g) { return Sf2Units.timecentsToSeconds(r.get(g)); }

    private void warnOnce(String key, String message) {
        if (warned.add(key) && warned.size() < 500) f.warn(message);
    }
}
