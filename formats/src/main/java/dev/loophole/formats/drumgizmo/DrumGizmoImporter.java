package dev.loophole.formats.drumgizmo;

import static dev.loophole.formats.xml.Dom.child;
import static dev.loophole.formats.xml.Dom.children;

import dev.loophole.formats.xml.Dom;
import dev.loophole.media.AudioFiles;
import dev.loophole.model.Amp;
import dev.loophole.model.Choke;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.DrumKits;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.OffMode;
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.Tuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.w3c.dom.Element;

/**
 * Reads a DrumGizmo kit into a {@link Program}: {@code drumkit.xml} (the kit's channels and instruments, each with
 * its channel map), one XML per instrument (samples with a power, each a set of audio files, one per channel), and
 * the kit folder's {@code midimap.xml} (note → instrument).
 *
 * <ul>
 *   <li>each sample is one multi-mic region: every audio file is a mic (the file's {@code filechannel}, 1-based),
 *       played on the output of the kit channel the channel map sends it to (kit channel n → output n, each mono
 *       mic centred on its own stereo pair);</li>
 *   <li>power-based selection: a velocity v asks for power {@code min + (max − min)·v/127} over the instrument's
 *       samples, and the sample nearest that power plays, so each sample gets the velocities nearest its power;
 *       velocity does not scale the level (DrumGizmo's default);</li>
 *   <li>instruments sharing a {@code group} (the hi-hat) cut each other, as a choke group.</li>
 * </ul>
 */
public final class DrumGizmoImporter {
    private DrumGizmoImporter() {}

    public static final long GROUP_BASE = 200;

    public static boolean isDrumGizmoKit(Dom dom) { return Dom.local(dom.root()).equals("drumkit"); }

    public static Program load(Path drumkitXml) throws IOException { return read(Dom.parse(drumkitXml)); }

    public static Program read(Dom kit) throws IOException {
        Element root = kit.root();
        if (!isDrumGizmoKit(kit)) throw kit.error(root, "expected a DrumGizmo kit (<drumkit>), found <" + root.getNodeName() + ">");
        Path dir = kit.file().toAbsolutePath().getParent();
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, Integer> outputs = new HashMap<>();
        for (Element c : children(child(root, "channels"), "channel")) outputs.putIfAbsent(c.getAttribute("name"), outputs.size());
        Map<String, List<Integer>> notes = midimap(dir, kit, diagnostics);
        Map<String, Long> chokeGroups = new HashMap<>();
        List<SampleGroup> groups = new ArrayList<>();
        Map<Integer, String> labels = new TreeMap<>();
        Element instruments = child(root, "instruments");
        if (instruments == null) throw kit.error(root, "expected <instruments> in <drumkit>");
        for (Element in : children(instruments, "instrument")) {
            String name = in.getAttribute("name");
            String file = in.getAttribute("file");
            if (name.isBlank() || file.isBlank()) throw kit.error(in, "expected <instrument name=\"…\" file=\"…\">");
            Map<String, Integer> channelMap = new HashMap<>();
            for (Element m : children(in, "channelmap")) {
                Integer out = outputs.get(m.getAttribute("out"));
                if (out == null) throw kit.error(m, "expected out= to name a kit <channel>, found \"" + m.getAttribute("out") + "\"");
                channelMap.put(m.getAttribute("in"), out);
            }
            List<Integer> keys = notes.getOrDefault(name, List.of());
            if (keys.isEmpty()) {
                diagnostics.add(Diagnostic.warning(kit.at(in), name + ": no note of the midimap plays this instrument"));
                continue;
            }
            String group = in.getAttribute("group");
            long choke = group.isBlank() ? 0 : chokeGroups.computeIfAbsent(group, g -> GROUP_BASE + chokeGroups.size());
            Path instrumentFile = dir.resolve(file).normalize();
            Dom inst = Dom.parse(instrumentFile);
            List<PowerSample> samples = samples(inst, channelMap, diagnostics);
            if (samples.isEmpty()) {
                diagnostics.add(Diagnostic.warning(kit.at(in), name + ": its instrument file has no samples"));
                continue;
            }
            List<SampleRegion> regions = new ArrayList<>();
            for (int key : keys) {
                IntRange[] ranges = velocityRanges(samples);
                for (int i = 0; i < samples.size(); i++) {
                    if (ranges[i] == null) continue; // no velocity is nearer this sample's power than another's
                    PowerSample s = samples.get(i);
                    SampleRegion.Builder b = SampleRegion.builder(name + "-" + key + "-" + i);
                    b.samples.addAll(s.mics());
                    b.keyRange = new IntRange(key, key);
                    b.velocityRange = ranges[i];
                    b.amp = new Amp(0, 100, 0, 100, 0, 0, 60, 0, 0, 0);
                    b.tuning = new Tuning(key, 0, 0, 0, 0, 200, -200);
                    b.loop = new Loop(LoopMode.ONE_SHOT, null, -1, -1, 0, 0);
                    b.choke = choke == 0 ? Choke.NONE : new Choke(choke, choke, OffMode.FAST, 0.006, 0, 0);
                    b.label = s.name();
                    b.origin = s.origin();
                    regions.add(b.build());
                }
                labels.merge(key, name, (a, c) -> a + " / " + c);
            }
            groups.add(new SampleGroup(name, name, regions));
        }
        String kitName = root.getAttribute("name").isBlank() ? dir.getFileName().toString() : root.getAttribute("name");
        Program program = new Program(dir.getFileName().toString(), kitName, groups, ProgramSettings.DEFAULT, Map.of(), labels, diagnostics);
        return program.withDrumKit(DrumKits.padsOf(program, false));
    }

