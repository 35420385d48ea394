package dev.loophole.formats.sf2;

import static dev.loophole.formats.sf2.Generator.*;
import static java.util.Map.entry;

import dev.loophole.model.Curve;
import dev.loophole.model.Modulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A bank's own modulators (those not identical to one of the ten defaults, see {@link Modulators}) as routings of
 * the model's modulation matrix, with SoundFont 2.01 section 8.2 source shapes turned into {@code <curve>} tables.
 *
 * <p>Destination units: initialFilterFc and the LFO depths are cents already; initialFilterQ cB → dB (/10);
 * initialAttenuation cB → −dB (/10) <em>unscaled</em>: the 0.4 EMU factor of {@link Sf2Options} applies to the
 * generator's own value only, as in FluidSynth's loader, and the default CC7/CC11/velocity modulators here are
 * unscaled too; pan 0.1 % → model ±100 (/5); fineTune cents, coarseTune semitones (×100 cents). modLfoToPitch is
 * the depth of the region's {@code lfo1 → pitch} routing (the importer's home for that LFO target).
 *
 * <p>Not representable, so kept as {@code sf2_<generator>} in SF2 units with a warning: other destinations
 * (envelope times and sustains, the modulation envelope's depths, LFO frequencies: exponential or note-start
 * quantities the matrix cannot add), a secondary (amount) source on another controller (the matrix scales a routing's
 * depth only from LFOs and envelopes, never from a controller; one on the same controller is multiplied into the
 * curve), transforms other than linear and absolute value,
 * and sources without an engine controller (the wheel's RPN 0 sensitivity). Linked modulators are dropped with a warning.
 */
final class ModulatorMapper {
    private ModulatorMapper() {}

    /** Model target of a generator and the factor from the SF2 amount to the target's unit. */
    private record Target(String name, double scale) {}

    private static final Map<Generator, Target> TARGETS = Map.ofEntries(
            entry(INITIAL_FILTER_FC, new Target("cutoff", 1)),
            entry(INITIAL_FILTER_Q, new Target("resonance", 0.1)),
            entry(INITIAL_ATTENUATION, new Target("volume", -0.1)),
            entry(PAN, new Target("pan", 0.2)),
            entry(FINE_TUNE, new Target("pitch", 1)),
            entry(COARSE_TUNE, new Target("pitch", 100)),
            entry(VIB_LFO_TO_PITCH, new Target("pitchlfo_depth", 1)),
            entry(MOD_LFO_TO_PITCH, new Target("lfo1_pitch", 1)),
            entry(MOD_LFO_TO_FILTER_FC, new Target("fillfo_depth", 1)),
            entry(MOD_LFO_TO_VOLUME, new Target("amplfo_depth", 0.1)));

    private static final int ABS = 2, LINK_DEST = 0x8000;

    /**
     * Curve indices for the source shapes one preset uses, given out from 101 (100 is the default concave) in order of first
     * use, so that they stay within SFZ's curve_index range (0..255) and only used shapes exist. A shape is a primary
     * source's curve code (bits 8-11 of the source word: direction, polarity, type), optionally times a secondary
     * source's on the same controller, optionally under the absolute-value transform.
     */
    static final class Shapes {
        static final int FIRST = 101, LAST = 255;
        private final Map<Integer, Integer> indexOf = new HashMap<>();
        private final Map<Integer, Curve> curves = new HashMap<>();
        private final Map<List<Double>, Integer> tables = new HashMap<>();

        /** The index of this shape, or -1 when the bank already uses every index up to 255. */
        int index(int primary, int secondary, boolean abs) {
            int key = primary | (secondary + 1) << 4 | (abs ? 1 << 9 : 0);
            Integer known = indexOf.get(key);
            if (known != null) return known;
            int i = FIRST + indexOf.size() + tables.size();
            if (i > LAST) return -1;
            List<Double> v = new ArrayList<>(128);
            for (int c = 0; c < 128; c++) {
                double y = shape(primary, c) * (secondary < 0 ? 1 : shape(secondary, c));
                v.add(abs ? Math.abs(y) : y);
            }
            indexOf.put(key, i);
            curves.put(i, new Curve(i, v));
            return i;
        }

        /**
         * The index of a curve with exactly these 128 values (given out once per distinct table, from the same range as
         * the source shapes), or -1 when the range is used up. Key-scaled envelope times use it (see {@link KeyScaledTimes}).
         */
        int table(List<Double> values) {
            Integer known = tables.get(values);
            if (known != null) return known;
            int i = FIRST + indexOf.size() + tables.size();
            if (i > LAST) return -1;
            tables.put(List.copyOf(values), i);
            curves.put(i, new Curve(i, values));
            return i;
        }

        /** The curves of these indices that this bank gave out. */
        Map<Integer, Curve> curves(Set<Integer> used) {
            Map<Integer, Curve> out = new HashMap<>();
            for (int i : used) if (curves.containsKey(i)) out.put(i, curves.get(i));
            return out;
        }
    }

    /**
     * @param routings   playable entries, then unplayable ones as {@code sf2_<generator>}
     * @param generators destinations reached by playable entries (the region must set up what they modulate)
     * @param unplayed   one reason per entry kept unplayed
     */
    record Mapped(List<Modulation> routings, Set<Generator> generators, List<String> unplayed) {}

    static Mapped map(List<Sf2File.Mod> effective, Shapes shapes) {
        List<Modulation> out = new ArrayList<>();
        Set<Generator> reached = new TreeSet<>();
        List<String> unplayed = new ArrayList<>();
        for (Sf2File.Mod m : effective) {
            if (Modulators.isDefault(m)) continue;
            if ((m.dest() & LINK_DEST) != 0 || (m.src() & 0xFF) == Modulators.SRC_LINK) {
                // A chain (spec 8.2.1 source 127, destination 0x8000 + index) may even be circular: not followed.
                unplayed.add("linked modulators (source 127 / destination 0x8000 + index) are not supported: dropped");
                continue;
            }
            String src = Modulators.sourceName(m.src());
            Generator g = Generator.byId(m.dest());
            if (src == null || g == null || m.amount() == 0) continue; // no source or no destination: a no-op per spec
            String why = problem(m, src, g);
            if (why != null) {
                out.add(new Modulation(src, "sf2_" + g.sf2Name, m.amount(), 0, 0));
                unplayed.add(why + "; kept as target sf2_" + g.sf2Name + " in SF2 units");
                continue;
            }
            Target t = TARGETS.get(g);
            boolean abs = m.transform() == ABS;
            double depth = m.amount() * t.scale();
            // A unipolar, linear, rising controller is the engine's own 0..1: no table (except the wheel, which is −1..1).
            // A secondary source on the same controller multiplies into one table: both read the same value.
            int secondary = (m.amountSrc() & 0xFF) != 0 ? (m.amountSrc() >> 8) & 0xF : -1;
            int curve = secondary < 0 && (m.src() & 0xFF00) == 0 && !abs && !src.equals("cc128") ? 0
                    : shapes.index((m.src() >> 8) & 0xF, secondary, abs);
            if (curve < 0) {
                out.add(new Modulation(src, "sf2_" + g.sf2Name, m.amount(), 0, 0));
                unplayed.add("the preset uses more source shapes than SFZ's curve indices hold (101..255); kept as target sf2_"
                        + g.sf2Name + " in SF2 units");
                continue;
            }
            out.add(new Modulation(src, t.name(), abs ? Math.abs(depth) : depth, curve, 0));
            reached.add(g);
        }
        return new Mapped(out, reached, unplayed);
    }

    private static String problem(Sf2File.Mod m, String src, Generator g) {
        if (!TARGETS.containsKey(g)) return "destination " + g.sf2Name + " has no matrix target";
        if (src.equals("bendrange")) return "source pitch-wheel sensitivity is no engine controller";
        int secondary = m.amountSrc() & 0xFF;
        if (secondary != 0 && secondary != (m.src() & 0xFF))
            return "a secondary (amount) source other than the primary's controller cannot scale a controller routing";
        if ((m.amountSrc() >> 10) > 3) return "amount source curve type " + (m.amountSrc() >> 10) + " is undefined";
        if (m.transform() != 0 && m.transform() != ABS) return "transform " + m.transform() + " is undefined";
        if ((m.src() >> 10) > 3) return "source curve type " + (m.src() >> 10) + " is undefined";
        return null;
    }

    /**
     * Spec 8.2.1: a source value 0..127 through its curve type (bits 2-3 of {@code code}: linear, concave, convex,
     * switch), polarity (bit 1: unipolar 0..1, bipolar −1..1) and direction (bit 0: max → min). A bipolar concave or
     * convex curve is the unipolar shape on each half, mirrored through the centre.
     */
    static double shape(int code, int value) {
        double x = value / 127.0;
        if ((code & 1) != 0) x = 1 - x;
        int type = code >> 2;
        if ((code & 2) == 0) return unipolar(type, x);
        if (type == 3) return x >= 0.5 ? 1 : -1;
        double y = 2 * x - 1;
        return Math.signum(y) * unipolar(type, Math.abs(y));
    }

    private static double unipolar(int type, double x) {
        return switch (type) {
            case 1 -> concave(x);
            case 2 -> 1 - concave(1 - x);
            case 3 -> x >= 0.5 ? 1 : 0;
            default -> x;
        };
    }

    /** −20/96 · log10((1 − x)²), clamped to 0..1: the spec's concave curve (reaching 1 at x = 1). */
    static double concave(double x) {
        if (x >= 1) return 1;
        return Math.max(0, Math.min(1, -20.0 / 96.0 * Math.log10((1 - x) * (1 - x))));
    }
}
