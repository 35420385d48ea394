package dev.loophole.formats.decent;

import static dev.loophole.formats.xml.Dom.child;
import static dev.loophole.formats.xml.Dom.children;

import dev.loophole.formats.xml.Dom;
import dev.loophole.formats.xml.XmlFormatException;
import dev.loophole.model.Amp;
import dev.loophole.model.Choke;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.DrumKits;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.OffMode;
import dev.loophole.model.Playback;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramControl;
import dev.loophole.model.ProgramEffect;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.RoundRobin;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Trigger;
import dev.loophole.model.Tuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * Reads a Decent Sampler {@code .dspreset} into a {@link Program}: each {@code <group>} of {@code <groups>} a group,
 * each {@code <sample>} a region. Attributes are inherited {@code <groups>} → {@code <group>} → {@code <sample>}:
 * notes ({@code rootNote}, {@code loNote}, {@code hiNote}), velocities ({@code loVel}, {@code hiVel}), level
 * ({@code volume} linear or "…dB", {@code pan}, {@code ampVelTrack} 0..1), {@code tuning} (semitones), the
 * envelope ({@code attack}, {@code decay}, {@code sustain}, {@code release}, seconds), sample
 * {@code start}/{@code end}, loops, {@code trigger}, and round robins ({@code seqMode}, {@code seqLength},
 * {@code seqPosition}): {@code round_robin} is sequential, {@code random} never repeats the last choice,
 * {@code true_random} may, {@code always} plays regardless. Instrument-level {@code <effects>} become the program's effect chain ({@link DecentEffects}), its knobs
 * the program's controls ({@link DecentControls}); group-level effects are named in warnings.
 */
public final class DecentSamplerImporter {
    private DecentSamplerImporter() {}

    public static Program load(Path file) throws IOException {
        Dom dom = Dom.parse(file);
        Element root = dom.root();
        if (!Dom.local(root).equals("DecentSampler"))
            throw dom.error(root, "expected a Decent Sampler preset (<DecentSampler>), found <" + root.getNodeName() + ">");
        Path dir = file.toAbsolutePath().getParent();
        List<Diagnostic> diagnostics = new ArrayList<>();
        for (String part : List.of("midi", "modulators"))
            if (child(root, part) != null && !children(child(root, part), null).isEmpty())
                diagnostics.add(Diagnostic.warning(dom.at(child(root, part)), "<" + part + "> is not imported"));
        Element all = child(root, "groups");
        if (all == null) throw dom.error(root, "expected <groups> in <DecentSampler>");
        List<SampleGroup> groups = new ArrayList<>();
        Set<String> modes = new java.util.LinkedHashSet<>();
        Map<String, Long> tagGroups = tagGroups(all);
        int g = 0;
        for (Element group : children(all, "group")) {
            List<Element> samples = children(group, "sample");
            int maxPosition = 0;
            for (Element s : samples) maxPosition = Math.max(maxPosition, (int) num(dom, "seqPosition", 0, s, group, all));
            List<SampleRegion> regions = new ArrayList<>();
            int i = 0;
            for (Element s : samples) {
                String mode = attr("seqMode", "round_robin", s, group, all);
                if (!Set.of("round_robin", "random", "true_random", "always").contains(mode))
                    throw dom.error(s, "expected seqMode round_robin, random, true_random or always, found \"" + mode + "\"");
                if (!mode.equals("always")) modes.add(mode);
                regions.add(region(dom, dir, "g" + g + "s" + i++, s, group, all, mode, maxPosition, tagGroups, diagnostics));
            }
            groups.add(new SampleGroup("g" + g, attr("name", "Group " + (g + 1), group), regions));
            g++;
        }
        modes.remove("round_robin");
        RoundRobin rr = modes.contains("random") ? RoundRobin.RANDOM_NO_REPEAT : modes.contains("true_random") ? RoundRobin.RANDOM : RoundRobin.SEQUENTIAL;
        if (modes.size() > 1)
            diagnostics.add(Diagnostic.warning(dom.at(all), "groups mix seqMode " + modes + "; the whole preset chooses " + rr.name().toLowerCase(Locale.ROOT)));
        String id = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        List<ProgramEffect> positional = DecentEffects.of(dom, child(root, "effects"), diagnostics);
        List<ProgramControl> controls = DecentControls.of(dom, child(root, "ui"), positional, diagnostics);
        List<ProgramEffect> effects = positional.stream().filter(e -> e != null).toList();
        for (Element group : children(all, "group"))
            if (child(group, "effects") != null && !children(child(group, "effects"), null).isEmpty())
                diagnostics.add(Diagnostic.warning(dom.at(child(group, "effects")), "group-level <effects> is not imported"));
        Program program = new Program(id, id, groups, ProgramSettings.DEFAULT.withRoundRobin(rr), Map.of(), new TreeMap<>(), diagnostics);
        return drumLayout(program, children(all, "group")).withEffects(effects).withControls(controls);
    }

