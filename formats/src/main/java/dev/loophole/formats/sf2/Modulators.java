package dev.loophole.formats.sf2;

import dev.loophole.model.Curve;
import dev.loophole.model.Modulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The modulators of SoundFont 2.01 section 8.4 (the ten defaults every voice has) and the rules that
 * combine them with a bank's own: an instrument modulator identical in source, destination and amount
 * source to a default replaces it; preset modulators add to the result.
 *
 * <p>How each default reaches the model (documented equivalents, see {@link Sf2Importer}):
 * velocity→attenuation (concave, 960 cB) is the engine's {@code amp_veltrack=100} curve, gain (vel/127)², exactly;
 * velocity→filter cutoff (−2400 cents, linear) becomes the filter's cutoff − 2400 cents with +2400 cents of
 * velocity tracking; channel pressure and CC1 → vibrato LFO depth ({@code pitchlfo_depth}, 50 cents), CC7/CC11 → volume (concave,
 * curve {@link #CONCAVE_CURVE}) and CC10 → pan (bipolar) are {@link Modulation} entries; pitch wheel → pitch with RPN 0
 * sensitivity is {@code Tuning.bendUp/bendDown = ±200} cents. CC91/CC93 → reverb/chorus sends are {@code effect1}/{@code effect2}
 * routings in percent (SFZ's send opcodes), which the engine's sampler feeds to the graph's send effects. A bank's own modulators are {@link ModulatorMapper}'s.
 */
final class Modulators {
    private Modulators() {}

    /** Program curve index holding the spec's negative concave transform (0..1 of the modulator's amount). */
    static final int CONCAVE_CURVE = 100;
    /** SFZ's predefined curve 1: bipolar linear -1..1. */
    static final int BIPOLAR_CURVE = 1;

    static final int SRC_VELOCITY = 2, SRC_KEY = 3, SRC_POLY_PRESSURE = 10, SRC_CHANNEL_PRESSURE = 13,
            SRC_PITCH_WHEEL = 14, SRC_PITCH_WHEEL_SENSITIVITY = 16, SRC_LINK = 127;
    /** Destination of the pitch-wheel default: the spec's "initial pitch", which is no generator of its own. */
    static final int DEST_INITIAL_PITCH = 59;

    static final Sf2File.Mod VEL_TO_ATTENUATION = new Sf2File.Mod(0x0502, 48, 960, 0, 0);
    static final Sf2File.Mod VEL_TO_FILTER = new Sf2File.Mod(0x0102, 8, -2400, 0, 0);
    static final List<Sf2File.Mod> DEFAULTS = List.of(
            VEL_TO_ATTENUATION, VEL_TO_FILTER,
            new Sf2File.Mod(0x000D, 6, 50, 0, 0),    // channel pressure → vibrato depth
            new Sf2File.Mod(0x0081, 6, 50, 0, 0),    // CC1 → vibrato depth
            new Sf2File.Mod(0x0587, 48, 960, 0, 0),  // CC7 → attenuation, concave
            new Sf2File.Mod(0x028A, 17, 1000, 0, 0), // CC10 → pan, bipolar
            new Sf2File.Mod(0x058B, 48, 960, 0, 0),  // CC11 → attenuation, concave
            new Sf2File.Mod(0x00DB, 16, 200, 0, 0),  // CC91 → reverb send
            new Sf2File.Mod(0x00DD, 15, 200, 0, 0),  // CC93 → chorus send
            new Sf2File.Mod(0x020E, DEST_INITIAL_PITCH, 12700, 0x0010, 0)); // pitch wheel × RPN 0 sensitivity

    /** Spec 9.5.1: modulators are identical when source, destination and amount source agree. */
    static boolean identical(Sf2File.Mod a, Sf2File.Mod b) {
        return a.src() == b.src() && a.dest() == b.dest() && a.amountSrc() == b.amountSrc();
    }

    /** {@code over} replaces identical entries of {@code base} and adds the rest. */
    static List<Sf2File.Mod> overlay(List<Sf2File.Mod> base, List<Sf2File.Mod> over) {
        List<Sf2File.Mod> out = new ArrayList<>(base);
        for (Sf2File.Mod m : over) {
            int i = indexOf(out, m);
            if (i >= 0) out.set(i, m); else out.add(m);
        }
        return out;
    }

    /**
     * The effective modulator list of a voice: defaults, replaced by identical instrument modulators,
     * then preset modulators added (an identical one sums its amount into the existing entry).
     */
    static List<Sf2File.Mod> effective(List<Sf2File.Mod> instrument, List<Sf2File.Mod> preset) {
        List<Sf2File.Mod> out = overlay(DEFAULTS, instrument);
        for (Sf2File.Mod m : preset) {
            int i = indexOf(out, m);
            if (i >= 0) {
                Sf2File.Mod e = out.get(i);
                out.set(i, new Sf2File.Mod(e.src(), e.dest(), e.amount() + m.amount(), e.amountSrc(), e.transform()));
            } else {
                out.add(m);
            }
        }
        return out;
    }

    private static int indexOf(List<Sf2File.Mod> list, Sf2File.Mod m) {
        for (int i = 0; i < list.size(); i++) if (identical(list.get(i), m)) return i;
        return -1;
    }

    /** The velocity→attenuation amount in effect (960 unless a bank overrides the default). */
    static int velocityAttenuation(List<Sf2File.Mod> effective) {
        int i = indexOf(effective, VEL_TO_ATTENUATION);
        return i < 0 ? 0 : effective.get(i).amount();
    }

    /** The velocity→filter cutoff amount in effect (-2400 cents unless overridden). */
    static int velocityFilter(List<Sf2File.Mod> effective) {
        int i = indexOf(effective, VEL_TO_FILTER);
        return i < 0 ? 0 : effective.get(i).amount();
    }

    /**
     * Name of a modulator source in the model's vocabulary ({@link Modulation}: {@code cc7}, and SFZ's extended
     * controllers {@code cc128} pitch bend, {@code cc129} channel pressure, {@code cc130} poly pressure,
     * {@code cc131} velocity, {@code cc133} key number), or null when it has none. The wheel's sensitivity
     * (RPN 0) has no controller number and keeps the name {@code bendrange}.
     */
    static String sourceName(int src) {
        int index = src & 0x7F;
        if ((src & 0x80) != 0) return "cc" + index;
        return switch (index) {
            case SRC_VELOCITY -> "cc131";
            case SRC_KEY -> "cc133";
            case SRC_POLY_PRESSURE -> "cc130";
            case SRC_CHANNEL_PRESSURE -> "cc129";
            case SRC_PITCH_WHEEL -> "cc128";
            case SRC_PITCH_WHEEL_SENSITIVITY -> "bendrange";
            default -> null;
        };
    }

    /**
     * Model entries for the defaults that the engine does not already cover through typed fields, with
     * depths in the target's model unit (dB, pan -100..100, percent, cents).
     */
    static List<Modulation> defaultEntries(List<Sf2File.Mod> effective) {
        List<Modulation> out = new ArrayList<>();
        for (Sf2File.Mod d : DEFAULTS) {
            // Velocity and pitch wheel are typed fields.
            if (d == VEL_TO_ATTENUATION || d == VEL_TO_FILTER || d.dest() == DEST_INITIAL_PITCH) continue;
            int i = indexOf(effective, d);
            if (i < 0) continue;
            int amount = effective.get(i).amount();
            if (amount == 0) continue;
            String src = sourceName(d.src());
            out.add(switch (d.dest()) {
                case 6 -> new Modulation(src, "pitchlfo_depth", amount, 0, 0);
                // The effect sends (0.1 % units): SFZ's effect1 is the reverb send, effect2 the chorus send, in percent.
                case 15 -> new Modulation(src, "effect2", amount / 10.0, 0, 0);
                case 16 -> new Modulation(src, "effect1", amount / 10.0, 0, 0);
                case 48 -> new Modulation(src, "volume", -amount / 10.0, CONCAVE_CURVE, 0);
                default -> new Modulation(src, "pan", amount / 5.0, BIPOLAR_CURVE, 0);
            });
        }
        return out;
    }

    /** One of the ten defaults (by source, destination and amount source), whatever its amount. */
    static boolean isDefault(Sf2File.Mod m) { return indexOf(DEFAULTS, m) >= 0; }

    private static final Map<Integer, Curve> CURVES = makeCurves();

    /** The curves the entries above refer to. */
    static Map<Integer, Curve> curves() { return CURVES; }

    /** The curves a program's routings use: the concave default and the bank modulators' source shapes. */
    static Map<Integer, Curve> curvesFor(java.util.Set<Integer> used, ModulatorMapper.Shapes shapes) {
        Map<Integer, Curve> out = new java.util.TreeMap<>(shapes.curves(used));
        if (used.contains(CONCAVE_CURVE)) out.put(CONCAVE_CURVE, CURVES.get(CONCAVE_CURVE));
        return out;
    }

    private static Map<Integer, Curve> makeCurves() {
        List<Double> v = new ArrayList<>(128);
        for (int i = 0; i < 128; i++) v.add(Sf2Units.concaveNegative(i));
        return Map.of(CONCAVE_CURVE, new Curve(CONCAVE_CURVE, v));
    }

    /**
     * {@code Amp.velocityCurve} points (SFZ {@code amp_velcurve_N}) for a non-default velocity→attenuation amount
     * {@code cb}: gain at velocity N = 10^(−cb × concave(N) / 200), every 8th velocity plus 1 and 127 (linear in between).
     */
    static java.util.SortedMap<Integer, Double> velCurvePoints(int cb) {
        java.util.SortedMap<Integer, Double> out = new java.util.TreeMap<>();
        for (int v = 0; v <= 128; v += 8) {
            int vel = Math.max(1, Math.min(127, v));
            double gain = Math.pow(10, -cb * Sf2Units.concaveNegative(vel) / 200.0);
            out.put(vel, Double.valueOf(fmt(Math.max(0, Math.min(1, gain)))));
        }
        return out;
    }

    /** Plain decimal with at most 6 places and no trailing zeros, as SFZ values are written. */
    static String fmt(double d) {
        long k = Math.round(d * 1e6);
        double r = k / 1e6;
        if (r == 0) return "0";
        // Below 10^9 the value's shortest decimal is k millionths (decimals 10^-6 apart cannot share a double there), so
        // it is written from k: BigDecimal's first stripTrailingZeros builds power-of-ten tables on a fork-join pool
        // (≈ 35 ms, at every start of a SoundFont import, as SF2's default LFO delay of 0.000977 s reaches it).
        if (!(Math.abs(r) < 1e9)) return java.math.BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
        long a = Math.abs(k), frac = a % 1_000_000;
        StringBuilder sb = new StringBuilder(24);
        if (k < 0) sb.append('-');
        sb.append(a / 1_000_000);
        if (frac == 0) return sb.toString();
        String f = Long.toString(1_000_000 + frac); // "1" then six digits
        int end = f.length();
        while (f.charAt(end - 1) == '0') end--;
        return sb.append('.').append(f, 1, end).toString();
    }
}
