package dev.loophole.formats.realcontent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Test fixture: a Hydrogen {@code drumkit.xml} as SFZ text. Formats without a Hydrogen importer yet, this is the
 * mapping the tests hold the SFZ importer to:
 *
 * <ul>
 *   <li>instrument n of {@code instrumentList} → key 36 + n (Hydrogen's default MIDI note map), one {@code <group>}
 *       labelled with the instrument's name, {@code label_keyN} in {@code <control>};</li>
 *   <li>each {@code <layer>} (or, in pre-0.9.4 kits, the instrument's own {@code <filename>}) → one {@code <region>},
 *       velocity {@code min..max} (0..1) → {@code lovel=max(1, ceil(min·127)) hivel=floor(max·127)};</li>
 *   <li>level: instrument volume × instrument gain × layer gain → dB; SFZ's {@code volume} stops at +6 dB, so the whole
 *       kit is lowered by the same {@link Kit#headroomDb()} when a product would exceed it (relative levels kept);</li>
 *   <li>layer pitch (semitones, fractional) → {@code transpose} + {@code tune} cents; pan_L/pan_R → {@code pan};</li>
 *   <li>{@code muteGroup} ≥ 0 → {@code group=off_by=100+muteGroup} (a choke group; SFZ also chokes the instrument's
 *       own previous note, Hydrogen does not);</li>
 *   <li>Hydrogen's {@code emptySample.flac} placeholder means "no sample" and is skipped.</li>
 * </ul>
 */
final class HydrogenToSfz {
    private HydrogenToSfz() {}

    static final String EMPTY_SAMPLE = "emptySample.flac";
    static final int FIRST_KEY = 36;
    static final int MUTE_GROUP_BASE = 100;

    record Layer(String file, double min, double max, double gain, double pitch) {
        int lovel() { return Math.max(1, (int) Math.ceil(min * 127 - 1e-9)); }

        /** Never below {@link #lovel()}: a layer narrower than one velocity step keeps that step. */
        int hivel() { return Math.max(lovel(), Math.min(127, (int) Math.floor(max * 127 + 1e-9))); }
    }

    record Instrument(int index, String name, double volume, double gain, double panL, double panR, int muteGroup,
                      List<Layer> layers) {
        int key() { return FIRST_KEY + index; }

        double pan() {
            double m = Math.max(panL, panR);
            return m <= 0 ? 0 : Math.clamp((panR - panL) / m * 100, -100, 100);
        }
    }

    record Kit(String name, Path dir, List<Instrument> instruments, double headroomDb) {
        /** Instruments that have at least one real sample (the others produce no region). */
        List<Instrument> playable() { return instruments.stream().filter(i -> !i.layers().isEmpty()).toList(); }
    }

    static Kit read(Path drumkitXml) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            doc = f.newDocumentBuilder().parse(drumkitXml.toFile());
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException(drumkitXml + ": " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        String kitName = text(root, "name", drumkitXml.getParent().getFileName().toString());
        Element list = child(root, "instrumentList");
        List<Instrument> instruments = new ArrayList<>();
        int index = 0;
        for (Element i : children(list, "instrument")) {
            List<Layer> layers = new ArrayList<>();
            List<Element> layerEls = descendants(i, "layer");
            if (layerEls.isEmpty()) {
                String file = text(i, "filename", null);
                if (file != null && !file.equals(EMPTY_SAMPLE)) layers.add(new Layer(file, 0, 1, 1, 0));
            }
            for (Element l : layerEls) {
                String file = text(l, "filename", null);
                if (file == null || file.equals(EMPTY_SAMPLE)) continue;
                layers.add(new Layer(file, num(l, "min", 0), num(l, "max", 1), num(l, "gain", 1), num(l, "pitch", 0)));
            }
            Element exclude = child(i, "exclude");
            if (exclude != null && !children(exclude, "id").isEmpty())
                throw new IOException(drumkitXml + ": instrument " + index + " uses an <exclude> list, which this fixture does not map");
            instruments.add(new Instrument(index, text(i, "name", "Instrument " + index), num(i, "volume", 1), num(i, "gain", 1),
                    num(i, "pan_L", 1), num(i, "pan_R", 1), (int) num(i, "muteGroup", -1), List.copyOf(layers)));
            index++;
        }
        double loudest = Double.NEGATIVE_INFINITY;
        for (Instrument in : instruments) for (Layer l : in.layers()) loudest = Math.max(loudest, rawDb(in, l));
        return new Kit(kitName, drumkitXml.getParent(), List.copyOf(instruments), Math.max(0, loudest - 6));
    }

    static double rawDb(Instrument i, Layer l) {
        double g = i.volume() * i.gain() * l.gain();
        return g <= 0 ? -144 : Math.max(-144, 20 * Math.log10(g));
    }

    /** The region's {@code volume} in dB after the kit's headroom, rounded to 0.001 dB as written. */
    static double volumeDb(Kit k, Instrument i, Layer l) { return round3(rawDb(i, l) - k.headroomDb()); }

    static int transpose(Layer l) { return (int) Math.round(l.pitch()); }

    static int tuneCents(Layer l) { return (int) Math.round((l.pitch() - transpose(l)) * 100); }

    static String toSfz(Kit kit) {
        StringBuilder s = new StringBuilder("// ").append(kit.name()).append(" — converted from Hydrogen drumkit.xml\n");
        s.append("<control> default_path=").append(kit.dir().toAbsolutePath()).append('/');
        for (Instrument i : kit.playable()) s.append("\nlabel_key").append(i.key()).append('=').append(label(i.name()));
        s.append("\n<global> loop_mode=one_shot\n");
        for (Instrument i : kit.playable()) {
            s.append("\n<group> group_label=").append(label(i.name())).append(" key=").append(i.key());
            if (i.pan() != 0) s.append(" pan=").append(fmt(i.pan()));
            if (i.muteGroup() >= 0) s.append(" group=").append(MUTE_GROUP_BASE + i.muteGroup()).append(" off_by=").append(MUTE_GROUP_BASE + i.muteGroup());
            for (Layer l : i.layers()) {
                s.append("\n<region> sample=").append(l.file()).append(" lovel=").append(l.lovel()).append(" hivel=").append(l.hivel());
                double db = volumeDb(kit, i, l);
                if (db != 0) s.append(" volume=").append(fmt(db));
                if (transpose(l) != 0) s.append(" transpose=").append(transpose(l));
                if (tuneCents(l) != 0) s.append(" tune=").append(tuneCents(l));
            }
        }
        return s.append('\n').toString();
    }

    /** Names go into label values: no line breaks, no '=' or '<' that would end the value early. */
    static String label(String name) { return name.replaceAll("[\\r\\n=<>$]+", " ").strip().replaceAll("\\s+", " "); }

    static double round3(double v) { return Math.round(v * 1000) / 1000.0; }

    static String fmt(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    // ---- DOM helpers (namespace-agnostic: newer kits declare a default namespace) ----

    private static String local(Node n) {
        String name = n.getNodeName();
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(colon + 1);
    }

    static List<Element> children(Element e, String name) {
        List<Element> out = new ArrayList<>();
        if (e == null) return out;
        NodeList nl = e.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++)
            if (nl.item(i) instanceof Element c && local(c).equals(name)) out.add(c);
        return out;
    }

    static Element child(Element e, String name) {
        List<Element> c = children(e, name);
        return c.isEmpty() ? null : c.getFirst();
    }

    static List<Element> descendants(Element e, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nl = e.getElementsByTagName("*");
        for (int i = 0; i < nl.getLength(); i++) if (local(nl.item(i)).equals(name)) out.add((Element) nl.item(i));
        return out;
    }

    static String text(Element e, String name, String def) {
        Element c = child(e, name);
        if (c == null) return def;
        String t = c.getTextContent().strip();
        return t.isEmpty() ? def : t;
    }

    static double num(Element e, String name, double def) {
        String t = text(e, name, null);
        if (t == null) return def;
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException x) {
            return def;
        }
    }
}
