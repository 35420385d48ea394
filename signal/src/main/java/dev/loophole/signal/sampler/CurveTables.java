package dev.loophole.signal.sampler;

import dev.loophole.model.Curve;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.DoubleUnaryOperator;

/**
 * The 128-point tables a modulation routing reads its controller through (SFZ {@code curvecc}): the program's own
 * {@code <curve>}, else SFZ's built-in ones. Tables are shared and never written: the built-in ones made once, a
 * program's own kept per index for the last {@code <curve>} object asked for (a SoundFont's regions ask for the same few
 * thousands of times: the GM song's 7,190 routes use 3 curve objects and 6 built-in curves).
 */
final class CurveTables {
    private CurveTables() {}

    /** SFZ's built-in curves by index: 0 straight 0..1 (no table), 1 bipolar −1..1, 2 inverted 1..0, 3 inverted bipolar 1..−1, 4 x², 5 √x, 6 √(1−x). */
    private static final DoubleUnaryOperator[] SHAPES = {
            null, x -> 2 * x - 1, x -> 1 - x, x -> 1 - 2 * x, x -> x * x, Math::sqrt, x -> Math.sqrt(1 - x)};

    private static final float[][] BUILT_IN = new float[SHAPES.length][];
    static {
        for (int i = 1; i < SHAPES.length; i++) {
            DoubleUnaryOperator shape = SHAPES[i];
            BUILT_IN[i] = table(v -> shape.applyAsDouble(v / 127.0));
        }
    }

    /** A program's own curve and its table: the last one made for its slot, for the next region that asks for it. */
    private record Own(Curve curve, float[] table) {}

    private static final AtomicReferenceArray<Own> LAST_OWN = new AtomicReferenceArray<>(16); // a race only makes a table twice

    /** The table of curve {@code index} for a program with {@code curves} (may be null); null for the straight line, which needs none. */
    static float[] of(int index, Map<Integer, Curve> curves) {
        Curve c = curves == null ? null : curves.get(index);
        if (c == null) return index > 0 && index < BUILT_IN.length ? BUILT_IN[index] : null;
        int slot = index & (LAST_OWN.length() - 1);
        Own last = LAST_OWN.get(slot);
        if (last != null && last.curve() == c) return last.table();
        float[] t = table(c::at);
        LAST_OWN.set(slot, new Own(c, t));
        return t;
    }

    private static float[] table(java.util.function.IntToDoubleFunction at) {
        float[] t = new float[128];
        for (int v = 0; v < 128; v++) t[v] = (float) at.applyAsDouble(v);
        return t;
    }
}
