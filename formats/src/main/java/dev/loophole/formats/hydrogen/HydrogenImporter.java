package dev.loophole.formats.hydrogen;

import static dev.loophole.formats.xml.Dom.child;
import static dev.loophole.formats.xml.Dom.children;
import static dev.loophole.formats.xml.Dom.text;

import dev.loophole.formats.xml.Dom;
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
import dev.loophole.model.Program;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.SourceLocation;
import dev.loophole.model.Tuning;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.w3c.dom.Element;

/**
 * Reads a Hydrogen {@code drumkit.xml} straight into a {@link Program}, one pad per instrument:
 *
 * <ul>
 *   <li>the pad's note is the instrument's {@code midiInNote} where the kit gives one, else Hydrogen's default
 *       map, 36 + the instrument's position; its name becomes the key's label and its group's name;</li>
 *   <li>each layer of each component (or, in pre-0.9.4 kits, the instrument's own {@code filename}) plays at the
 *       velocities Hydrogen chooses it for ({@link LayerSelection}: its {@code min..max}, a gap's nearest layer, the
 *       first of overlapping layers, or each in turn / at random per {@code sampleSelectionAlgo}), as one region per
 *       run of such velocities; its level is instrument volume × instrument gain × component gain × layer gain, and
 *       velocity scales it linearly, as Hydrogen does;</li>
 *   <li>{@code pan_L}/{@code pan_R} (0..1 per side) become a balance pan, the louder side's gain kept in the
 *       level; Hydrogen 1.2's {@code pan} (-1..1) likewise;</li>
 *   <li>the ADSR ({@code Attack}/{@code Decay}/{@code Release} in frames at 44.1 kHz, {@code Sustain} 0..1) is
 *       the amp envelope; a pad plays its sample to the end (one-shot) unless {@code isStopNote} says a
 *       note-off releases it;</li>
 *   <li>{@code muteGroup} n ≥ 0 is choke group {@value #MUTE_GROUP_BASE}+n: a pad of the group cuts the others,
 *       releasing them through their envelope as Hydrogen does (the engine also cuts the pad's own previous hit);</li>
 *   <li>Hydrogen's {@code emptySample.flac} placeholder means "no sample".</li>
 * </ul>
 */
public final class HydrogenImporter {
    private HydrogenImporter() {}

    public static final String EMPTY_SAMPLE = "emptySample.flac";
    public static final int FIRST_NOTE = 36;
    public static final long MUTE_GROUP_BASE = 100;
    /** Hydrogen's ADSR counts frames; its kits are made at 44.1 kHz. */
    public static final double ADSR_RATE = 44100;

    /** Is this file a Hydrogen kit? Its root element says so. */
    public static boolean isHydrogenKit(Dom dom) { return Dom.local(dom.root()).equals("drumkit_info"); }

    public static Program load(Path drumkitXml) throws IOException { return read(Dom.parse(drumkitXml)); }

