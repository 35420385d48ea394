package dev.loophole.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * DrumKit mode: pads made from a program's one-key regions, and pad edits written through onto those regions
 * (choke group onto their {@link Choke}, output onto their samples, envelope onto their amp envelope).
 */
public final class DrumKits {
    private DrumKits() {}

    /** Does a pad play this region? Pads are one-key regions. */
    public static boolean plays(SampleRegion r, int note) { return r.keyRange().lo() == note && r.keyRange().hi() == note; }

    /** The regions of the pad at {@code note}. */
    public static List<SampleRegion> regions(Program p, int note) {
        return p.regions().stream().filter(r -> plays(r, note)).toList();
    }

    /**
     * Does the program play as a drum kit: at least two keys, every region on one key, and the file says so with
     * key labels or choke groups? (A SoundFont drum bank or a kit format says so by what it is.)
     */
    public static boolean looksLikeKit(Program p) {
        if (!oneKeyLayout(p)) return false;
        List<SampleRegion> regions = p.regions();
        boolean labelled = regions.stream().anyMatch(r -> p.keyLabels().containsKey(r.keyRange().lo()));
        boolean chokes = regions.stream().anyMatch(r -> r.choke().group() != 0 || r.choke().chokes() || r.choke().notePolyphony() > 0);
        return labelled || chokes;
    }

    /** Is every region on one key, and are there two keys or more? The layout of a kit (what else says so varies by format). */
    public static boolean oneKeyLayout(Program p) {
        List<SampleRegion> regions = p.regions();
        return !regions.isEmpty() && regions.stream().allMatch(r -> r.keyRange().lo() == r.keyRange().hi())
                && regions.stream().mapToInt(r -> r.keyRange().lo()).distinct().count() >= 2;
    }

    /** The program in DrumKit mode when it {@link #looksLikeKit looks like a kit}, else as it is. */
    public static Program detect(Program p, boolean articulationsFromLabels) {
        return p.drumKit() == null && looksLikeKit(p) ? p.withDrumKit(padsOf(p, articulationsFromLabels)) : p;
    }

    /** Regions at most this many keys wide are split into one region per key for a percussion bank's pads. */
    public static final int WIDEST_SPLIT = 16;

    /**
     * A General MIDI percussion program (a SoundFont bank-128 preset) in DrumKit mode: a region spanning a few keys
     * (one sample pitched across the toms) becomes one region per key, identical but for its key, so every key is
     * its own pad; wider regions stay as they are and make no pad.
     */
    public static Program percussion(Program p) {
        List<SampleGroup> groups = new ArrayList<>();
        for (SampleGroup g : p.groups()) {
            List<SampleRegion> regions = new ArrayList<>();
            for (SampleRegion r : g.regions()) {
                int lo = r.keyRange().lo(), hi = r.keyRange().hi();
                if (lo == hi || hi - lo + 1 > WIDEST_SPLIT) { regions.add(r); continue; }
                for (int k = lo; k <= hi; k++) {
                    SampleRegion.Builder b = r.toBuilder();
                    b.regionId = r.regionId() + "-k" + k;
                    b.keyRange = new IntRange(k, k);
                    regions.add(b.build());
                }
            }
            groups.add(new SampleGroup(g.groupId(), g.name(), regions));
        }
        Program split = p.withGroups(groups);
        return split.withDrumKit(padsOf(split, false));
    }

    /**
     * Pads for every key a one-key region plays: named by the program's key label, else the GM drum map, else
     * "Note n"; icon and colour from the name (or the GM note); choke group and output from the regions.
     *
     * @param articulationsFromLabels make an articulation of each region label when a pad's regions carry two or
     *                                more (SFZ {@code region_label}: "snare centre", "snare rim")
     */
    public static DrumKit padsOf(Program p, boolean articulationsFromLabels) {
        Map<Integer, List<SampleRegion>> byKey = new TreeMap<>();
        for (SampleRegion r : p.regions()) if (r.keyRange().lo() == r.keyRange().hi()) byKey.computeIfAbsent(r.keyRange().lo(), k -> new ArrayList<>()).add(r);
        List<Pad> pads = new ArrayList<>();
        for (var e : byKey.entrySet()) {
            int note = e.getKey();
            String name = p.keyLabels().get(note);
            if (name == null || name.isBlank()) name = Objects.requireNonNullElse(GmDrumMap.name(note), "Note " + note);
            String icon = PadKinds.icon(name, note);
            pads.add(new Pad(note, name, icon, PadKinds.colour(icon), chokeGroup(e.getValue()), output(e.getValue()),
                    articulationsFromLabels ? articulations(e.getValue()) : List.of()));
        }
        return new DrumKit(pads);
    }

    private static long chokeGroup(List<SampleRegion> regions) {
        return regions.stream().mapToLong(r -> r.choke().group()).filter(g -> g != 0).findFirst().orElse(0);
    }

    private static int output(List<SampleRegion> regions) {
        return regions.stream().flatMap(r -> r.samples().stream()).mapToInt(SampleRef::output).min().orElse(0);
    }

