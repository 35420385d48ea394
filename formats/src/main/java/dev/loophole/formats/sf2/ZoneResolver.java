package dev.loophole.formats.sf2;

import dev.loophole.model.IntRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies the zone rules of SoundFont 2.01 section 9.4 to one preset: a global zone supplies the values
 * its local zones do not set; instrument generators are absolute values, preset generators are offsets
 * added to them; key and velocity ranges intersect. Every (preset zone × instrument zone) whose ranges
 * overlap becomes one {@link Resolved}. A bank cannot contain cycles (presets point at instruments,
 * instruments at samples); dangling references skip the zone with a warning.
 */
final class ZoneResolver {
    /** One generator list of one zone: {@code set[id]} tells whether the zone states generator {@code id}. */
    record ZoneGens(int bag, int[] value, boolean[] set, int ref, IntRange keys, IntRange vels, List<Sf2File.Mod> mods) {}

    /**
     * A playable combination: final generator values (instrument + preset, clamped to the spec's ranges),
     * address offsets in frames, the sample, and the modulators of both levels.
     */
    record Resolved(int presetBag, int instrument, int instrumentBag, int[] gens, long startOffset, long endOffset,
                    long loopStartOffset, long loopEndOffset, IntRange keys, IntRange vels, Sf2Sample sample,
                    List<Sf2File.Mod> instrumentMods, List<Sf2File.Mod> presetMods) {
        int get(Generator g) { return gens[g.id]; }
    }

    private final Sf2File f;
    private final Set<String> warned = new HashSet<>();

    ZoneResolver(Sf2File f) { this.f = f; }

    /** Number of regions preset {@code p} would produce at most: to refuse absurd banks before building them. */
    long upperBound(int p) {
        long n = 0;
        for (int b = f.presets[p].bagIndex(); b < bagEnd(true, p); b++) {
            ZoneGens z = zone(true, b, null);
            if (z.ref() >= 0 && z.ref() < f.instruments.length)
                n += bagEnd(false, z.ref()) - f.instruments[z.ref()].bagIndex();
        }
        return n;
    }

    List<Resolved> resolve(int p) {
        List<Resolved> out = new ArrayList<>();
        Sf2File.PresetHeader ph = f.presets[p];
        String pName = "preset " + p + " '" + ph.name() + "' (bank " + ph.bank() + ", program " + ph.program() + ")";
        ZoneGens pGlobal = null;
        for (int b = ph.bagIndex(); b < bagEnd(true, p); b++) {
            ZoneGens z = zone(true, b, pName);
            if (z.ref() < 0) {
                if (b == ph.bagIndex()) pGlobal = z;
                else warnOnce("pz" + b, "pdta/pbag[" + b + "] of " + pName + " has no instrument and is not the first zone: ignored");
                continue;
            }
            if (z.ref() >= f.instruments.length) {
                warnOnce("pi" + b, "pdta/pbag[" + b + "] of " + pName + " refers to instrument " + z.ref()
                        + ", but the bank has " + f.instruments.length + ": zone skipped");
                continue;
            }
            resolveInstrument(out, b, merge(pGlobal, z), z.ref());
        }
        return out;
    }

    private void resolveInstrument(List<Resolved> out, int presetBag, ZoneGens pz, int inst) {
        Sf2File.InstHeader ih = f.instruments[inst];
        String iName = "instrument " + inst + " '" + ih.name() + "'";
        ZoneGens iGlobal = null;
        for (int b = ih.bagIndex(); b < bagEnd(false, inst); b++) {
            ZoneGens z = zone(false, b, iName);
            if (z.ref() < 0) {
                if (b == ih.bagIndex()) iGlobal = z;
                else warnOnce("iz" + b, "pdta/ibag[" + b + "] of " + iName + " has no sampleID and is not the first zone: ignored");
                continue;
            }
            if (z.ref() >= f.samples.length) {
                warnOnce("is" + b, "pdta/ibag[" + b + "] of " + iName + " refers to sample " + z.ref()
                        + ", but the bank has " + f.samples.length + ": zone skipped");
                continue;
            }
            Sf2Sample s = f.samples[z.ref()];
            if (!s.usable()) continue; // already reported once for the sample header
            ZoneGens iz = merge(iGlobal, z);
            IntRange keys = intersect(iz.keys(), pz.keys()), vels = intersect(iz.vels(), pz.vels());
            if (keys == null || vels == null) continue; // ranges do not overlap: the spec plays nothing here
            int[] g = new int[Generator.COUNT];
            for (Generator gen : Generator.values()) {
                long v = iz.set()[gen.id] ? iz.value()[gen.id] : gen.defaultValue;
                if (gen.presetAllowed && pz.set()[gen.id] && gen != Generator.KEY_RANGE && gen != Generator.VEL_RANGE
                        && gen != Generator.INSTRUMENT)
                    v += pz.value()[gen.id];
                g[gen.id] = gen.unit == Generator.Unit.SMPLS || gen.unit == Generator.Unit.SMPLS_32K ? (int) v : gen.clamp(v);
            }
            long start = g[0] + 32768L * g[4], end = g[1] + 32768L * g[12];
            long loopStart = g[2] + 32768L * g[45], loopEnd = g[3] + 32768L * g[50];
            out.add(new Resolved(presetBag, inst, b, g, start, end, loopStart, loopEnd, keys, vels, s, iz.mods(), pz.mods()));
        }
    }