    public static Program read(Dom dom) throws IOException {
        Element root = dom.root();
        if (!isHydrogenKit(dom)) throw dom.error(root, "expected a Hydrogen kit (<drumkit_info>), found <" + root.getNodeName() + ">");
        Path dir = dom.file().toAbsolutePath().getParent();
        String kitName = text(root, "name", dir.getFileName().toString());
        Element list = child(root, "instrumentList");
        if (list == null) throw dom.error(root, "expected <instrumentList> in <drumkit_info>");
        Map<Integer, Double> componentVolume = new TreeMap<>();
        for (Element c : Dom.descendants(root, "drumkitComponent"))
            componentVolume.put((int) dom.number(c, "id", 0), dom.number(c, "volume", 1));

        List<Diagnostic> diagnostics = new ArrayList<>();
        List<SampleGroup> groups = new ArrayList<>();
        Map<Integer, String> labels = new TreeMap<>();
        int index = 0;
        for (Element in : children(list, "instrument")) {
            Pad pad = pad(dom, in, index++, diagnostics);
            List<SampleRegion> regions = new ArrayList<>();
            for (Element comp : components(in)) {
                int compId = (int) dom.number(comp, "component_id", 0);
                double compGain = (comp == in ? 1 : dom.number(comp, "gain", 1)) * componentVolume.getOrDefault(compId, 1.0);
                List<Element> layers = children(comp, "layer");
                if (comp == in && layers.isEmpty() && text(in, "filename", null) != null) layers = List.of(in); // pre-0.9.4
                LayerSelection.Mode mode = selection(dom, comp, in);
                List<LayerSelection.Range> ranges = new ArrayList<>();
                List<Layer> sounding = new ArrayList<>();   // by layer index; null for Hydrogen's empty sample
                int real = 0;
                for (Element layer : layers) {
                    boolean own = layer == in;   // a pre-0.9.4 instrument is its own single layer
                    ranges.add(own ? new LayerSelection.Range(0, 1)
                            : new LayerSelection.Range((float) dom.number(layer, "min", 0), (float) dom.number(layer, "max", 1)));
                    String file = text(layer, "filename", null);
                    if (file == null || Path.of(file).getFileName().toString().equals(EMPTY_SAMPLE)) {
                        sounding.add(null);
                        continue;
                    }
                    Path sample = dir.resolve(file).normalize();
                    if (!Files.isRegularFile(sample))
                        diagnostics.add(Diagnostic.warning(dom.at(layer), "sample file not found: " + file + " (looked for " + sample + ")"));
                    String id = "i" + pad.index + "c" + compId + "l" + real++;   // ("i0c0l2"): its number among the real layers
                    sounding.add(new Layer(id, sample, pad.gain * compGain * (own ? 1 : dom.number(layer, "gain", 1)),
                            pad.pitch + (own ? 0 : dom.number(layer, "pitch", 0)), dom.at(layer)));
                }
                Map<Integer, Integer> segmentsOf = new TreeMap<>();
                for (LayerSelection.Segment seg : LayerSelection.segments(ranges, mode)) {
                    int n = seg.layers().size();
                    for (int k = 0; k < n; k++) {
                        Layer layer = sounding.get(seg.layers().get(k));
                        if (layer == null) continue; // Hydrogen's empty sample: this choice plays silence
                        int count = segmentsOf.merge(seg.layers().get(k), 1, Integer::sum);
                        String id = layer.id() + (count == 1 ? "" : "-" + count);
                        regions.add(region(pad, id, layer, seg.velocities(), choice(mode, n, k)));
                    }
                }
            }
            if (regions.isEmpty()) continue; // an instrument without samples is no pad
            groups.add(new SampleGroup("i" + pad.index, pad.name, regions));
            labels.merge(pad.note, pad.name, (a, b) -> a + " / " + b);
        }
        String id = dir.getFileName() == null ? "kit" : dir.getFileName().toString();
        Program kit = new Program(id, kitName, groups, ProgramSettings.DEFAULT, Map.of(), labels, diagnostics);
        return kit.withDrumKit(DrumKits.padsOf(kit, false));
    }

    /** What every layer of one instrument shares. */
    private record Pad(int index, int note, String name, double gain, double pan, double pitch, Envelope adsr,
                       boolean stopNote, long chokeGroup) {}

    private static Pad pad(Dom dom, Element in, int index, List<Diagnostic> diagnostics) throws IOException {
        String name = text(in, "name", "Instrument " + index);
        int note = (int) dom.number(in, "midiInNote", FIRST_NOTE + index);
        if (note < 0 || note > 127) throw dom.error(child(in, "midiInNote"), "expected a MIDI note 0..127 in <midiInNote>, found " + note);
        double gain = dom.number(in, "volume", 1) * dom.number(in, "gain", 1);
        double pan;
        if (child(in, "pan") != null) {
            double p = Math.clamp(dom.number(in, "pan", 0), -1, 1);
            pan = p * 100;
        } else {
            double l = dom.number(in, "pan_L", 1), r = dom.number(in, "pan_R", 1), m = Math.max(l, r);
            pan = m <= 0 ? 0 : Math.clamp((r - l) / m * 100, -100, 100);
            gain *= Math.max(0, m); // balance keeps the louder side at unity: its own gain moves into the level
        }
        double attack = dom.number(in, "Attack", 0) / ADSR_RATE, decay = dom.number(in, "Decay", 0) / ADSR_RATE;
        double sustain = Math.clamp(dom.number(in, "Sustain", 1), 0, 1), release = Math.max(0.001, dom.number(in, "Release", 1000) / ADSR_RATE);
        Envelope adsr = Envelope.AMP_DEFAULT.withStages(0, attack, 0, decay, sustain, release);
        int mute = (int) dom.number(in, "muteGroup", -1);
        if (dom.flag(in, "filterActive"))
            diagnostics.add(Diagnostic.warning(dom.at(in), name + ": the instrument's filter is not imported (it plays unfiltered)"));
        if (dom.number(in, "randomPitchFactor", 0) > 0)
            diagnostics.add(Diagnostic.warning(dom.at(in), name + ": randomPitchFactor is not imported (it plays at a fixed pitch)"));
        Element exclude = child(in, "exclude");
        if (exclude != null && !children(exclude, null).isEmpty())
            diagnostics.add(Diagnostic.warning(dom.at(exclude), name + ": <exclude> lists are not imported; use muteGroup"));
        return new Pad(index, note, name, gain, pan, dom.number(in, "pitchOffset", 0), adsr, dom.flag(in, "isStopNote"),
                mute >= 0 ? MUTE_GROUP_BASE + mute : 0);
    }