    /**
     * A drum layout (every sample on one key, two keys or more) loads in DrumKit mode: a group whose samples all sit
     * on one key names that pad (its {@code name}), as Decent Sampler's drum presets are laid out.
     */
    private static Program drumLayout(Program p, List<Element> groupElements) {
        if (!DrumKits.oneKeyLayout(p)) return p;
        Map<Integer, String> labels = new TreeMap<>();
        for (int g = 0; g < p.groups().size(); g++) {
            SampleGroup group = p.groups().get(g);
            var keys = group.regions().stream().mapToInt(r -> r.keyRange().lo()).distinct().toArray();
            String name = groupElements.get(g).getAttribute("name").strip();
            if (keys.length == 1 && !name.isEmpty()) labels.merge(keys[0], name, (a, b) -> a + " / " + b);
        }
        Program labelled = new Program(p.programId(), p.name(), p.groups(), p.settings(), p.ccLabels(), labels, p.diagnostics(),
                p.curves(), p.extraSections(), p.expression());
        return labelled.withDrumKit(DrumKits.padsOf(labelled, true));
    }

    private static SampleRegion region(Dom dom, Path dir, String id, Element s, Element group, Element all, String mode,
                                       int maxPosition, Map<String, Long> tagGroups, List<Diagnostic> diagnostics) throws XmlFormatException {
        String path = attr("path", null, s);
        if (path == null) throw dom.error(s, "expected path= on <sample>");
        Path file = dir.resolve(path).normalize();
        if (!Files.isRegularFile(file))
            diagnostics.add(Diagnostic.warning(dom.at(s), "sample file not found: " + path + " (looked for " + file + ")"));
        SampleRegion.Builder b = SampleRegion.builder(id);
        b.samples.add(new SampleRef(file.toString()));
        int root = (int) num(dom, "rootNote", 60, s, group, all);
        b.keyRange = new IntRange(note(dom, "loNote", 0, s, group, all), note(dom, "hiNote", 127, s, group, all));
        b.velocityRange = new IntRange(note(dom, "loVel", 1, s, group, all), note(dom, "hiVel", 127, s, group, all));
        double pan = Math.clamp(num(dom, "pan", 0, s, group, all), -100, 100);
        double veltrack = num(dom, "ampVelTrack", 1, s, group, all) * 100;
        b.amp = new Amp(volumeDb(dom, s, group, all), 100, pan, 100, 0, veltrack, 60, 0, 0, 0);
        double tuning = num(dom, "tuning", 0, s, group, all);
        int semis = (int) Math.round(tuning);
        b.tuning = new Tuning(root, semis, Math.round((tuning - semis) * 100), 100, 0, 200, -200);
        Envelope env = Envelope.AMP_DEFAULT.withStages(0, num(dom, "attack", 0, s, group, all), 0, num(dom, "decay", 0, s, group, all),
                Math.clamp(num(dom, "sustain", 1, s, group, all), 0, 1), Math.max(0.001, num(dom, "release", 0.1, s, group, all)));
        b.envelopes = new Envelopes(env, Envelopes.DEFAULT.filter(), Envelopes.DEFAULT.pitch());
        long start = (long) num(dom, "start", 0, s, group, all), end = (long) num(dom, "end", -1, s, group, all);
        b.playback = new Playback(start, 0, end, 0, 0, 0, false);
        boolean loops = "true".equalsIgnoreCase(attr("loopEnabled", "false", s, group, all));
        b.loop = new Loop(loops ? LoopMode.LOOP_CONTINUOUS : LoopMode.NO_LOOP, null,
                (long) num(dom, "loopStart", -1, s, group, all), (long) num(dom, "loopEnd", -1, s, group, all),
                0, 0);
        Trigger trigger = Trigger.fromSfz(attr("trigger", "attack", s, group, all).toLowerCase(Locale.ROOT));
        if (trigger == null) throw dom.error(s, "expected trigger attack, release, first or legato");
        int position = (int) num(dom, "seqPosition", 1, s, group, all);
        int length = mode.equals("always") ? 1 : (int) num(dom, "seqLength", Math.max(1, maxPosition), s, group, all);
        if (length > 1 && (position < 1 || position > length))
            throw dom.error(s, "expected seqPosition 1.." + length + ", found " + position);
        b.conditions = new RegionConditions(IntRange.CHANNELS, Map.of(), IntRange.BEND, 0, 1, length, length > 1 ? position : 1,
                trigger, null, -1, -1, -1, -1, null);
        b.origin = dom.at(s);
        b.choke = choke(dom, tagGroups, diagnostics, s, group, all);
        return b.build();
    }