    /** One sample of an instrument: its power and its mics. */
    record PowerSample(String name, double power, List<SampleRef> mics, dev.loophole.model.SourceLocation origin) {}

    private static List<PowerSample> samples(Dom inst, Map<String, Integer> channelMap, List<Diagnostic> diagnostics) throws IOException {
        Element root = inst.root();
        if (!Dom.local(root).equals("instrument")) throw inst.error(root, "expected a DrumGizmo <instrument>, found <" + root.getNodeName() + ">");
        if (child(root, "velocities") != null)
            diagnostics.add(Diagnostic.warning(inst.at(child(root, "velocities")), "version 1.0 <velocities> are not imported; samples are chosen by power"));
        Path dir = inst.file().toAbsolutePath().getParent();
        List<PowerSample> out = new ArrayList<>();
        for (Element s : children(child(root, "samples"), "sample")) {
            if (s.getAttribute("power").isBlank()) throw inst.error(s, "expected power= on <sample> (a DrumGizmo 2.0 instrument)");
            double power = inst.attrNumber(s, "power", 0);
            List<SampleRef> mics = new ArrayList<>();
            for (Element a : children(s, "audiofile")) {
                Path file = dir.resolve(a.getAttribute("file")).normalize();
                if (!Files.isRegularFile(file))
                    diagnostics.add(Diagnostic.warning(inst.at(a), "sample file not found: " + a.getAttribute("file") + " (looked for " + file + ")"));
                int fileChannel = (int) inst.attrNumber(a, "filechannel", 1);
                if (fileChannel < 1) throw inst.error(a, "expected filechannel= 1 or more, found " + fileChannel);
                Integer output = channelMap.get(a.getAttribute("channel"));
                if (output == null) {
                    diagnostics.add(Diagnostic.warning(inst.at(a), "channel \"" + a.getAttribute("channel") + "\" is not in the kit's channel map; plays on output 0"));
                    output = 0;
                }
                mics.add(new SampleRef(file.toString(), null, 0, 0, output, mono(file) && fileChannel == 1 ? -1 : fileChannel - 1));
            }
            if (!mics.isEmpty()) out.add(new PowerSample(s.getAttribute("name"), power, mics, inst.at(s)));
        }
        out.sort(Comparator.comparingDouble(PowerSample::power));
        return out;
    }

    /** A one-channel file is its own mic: no channel to cut out (and an SFZ export can name it as it is). */
    private static boolean mono(Path file) {
        try {
            return Files.isRegularFile(file) && AudioFiles.probe(file).channels() == 1;
        } catch (IOException e) {
            return false; // the engine says what is wrong with it when it loads
        }
    }

    /** For each sample (sorted by power), the velocities whose asked-for power is nearest it, or null for none. */
    static IntRange[] velocityRanges(List<PowerSample> samples) {
        double min = samples.getFirst().power(), max = samples.getLast().power();
        int[] lo = new int[samples.size()], hi = new int[samples.size()];
        java.util.Arrays.fill(lo, -1);
        for (int v = 1; v <= 127; v++) {
            double want = min + (max - min) * v / 127.0;
            int best = 0;
            for (int i = 1; i < samples.size(); i++)
                if (Math.abs(samples.get(i).power() - want) < Math.abs(samples.get(best).power() - want)) best = i;
            if (lo[best] < 0) lo[best] = v;
            hi[best] = v;
        }
        IntRange[] r = new IntRange[samples.size()];
        for (int i = 0; i < r.length; i++) if (lo[i] > 0) r[i] = new IntRange(lo[i], hi[i]);
        return r;
    }

    /** The kit folder's midimap ({@code midimap*.xml}, any case): instrument name → notes. */
    private static Map<String, List<Integer>> midimap(Path dir, Dom kit, List<Diagnostic> diagnostics) throws IOException {
        Path map;
        try (Stream<Path> s = Files.list(dir)) {
            map = s.filter(p -> { String n = p.getFileName().toString().toLowerCase(Locale.ROOT); return n.startsWith("midimap") && n.endsWith(".xml"); })
                    .sorted().findFirst().orElse(null);
        }
        if (map == null) throw kit.error(kit.root(), "expected a midimap.xml next to the kit (note → instrument), found none in " + dir);
        Dom m = Dom.parse(map);
        Map<String, List<Integer>> notes = new HashMap<>();
        for (Element e : children(m.root(), "map")) {
            int note = (int) m.attrNumber(e, "note", -1);
            if (note < 0 || note > 127) throw m.error(e, "expected note= a MIDI note 0..127");
            notes.computeIfAbsent(e.getAttribute("instr"), k -> new ArrayList<>()).add(note);
        }
        return notes;
    }
}