    /** {@code sampleSelectionAlgo} of the component (Hydrogen 2.0) or the instrument (before), VELOCITY when absent. */
    private static LayerSelection.Mode selection(Dom dom, Element comp, Element in) throws IOException {
        Element at = child(comp, "sampleSelectionAlgo") != null ? child(comp, "sampleSelectionAlgo") : child(in, "sampleSelectionAlgo");
        LayerSelection.Mode mode = LayerSelection.Mode.of(at == null ? null : at.getTextContent());
        if (mode == null) throw dom.error(at, "expected sampleSelectionAlgo VELOCITY, ROUND_ROBIN or RANDOM, found \"" + at.getTextContent().strip() + "\"");
        return mode;
    }

    /** One sounding layer of a component: what each of its regions shares. */
    private record Layer(String id, Path sample, double gain, double pitch, SourceLocation origin) {}

    /**
     * When choice k of the n layers a velocity may play sounds: ROUND_ROBIN in turn, RANDOM its share of the range; a
     * single layer always (VELOCITY segments hold one each).
     */
    private static RegionConditions choice(LayerSelection.Mode mode, int n, int k) {
        if (n == 1) return RegionConditions.DEFAULT;
        return switch (mode) {
            case ROUND_ROBIN -> RegionConditions.DEFAULT.withSequence(n, k + 1);
            case RANDOM -> RegionConditions.DEFAULT.withRandom((double) k / n, (double) (k + 1) / n);
            case VELOCITY -> RegionConditions.DEFAULT; // not reached: its segments hold one layer
        };
    }

    /** The elements holding layers: Hydrogen 0.9.7's components, or the instrument itself before them. */
    private static List<Element> components(Element in) {
        List<Element> c = children(in, "instrumentComponent");
        return c.isEmpty() ? List.of(in) : c;
    }

    /** Hydrogen scales a hit's level by its velocity linearly (SFZ's default curve is a square). */
    private static final java.util.SortedMap<Integer, Double> LINEAR_VELOCITY = new TreeMap<>(Map.of(0, 0.0, 127, 1.0));

    private static SampleRegion region(Pad pad, String id, Layer layer, IntRange vel, RegionConditions when) {
        double gain = layer.gain(), pitch = layer.pitch();
        SampleRegion.Builder b = SampleRegion.builder(id);
        b.conditions = when;
        b.samples.add(new SampleRef(layer.sample().toString()));
        b.keyRange = new IntRange(pad.note, pad.note);
        b.velocityRange = vel;
        double db = gain <= 0 ? -144 : Math.max(-144, 20 * Math.log10(gain));
        b.amp = new Amp(db, 100, pad.pan, 100, 0, 100, 60, 0, 0, 0).withVelocityCurve(LINEAR_VELOCITY).withPanLaw(Amp.PanLaw.BALANCE);
        int transpose = (int) Math.round(pitch);
        b.tuning = new Tuning(pad.note, transpose, Math.round((pitch - transpose) * 100), 0, 0, 200, -200);
        b.envelopes = new Envelopes(pad.adsr, Envelopes.DEFAULT.filter(), Envelopes.DEFAULT.pitch());
        b.loop = new Loop(pad.stopNote ? LoopMode.NO_LOOP : LoopMode.ONE_SHOT, null, -1, -1, 0, 0);
        b.choke = pad.chokeGroup == 0 ? Choke.NONE : new Choke(pad.chokeGroup, pad.chokeGroup, OffMode.NORMAL, 0.006, 0, 0);
        b.label = pad.name;
        b.origin = layer.origin();
        return b.build();
    }

}
