package dev.loophole.formats.decent;

import static dev.loophole.formats.decent.DecentSamplerImporter.attr;
import static dev.loophole.formats.decent.DecentSamplerImporter.num;
import static dev.loophole.formats.xml.Dom.children;

import dev.loophole.formats.xml.Dom;
import dev.loophole.formats.xml.XmlFormatException;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.ProgramEffect;
import dev.loophole.model.project.EffectKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * A preset's instrument-level {@code <effects>} onto the built-in effects ({@link EffectKind}). Decent Sampler's
 * 0..1 amounts become our percentages; its 2-pole {@code lowpass}/{@code highpass} become an EQ band's high or low
 * cut at the same frequency with the resonance as the band's Q (0.7, Decent's default, is ours too: Butterworth);
 * {@code peak} an EQ peak band (its linear gain in dB); {@code gain} a gain stage. The reverb's {@code wetLevel}
 * becomes our mix: at 0 the signal passes unchanged, as Decent's does. Types we have no effect for are warned.
 */
final class DecentEffects {
    private DecentEffects() {}

    /** One effect element onto our kind and values; null when we have no equivalent. */
    private interface Mapping {
        ProgramEffect map(Dom dom, Element e) throws XmlFormatException;
    }

    private static final Map<String, Mapping> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("reverb", (dom, e) -> effect(EffectKind.REVERB,
                "size", pct(num(dom, "roomSize", 0.7, e)),
                // Room size also sets how long the tail rings: 0.3 s (a closet) to 4 s (a hall).
                "decay", 0.3 + 3.7 * Math.clamp(num(dom, "roomSize", 0.7, e), 0, 1),
                "damping", pct(num(dom, "damping", 0.3, e)),
                "preDelay", 0.0,
                "mix", pct(num(dom, "wetLevel", 0, e))));
        TYPES.put("delay", (dom, e) -> "musical_time".equals(attr("delayTimeFormat", "seconds", e)) ? null
                : effect(EffectKind.DELAY,
                "time", Math.clamp(num(dom, "delayTime", 0.7, e) * 1000, 1, 2000),
                "feedback", Math.min(95, pct(num(dom, "feedback", 0.2, e))),
                "mix", pct(num(dom, "wetLevel", 0.5, e))));
        TYPES.put("chorus", (dom, e) -> effect(EffectKind.CHORUS,
                "mix", pct(num(dom, "mix", 0.5, e)),
                "depth", 10 * Math.clamp(num(dom, "modDepth", 0.2, e), 0, 1),
                "rate", Math.clamp(num(dom, "modRate", 0.2, e), 0.05, 10)));
        TYPES.put("gain", (dom, e) -> {
            double level = num(dom, "level", 0, e);
            double db = "linear".equals(attr("levelUnit", "decibels", e)) ? 20 * Math.log10(Math.max(level, 1e-3)) : level;
            return effect(EffectKind.GAIN_PAN, "gain", Math.clamp(db, -60, 24));
        });
        Mapping lowpass = (dom, e) -> band("highCut", hz(num(dom, "frequency", 22000, e)), q(num(dom, "resonance", 0.7, e)), 0);
        TYPES.put("lowpass", lowpass);
        TYPES.put("lowpass_4pl", lowpass);
        TYPES.put("highpass", (dom, e) -> band("lowCut", hz(num(dom, "frequency", 22000, e)), q(num(dom, "resonance", 0.7, e)), 0));
        TYPES.put("peak", (dom, e) -> band("peak", hz(num(dom, "frequency", 10000, e)),
                q(num(dom, "q", num(dom, "Q", 0.7, e), e)), Math.clamp(20 * Math.log10(Math.max(num(dom, "gain", 1, e), 1e-3)), -24, 24)));
    }

    /**
     * The effect chain of {@code <effects>} (null: none), one entry per {@code <effect>} in file order — null for
     * one we cannot play, so bindings can still count positions; one warning per such element.
     */
    static List<ProgramEffect> of(Dom dom, Element effects, List<Diagnostic> diagnostics) throws XmlFormatException {
        List<ProgramEffect> out = new ArrayList<>();
        if (effects == null) return out;
        for (Element e : children(effects, "effect")) {
            String type = attr("type", "", e);
            Mapping m = TYPES.get(type);
            ProgramEffect fx = m == null ? null : m.map(dom, e);
            if (fx == null)
                diagnostics.add(Diagnostic.warning(dom.at(e), "<effect type=\"" + type + "\"> is not imported: "
                        + (m == null ? "no built-in effect plays it" : "tempo-synced delay time is not supported")));
            out.add(fx);
        }
        return out;
    }

    /** The first band as a filter of this type; the others flat (0 dB peaks and shelf pass the signal unchanged). */
    private static ProgramEffect band(String type, double freq, double q, double gainDb) {
        return effect(EffectKind.EQ4, "band1_type", (double) EffectKind.Eq4.TYPES.indexOf(type), "band1_freq", freq,
                "band1_q", q, "band1_gain", gainDb);
    }

    private static ProgramEffect effect(EffectKind kind, Object... pairs) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) values.put((String) pairs[i], ((Number) pairs[i + 1]).doubleValue());
        kind.parameters().requireValid(values);
        return new ProgramEffect(kind.id(), values);
    }

    private static double pct(double amount) { return 100 * Math.clamp(amount, 0, 1); }

    private static double hz(double f) { return Math.clamp(f, 20, 20000); }

    private static double q(double q) { return Math.clamp(q, 0.1, 18); }
}