    private static List<Articulation> articulations(List<SampleRegion> regions) {
        Map<String, List<String>> byLabel = new LinkedHashMap<>();
        for (SampleRegion r : regions) if (r.label() != null && !r.label().isBlank()) byLabel.computeIfAbsent(r.label(), k -> new ArrayList<>()).add(r.regionId());
        if (byLabel.size() < 2) return List.of();
        return byLabel.entrySet().stream().map(e -> new Articulation(e.getKey(), e.getValue())).toList();
    }

    /**
     * The program with {@code pad} in place of the pad at its note; a changed choke group or output is written onto the
     * pad's regions (unchanged ones leave the regions as the file had them, asymmetric SFZ {@code off_by} included).
     *
     * @throws IllegalArgumentException when the program is not a kit, has no regions at the note, or an output would
     *                                  leave 0..63
     */
    public static Program withPad(Program p, Pad pad) {
        if (p.drumKit() == null) throw new IllegalArgumentException("program '" + p.programId() + "' is not in DrumKit mode");
        Pad old = p.drumKit().pad(pad.note()).orElse(null);
        if (old == null && regions(p, pad.note()).isEmpty())
            throw new IllegalArgumentException("program '" + p.programId() + "' has no region on note " + pad.note() + " to make a pad of");
        long choke = old == null ? chokeGroup(regions(p, pad.note())) : old.chokeGroup();
        int output = old == null ? output(regions(p, pad.note())) : old.output();
        Program next = p;
        if (pad.chokeGroup() != choke) next = mapRegions(next, pad.note(), r -> withChoke(r, pad.chokeGroup()));
        if (pad.output() != output) {
            int shift = pad.output() - output;
            next = mapRegions(next, pad.note(), r -> shiftOutputs(r, shift));
        }
        check(next, pad);
        return next.withDrumKit(p.drumKit().with(pad));
    }

    /** Every articulation of every pad names regions of the program that play the pad's note. */
    public static void check(Program p, DrumKit kit) {
        for (Pad pad : kit.pads()) check(p, pad);
    }

    private static void check(Program p, Pad pad) {
        Map<String, SampleRegion> byId = new java.util.HashMap<>();
        for (SampleRegion r : p.regions()) byId.put(r.regionId(), r);
        for (Articulation a : pad.articulations())
            for (String id : a.regionIds()) {
                SampleRegion r = byId.get(id);
                if (r == null) throw new IllegalArgumentException("pad " + pad.note() + " articulation '" + a.name() + "' names region '" + id + "', which the program does not have");
                if (!r.keyRange().contains(pad.note()))
                    throw new IllegalArgumentException("pad " + pad.note() + " articulation '" + a.name() + "': region '" + id + "' does not play note " + pad.note());
            }
    }

    /** The regions an articulation plays that the program has (an undone region removal brings the rest back). */
    public static List<SampleRegion> regions(Program p, Articulation a) {
        return p.regions().stream().filter(r -> a.regionIds().contains(r.regionId())).toList();
    }

    /** The pad's envelope: the amp envelope of its first region (every region of a pad shares it after {@link #withEnvelope}). */
    public static Envelope envelope(Program p, int note) {
        return regions(p, note).stream().findFirst().map(r -> r.envelopes().amp())
                .orElseThrow(() -> new IllegalArgumentException("program '" + p.programId() + "' has no region on note " + note));
    }

    /** The program with every region of the pad at {@code note} using {@code amp} as its amp envelope. */
    public static Program withEnvelope(Program p, int note, Envelope amp) {
        if (regions(p, note).isEmpty()) throw new IllegalArgumentException("program '" + p.programId() + "' has no region on note " + note);
        return mapRegions(p, note, r -> {
            SampleRegion.Builder b = r.toBuilder();
            b.envelopes = new Envelopes(amp, r.envelopes().filter(), r.envelopes().pitch());
            return b.build();
        });
    }

    private static SampleRegion withChoke(SampleRegion r, long group) {
        Choke c = r.choke();
        SampleRegion.Builder b = r.toBuilder();
        b.choke = new Choke(group, group, c.offMode(), c.offTime(), c.polyphony(), c.notePolyphony(), c.noteSelfmask(), c.rtDead());
        return b.build();
    }

    private static SampleRegion shiftOutputs(SampleRegion r, int shift) {
        SampleRegion.Builder b = r.toBuilder();
        b.samples = new ArrayList<>();
        for (SampleRef s : r.samples()) {
            int o = s.output() + shift;
            if (o < 0 || o > 63) throw new IllegalArgumentException("region '" + r.regionId() + "': output " + o + " is outside 0..63");
            b.samples.add(s.asMic(s.volume(), s.pan(), o));
        }
        return b.build();
    }

    private static Program mapRegions(Program p, int note, java.util.function.UnaryOperator<SampleRegion> f) {
        return p.mapRegions(r -> plays(r, note) ? f.apply(r) : r);
    }
}
