package dev.loophole.formats.sf2;

import dev.loophole.model.IntRange;
import java.math.BigDecimal;
import java.math.MathContext;
import dev.loophole.model.Modulation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * SF2's per-key envelope times (keynumToVolEnvHold/Decay, keynumToModEnvHold/Decay: the spec adds
 * perKey × (60 − key) timecents) for a zone that spans several keys. The region states each time at key 60; a
 * note-start routing from the key number (SFZ's extended controller 133, key/127) adds the difference for the key
 * played, read through a 128-point curve of (seconds at that key − seconds at key 60) / depth. The engine reads
 * such routings when a note starts, so every key gets its own time, exact at every key; exported to SFZ it is
 * {@code ampeg_decay_oncc133} with its {@code <curve>}, which other SFZ players play the same way.
 */
final class KeyScaledTimes {
    /** SFZ's extended controller for the note's key number. */
    static final String KEY_SOURCE = "cc133";

    /** The widest span of a stage's timecents (−12000..8000): no key of another zone needs more. */
    private static final int SPAN = 20_000;
    /** Curve values to 10 significant digits: a millionth of a frame on a 100 s stage. */
    private static final MathContext DIGITS = new MathContext(10);

    private KeyScaledTimes() {}

    /**
     * The routing that gives {@code target} (an envelope stage, in seconds) the time {@code seconds} computes for
     * each key, relative to its value at key 60; null when the time is the same on every key of {@code keys}.
     *
     * @return the routing, null when nothing varies, or a routing to {@code sf2_<perKey>} (not played) when the
     *         bank's curve indices are used up — {@link #played} tells the two kinds apart
     */
    static Modulation routing(String target, IntToDoubleFunction seconds, IntRange keys, Generator perKey, int perKeyAmount,
                              ModulatorMapper.Shapes shapes) {
        double ref = seconds.applyAsDouble(60);
        boolean varies = false;
        for (int k = keys.lo(); k <= keys.hi() && !varies; k++) varies = seconds.applyAsDouble(k) != ref;
        if (!varies) return null;
        // The curve is relative to the key-60 time, so zones with the same per-key amount share one: on the zone's
        // keys the clamped time, elsewhere (keys that never play it) the plain 2^(perKey × (60 − key) / 1200) − 1.
        double depth = ref > 0 ? ref : 1;
        List<Double> values = new ArrayList<>(128);
        for (int k = 0; k < 128; k++) {
            boolean played = k >= keys.lo() && k <= keys.hi();
            double v = played ? (seconds.applyAsDouble(k) - ref) / depth
                    : ref > 0 ? Math.pow(2, Math.clamp((long) perKeyAmount * (60 - k), -SPAN, SPAN) / 1200.0) - 1 : 0;
            values.add(v == 0 ? 0 : new BigDecimal(v).round(DIGITS).doubleValue()); // last bits differ between zones alike
        }
        int curve = shapes.table(values);
        if (curve < 0) return Modulation.of(KEY_SOURCE, "sf2_" + perKey.sf2Name, perKeyAmount);
        return new Modulation(KEY_SOURCE, target, depth, curve, 0);
    }

    /** Whether a routing from {@link #routing} plays (false: it is kept in SF2 units because no curve index was left). */
    static boolean played(Modulation m) { return !m.target().startsWith("sf2_"); }
}
