package dev.loophole.signal.fx;

import dev.loophole.model.project.EffectKind;
import dev.loophole.model.project.Parameter;
import java.util.List;

/**
 * The built-in effects' DSP units, made from the model's one parameter table ({@link EffectKind}):
 * a unit's parameter index is the parameter's position in its kind's {@code ParameterSet}.
 */
public final class Effects {
    private Effects() {}

    /** A new unit at {@code rate}, every parameter at its default (no glide). Control side. */
    public static Effect create(EffectKind kind, int rate) {
        Effect e = switch (kind) {
            case GAIN_PAN -> new GainPan(rate);
            case EQ4 -> new ParametricEq(rate);
            case COMPRESSOR -> new Compressor(rate);
            case DELAY -> new Delay(rate);
            case CHORUS -> new Chorus(rate);
            case REVERB -> new Reverb(rate);
        };
        List<Parameter> ps = kind.parameters().parameters();
        for (int i = 0; i < ps.size(); i++) e.set(i, ps.get(i).defaultValue());
        e.reset();
        return e;
    }

    /** Position of parameter {@code id} in {@code kind}'s table; fails loudly for an id the table lacks (a programming error). */
    static int index(EffectKind kind, String id) {
        List<Parameter> ps = kind.parameters().parameters();
        for (int i = 0; i < ps.size(); i++) if (ps.get(i).id().equals(id)) return i;
        throw new IllegalStateException(kind.id() + " has no parameter " + id);
    }

    /** {@code value} held inside parameter {@code index}'s range (NaN → its default). */
    static double clamp(EffectKind kind, int index, double value) {
        Parameter p = kind.parameters().parameters().get(index);
        return Double.isNaN(value) ? p.defaultValue() : Math.clamp(value, p.min(), p.max());
    }

    static double defaultOf(EffectKind kind, String id) { return kind.parameters().parameters().get(index(kind, id)).defaultValue(); }
}