    /** Decent Sampler numbers no choke groups: each tag becomes one, from this number up. */
    public static final long TAG_GROUP_BASE = 300;

    /**
     * Choke groups for Decent Sampler's tags. The model's choke is one group and one {@code off_by} per region, so the
     * tags one sample is silenced by share a group (the open hi-hat silenced by "closed" and "pedal": both are one
     * group, which cuts it); every other tag is a group of its own.
     */
    static Map<String, Long> tagGroups(Element all) {
        Map<String, String> parent = new java.util.LinkedHashMap<>();
        List<Element> tagged = new ArrayList<>(List.of(all));
        for (Element g : children(all, "group")) { tagged.add(g); tagged.addAll(children(g, "sample")); }
        for (Element e : tagged) {
            for (String t : tags(e.getAttribute("tags"))) parent.putIfAbsent(t, t);
            List<String> silencers = tags(e.getAttribute("silencedByTags"));
            for (String t : silencers) parent.putIfAbsent(t, t);
            for (String t : silencers) parent.put(root(parent, t), root(parent, silencers.getFirst()));
        }
        Map<String, Long> numbers = new java.util.LinkedHashMap<>(), out = new java.util.LinkedHashMap<>();
        for (String t : parent.keySet()) out.put(t, numbers.computeIfAbsent(root(parent, t), r -> TAG_GROUP_BASE + numbers.size()));
        return out;
    }

    private static String root(Map<String, String> parent, String t) {
        while (!parent.get(t).equals(t)) t = parent.get(t);
        return t;
    }

    /**
     * {@code tags} / {@code silencedByTags} / {@code silencingMode}: a sample is cut when one tagged with a tag it is
     * silenced by starts (the open hi-hat silenced by the closed one), through the groups of {@link #tagGroups}.
     */
    private static Choke choke(Dom dom, Map<String, Long> tagGroups, List<Diagnostic> diagnostics, Element... from) {
        List<String> tags = tags(attr("tags", "", from)), silencedBy = tags(attr("silencedByTags", "", from));
        if (tags.isEmpty() && silencedBy.isEmpty()) return Choke.NONE;
        if (tags.stream().map(tagGroups::get).distinct().count() > 1)
            diagnostics.add(Diagnostic.warning(dom.at(setter("tags", from)), "tags " + tags + " are in different choke groups; this sample "
                    + "silences what its first tag, " + tags.getFirst() + ", silences"));
        long group = tags.isEmpty() ? 0 : tagGroups.get(tags.getFirst());
        long offBy = silencedBy.isEmpty() ? 0 : tagGroups.get(silencedBy.getFirst());
        OffMode mode = "normal".equalsIgnoreCase(attr("silencingMode", "fast", from)) ? OffMode.NORMAL : OffMode.FAST;
        return new Choke(group, offBy, mode, 0.006, 0, 0);
    }

    private static List<String> tags(String list) {
        if (list == null) return List.of();
        return java.util.Arrays.stream(list.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    /** The first of the elements (sample, group, groups) that sets the attribute. */
    static String attr(String name, String def, Element... from) {
        for (Element e : from) if (e != null && e.hasAttribute(name) && !e.getAttribute(name).isBlank()) return e.getAttribute(name).strip();
        return def;
    }

    private static Element setter(String name, Element... from) {
        for (Element e : from) if (e != null && e.hasAttribute(name) && !e.getAttribute(name).isBlank()) return e;
        return from[0];
    }

    static double num(Dom dom, String name, double def, Element... from) throws XmlFormatException {
        return dom.attrNumber(setter(name, from), name, def);
    }

    private static int note(Dom dom, String name, int def, Element... from) throws XmlFormatException {
        double v = num(dom, name, def, from);
        if (v < 0 || v > 127) throw dom.error(setter(name, from), "expected " + name + " 0..127, found " + v);
        return (int) v;
    }

    /** {@code volume}: "-6dB" in decibels, a bare number as a linear gain; the three levels multiply. */
    private static double volumeDb(Dom dom, Element... from) throws XmlFormatException {
        double db = 0;
        for (Element e : from) {
            String v = e == null ? "" : e.getAttribute("volume").strip();
            if (v.isEmpty()) continue;
            try {
                if (v.toLowerCase(Locale.ROOT).endsWith("db")) db += Double.parseDouble(v.substring(0, v.length() - 2).strip());
                else {
                    double g = Double.parseDouble(v);
                    db += g <= 0 ? -144 : 20 * Math.log10(g);
                }
            } catch (NumberFormatException x) {
                throw dom.error(e, "expected volume= a gain (0.5) or decibels (-6dB), found \"" + v + "\"");
            }
        }
        return Math.max(-144, db);
    }
}
