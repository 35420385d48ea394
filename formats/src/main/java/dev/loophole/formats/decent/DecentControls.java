package dev.loophole.formats.decent;

import static dev.loophole.formats.decent.DecentSamplerImporter.attr;
import static dev.loophole.formats.decent.DecentSamplerImporter.num;
import static dev.loophole.formats.xml.Dom.children;

import dev.loophole.formats.xml.Dom;
import dev.loophole.formats.xml.XmlFormatException;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.ProgramControl;
import dev.loophole.model.ProgramEffect;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * A preset's knobs ({@code <labeled-knob>} and {@code <control>} anywhere under {@code <ui>}) with the bindings we
 * can honour: instrument-level effect parameters of the effects we imported, and the instrument's
 * {@code AMP_VOLUME}, with linear translation. Any other binding is named in one warning.
 */
final class DecentControls {
    private DecentControls() {}

    private static final Set<String> KNOBS = Set.of("labeled-knob", "control");

    /** A binding parameter on one effect kind: our parameter and how many of ours one preset unit is. */
    private record Target(String kind, String parameter, double scale) {}

    private static final Map<String, List<Target>> PARAMETERS = Map.ofEntries(
            Map.entry("FX_REVERB_WET_LEVEL", List.of(new Target("reverb", "mix", 100))),
            Map.entry("FX_REVERB_ROOM_SIZE", List.of(new Target("reverb", "size", 100))),
            Map.entry("FX_REVERB_DAMPING", List.of(new Target("reverb", "damping", 100))),
            Map.entry("FX_FILTER_FREQUENCY", List.of(new Target("eq4", "band1_freq", 1))),
            Map.entry("FX_FILTER_RESONANCE", List.of(new Target("eq4", "band1_q", 1))),
            Map.entry("FX_DELAY_TIME", List.of(new Target("delay", "time", 1000))),
            Map.entry("FX_FEEDBACK", List.of(new Target("delay", "feedback", 100))),
            Map.entry("FX_WET_LEVEL", List.of(new Target("delay", "mix", 100), new Target("chorus", "mix", 100))),
            Map.entry("FX_MIX", List.of(new Target("chorus", "mix", 100))),
            Map.entry("FX_MOD_DEPTH", List.of(new Target("chorus", "depth", 10))),
            Map.entry("FX_MOD_RATE", List.of(new Target("chorus", "rate", 1))));

    /** The knobs of {@code ui} (null: none); {@code positional} is the effect chain as {@link DecentEffects#of} gave it. */
    static List<ProgramControl> of(Dom dom, Element ui, List<ProgramEffect> positional, List<Diagnostic> diagnostics) throws XmlFormatException {
        List<ProgramControl> out = new ArrayList<>();
        if (ui == null) return out;
        for (Element knob : knobs(ui, new ArrayList<>())) {
            double min = num(dom, "minValue", 0, knob), max = num(dom, "maxValue", 1, knob);
            if (!(min < max)) throw dom.error(knob, "expected minValue < maxValue, found " + min + " and " + max);
            List<ProgramControl.Binding> bindings = new ArrayList<>();
            for (Element b : children(knob, "binding")) {
                String why = binding(dom, b, positional, bindings);
                if (why != null) diagnostics.add(Diagnostic.warning(dom.at(b), "<binding type=\"" + attr("type", "", b) + "\" parameter=\""
                        + attr("parameter", "", b) + "\"> is not imported: " + why));
            }
            out.add(new ProgramControl(attr("label", "Control " + (out.size() + 1), knob), min, max,
                    num(dom, "value", num(dom, "defaultValue", min, knob), knob), bindings));
        }
        return out;
    }

    private static List<Element> knobs(Element e, List<Element> into) {
        for (Element c : children(e, null)) {
            if (KNOBS.contains(Dom.local(c))) into.add(c);
            else knobs(c, into);
        }
        return into;
    }

    /** Adds what {@code b} binds to; returns why not when it cannot be honoured. */
    private static String binding(Dom dom, Element b, List<ProgramEffect> positional, List<ProgramControl.Binding> into) throws XmlFormatException {
        String type = attr("type", "", b), level = attr("level", "", b), parameter = attr("parameter", "", b);
        if (!attr("translation", "linear", b).equals("linear")) return "only linear translation is supported";
        double lo = num(dom, "translationOutputMin", 0, b), hi = num(dom, "translationOutputMax", 1, b);
        if ("true".equals(attr("translationReversed", "false", b))) { double t = lo; lo = hi; hi = t; }
        if (type.equals("amp") && level.equals("instrument") && parameter.equals("AMP_VOLUME")) {
            into.add(new ProgramControl.Binding(ProgramControl.VOLUME, "volume", lo, hi, 1));
            return null;
        }
        if (!type.equals("effect") || !level.equals("instrument"))
            return "only instrument-level effect parameters and AMP_VOLUME are bound";
        String at = attr("effectIndex", attr("position", null, b), b);
        if (at == null) return "no position (effectIndex) names the effect";
        int position = (int) num(dom, attr("effectIndex", null, b) != null ? "effectIndex" : "position", 0, b);
        if (position < 0 || position >= positional.size() || positional.get(position) == null)
            return "effect " + position + " is not among the imported effects";
        ProgramEffect fx = positional.get(position);
        int ours = (int) positional.subList(0, position).stream().filter(e -> e != null).count();
        for (Target t : PARAMETERS.getOrDefault(parameter, List.of()))
            if (t.kind().equals(fx.kind())) {
                into.add(new ProgramControl.Binding(ours, t.parameter(), lo, hi, t.scale()));
                return null;
            }
        return "no parameter of our " + fx.kind() + " effect plays it";
    }
}