    /** Zones of header i end where the next header's begin; the last header's end at the terminal record's. */
    private int bagEnd(boolean preset, int i) {
        if (preset) return i + 1 < f.presets.length ? f.presets[i + 1].bagIndex() : f.presetBagEnd;
        return i + 1 < f.instruments.length ? f.instruments[i + 1].bagIndex() : f.instrumentBagEnd;
    }

    /**
     * Reads one zone's generators with the spec's ordering rules: keyRange only first, velRange only first
     * or after keyRange, nothing after the instrument/sampleID generator; a repeated generator's last value wins.
     * {@code owner} names the preset or instrument in warnings; null reads quietly (for counting).
     */
    ZoneGens zone(boolean preset, int bag, String owner) {
        Sf2File.Zones z = preset ? f.presetZones : f.instrumentZones;
        String table = preset ? "pgen" : "igen";
        int from = z.bagGen()[bag], to = z.bagGen()[bag + 1];
        int[] value = new int[Generator.COUNT];
        boolean[] set = new boolean[Generator.COUNT];
        int ref = -1;
        IntRange keys = IntRange.MIDI, vels = IntRange.MIDI;
        Generator refGen = preset ? Generator.INSTRUMENT : Generator.SAMPLE_ID;
        java.util.function.BiConsumer<String, String> warn = owner == null ? (k, m) -> { } : this::warnOnce;
        for (int k = from; k < to; k++) {
            int oper = z.genOper()[k], amount = z.genAmount()[k];
            if (ref >= 0) {
                warn.accept(table + "-after", "pdta/" + table + "[" + k + "] of " + owner + " follows the zone's "
                        + refGen.sf2Name + " generator: ignored (and any like it)");
                break;
            }
            Generator g = Generator.byId(oper);
            if (g == null) {
                warn.accept(table + "-op" + oper, "pdta/" + table + "[" + k + "] of " + owner + " has unknown or reserved generator " + oper + ": ignored (and any like it)");
                continue;
            }
            if (g == refGen) { ref = amount & 0xFFFF; continue; }
            if (g == Generator.INSTRUMENT || g == Generator.SAMPLE_ID || (preset && !g.presetAllowed)) {
                warn.accept(table + "-level" + oper, "pdta/" + table + "[" + k + "] of " + owner + ": " + g.sf2Name + " is not allowed in "
                        + (preset ? "a preset" : "an instrument") + " zone: ignored (and any like it)");
                continue;
            }
            if (g == Generator.KEY_RANGE || g == Generator.VEL_RANGE) {
                boolean ok = k == from || (g == Generator.VEL_RANGE && k == from + 1 && z.genOper()[from] == Generator.KEY_RANGE.id);
                int lo = amount & 0xFF, hi = (amount >> 8) & 0xFF;
                if (!ok || lo > hi || hi > 127) {
                    warn.accept(table + "-range" + k, "pdta/" + table + "[" + k + "] of " + owner + ": " + g.sf2Name + " " + lo + ".." + hi
                            + (ok ? " is not a range within 0..127" : " is not at the start of its zone") + ": ignored");
                    continue;
                }
                if (g == Generator.KEY_RANGE) keys = new IntRange(lo, hi); else vels = new IntRange(lo, hi);
            }
            value[g.id] = amount;
            set[g.id] = true;
        }
        List<Sf2File.Mod> mods = new ArrayList<>();
        int mFrom = z.bagMod()[bag], mTo = z.bagMod()[bag + 1];
        for (int m = mFrom; m < mTo; m++) mods.add(z.mods()[m]);
        return new ZoneGens(bag, value, set, ref, keys, vels, mods);
    }

    /** A local zone on top of its global zone: local values win, identical modulators replace global ones. */
    private static ZoneGens merge(ZoneGens global, ZoneGens local) {
        if (global == null) return local;
        int[] value = global.value().clone();
        boolean[] set = global.set().clone();
        for (int i = 0; i < Generator.COUNT; i++)
            if (local.set()[i]) { value[i] = local.value()[i]; set[i] = true; }
        IntRange keys = local.set()[Generator.KEY_RANGE.id] ? local.keys() : global.keys();
        IntRange vels = local.set()[Generator.VEL_RANGE.id] ? local.vels() : global.vels();
        return new ZoneGens(local.bag(), value, set, local.ref(), keys, vels, Modulators.overlay(global.mods(), local.mods()));
    }

    private static IntRange intersect(IntRange a, IntRange b) {
        int lo = Math.max(a.lo(), b.lo()), hi = Math.min(a.hi(), b.hi());
        return lo <= hi ? new IntRange(lo, hi) : null;
    }

    private void warnOnce(String key, String message) {
        if (warned.add(key) && warned.size() < 500) f.warn(message);
    }
}
