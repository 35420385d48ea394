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
 * The tests' own reading of a Hydrogen {@code drumkit.xml}, independent of {@code HydrogenImporter}: what the
 * importer (and, in cli, a render of each kit) is held to. Instrument n plays at its {@code midiInNote} or 36 + n; each layer with a real sample
 * (not {@code emptySample.flac}) is one region; {@code muteGroup} n is choke group 100 + n.
 */
public final class HydrogenKitXml {
    private HydrogenKitXml() {}

    static final String EMPTY_SAMPLE = "emptySample.flac";
    static final int FIRST_KEY = 36;
    static final int MUTE_GROUP_BASE = 100;

    public record Layer(String file, double min, double max, double gain, double pitch, boolean empty) { }

    public record Instrument(int index, String name, double volume, double gain, double panL, double panR, int muteGroup,
                      int midiInNote, double attack, double decay, double sustain, double release, List<Layer> allLayers) {
        public int key() { return midiInNote >= 0 ? midiInNote : FIRST_KEY + index; }

        /** The layers with a real sample. */
        public List<Layer> layers() { return allLayers.stream().filter(l -> !l.empty()).toList(); }

        /**
         * The real layers (indices into {@link #layers()}) Hydrogen plays at MIDI velocity v, VELOCITY selection, from its
         * Note::get_sample reading: x = v/127 in floats; the first layer (empty ones included) with min ≤ x ≤ max; with
         * none, the layer whose min is nearest x (nearer than 1, first on a tie). An empty layer's choice is silence.
         */
        public List<Integer> sounding(int v) {
            float x = v / 127.0f;
            int pick = -1;
            for (int i = 0; i < allLayers.size() && pick < 0; i++)
                if (x >= (float) allLayers.get(i).min() && x <= (float) allLayers.get(i).max()) pick = i;
            if (pick < 0) {
                float best = 1.0f;
                for (int i = 0; i < allLayers.size(); i++) {
                    float d = Math.abs((float) allLayers.get(i).min() - x);
                    if (d < best) { best = d; pick = i; }
                }
            }
            if (pick < 0 || allLayers.get(pick).empty()) return List.of();
            return List.of(layers().indexOf(allLayers.get(pick)));
        }

        double pan() {
            double m = Math.max(panL, panR);
            return m <= 0 ? 0 : Math.clamp((panR - panL) / m * 100, -100, 100);
        }
    }

    public record Kit(String name, Path dir, List<Instrument> instruments) {
        /** Instruments that have at least one real sample (the others produce no region). */
        public List<Instrument> playable() { return instruments.stream().filter(i -> !i.layers().isEmpty()).toList(); }
    }

    public static Kit read(Path drumkitXml) throws IOException {
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
                if (file != null && !file.equals(EMPTY_SAMPLE)) layers.add(new Layer(file, 0, 1, 1, 0, false));
            }
            for (Element l : layerEls) {
                String file = text(l, "filename", null);
                boolean empty = file == null || file.equals(EMPTY_SAMPLE);
                layers.add(new Layer(file, num(l, "min", 0), num(l, "max", 1), num(l, "gain", 1), num(l, "pitch", 0), empty));
            }
            instruments.add(new Instrument(index, text(i, "name", "Instrument " + index), num(i, "volume", 1), num(i, "gain", 1),
                    num(i, "pan_L", 1), num(i, "pan_R", 1), (int) num(i, "muteGroup", -1), (int) num(i, "midiInNote", -1),
                    num(i, "Attack", 0), num(i, "Decay", 0), num(i, "Sustain", 1), num(i, "Release", 1000), List.copyOf(layers)));
            index++;
        }
        return new Kit(kitName, drumkitXml.getParent(), List.copyOf(instruments));
    }

    /** The level Hydrogen gives a layer: volume × gain × layer gain × the louder side's pan gain, in dB. */
    static double levelDb(Instrument i, Layer l) {
        double g = i.volume() * i.gain() * l.gain() * Math.max(i.panL(), i.panR());
        return g <= 0 ? -144 : Math.max(-144, 20 * Math.log10(g));
    }

    static int transpose(Layer l) { return (int) Math.round(l.pitch()); }

    static int tuneCents(Layer l) { return (int) Math.round((l.pitch() - transpose(l)) * 100); }

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
