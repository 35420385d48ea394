package dev.loophole.signal.fx;

import java.util.List;

/**
 * The built-in effect kinds: each kind's parameters as a table (ids are what a project's
 * ParameterSet stores; the index is the position here) and how to make its DSP unit.
 */
public enum EffectKind {
    GAIN_PAN("gainPan", List.of(
            new Parameter("gain", "Gain", "dB", -96, 24, 0),
            new Parameter("pan", "Pan", "", -1, 1, 0))) {
        @Override public Effect create(int rate) { return new GainPan(rate); }
    },
    EQ4("eq4", eqParameters()) {
        @Override public Effect create(int rate) { return new ParametricEq(rate); }
    },
    COMPRESSOR("compressor", List.of(
            new Parameter("threshold", "Threshold", "dB", -60, 0, -18),
            new Parameter("ratio", "Ratio", ":1", 1, 50, 4),
            new Parameter("knee", "Knee", "dB", 0, 24, 6),
            new Parameter("attack", "Attack", "ms", 0.05, 500, 10),
            new Parameter("release", "Release", "ms", 5, 5000, 150),
            new Parameter("makeup", "Makeup", "dB", -24, 24, 0))) {
        @Override public Effect create(int rate) { return new Compressor(rate); }
    },
    DELAY("delay", List.of(
            new Parameter("time", "Time", "ms", 0, Delay.MAX_SECONDS * 1000, 375),
            new Parameter("feedback", "Feedback", "", 0, 0.98, 0.35),
            new Parameter("mix", "Mix", "", 0, 1, 0.3))) {
        @Override public Effect create(int rate) { return new Delay(rate); }
    },
    CHORUS("chorus", List.of(
            new Parameter("rate", "Rate", "Hz", 0.01, 10, 0.8),
            new Parameter("depth", "Depth", "ms", 0, Chorus.MAX_DEPTH_MS, 3),
            new Parameter("delay", "Delay", "ms", 1, 30, 12),
            new Parameter("mix", "Mix", "", 0, 1, 0.5))) {
        @Override public Effect create(int rate) { return new Chorus(rate); }
    },
    REVERB("reverb", List.of(
            new Parameter("decay", "Decay (RT60)", "s", 0.1, 30, 2),
            new Parameter("damping", "Damping", "", 0, 1, 0.3),
            new Parameter("predelay", "Pre-delay", "ms", 0, Reverb.MAX_PREDELAY_MS, 10),
            new Parameter("mix", "Mix", "", 0, 1, 0.25))) {
        @Override public Effect create(int rate) { return new Reverb(rate); }
    };

    private final String id;
    private final List<Parameter> parameters;

    EffectKind(String id, List<Parameter> parameters) {
        this.id = id;
        this.parameters = parameters;
    }

    /** The stable id a project stores ({@code "eq4"}, {@code "reverb"}, …). */
    public String id() { return id; }

    public List<Parameter> parameters() { return parameters; }

    /** Index of parameter {@code id}, or -1. */
    public int indexOf(String parameterId) {
        for (int i = 0; i < parameters.size(); i++) if (parameters.get(i).id().equals(parameterId)) return i;
        return -1;
    }

    /** A new unit at {@code rate}, every parameter at its default. Control side. */
    public abstract Effect create(int rate);

    /** The kind with stable id {@code id}; a clear error naming the known ones otherwise. */
    public static EffectKind byId(String id) {
        for (EffectKind k : values()) if (k.id.equals(id)) return k;
        throw new IllegalArgumentException("unknown effect kind '" + id + "', expected one of " + java.util.Arrays.stream(values()).map(EffectKind::id).toList());
    }

    /** Band 1 a low shelf, 2 and 3 peaks, 4 a high shelf (RBJ cookbook), each with frequency, gain and Q. */
    private static List<Parameter> eqParameters() {
        double[] freq = {100, 500, 2000, 8000};
        String[] name = {"Low shelf", "Peak 1", "Peak 2", "High shelf"};
        List<Parameter> out = new java.util.ArrayList<>();
        for (int b = 0; b < 4; b++) {
            out.add(new Parameter("b" + (b + 1) + "_freq", name[b] + " frequency", "Hz", 20, 20000, freq[b]));
            out.add(new Parameter("b" + (b + 1) + "_gain", name[b] + " gain", "dB", -24, 24, 0));
            out.add(new Parameter("b" + (b + 1) + "_q", name[b] + " Q", "", 0.1, 18, 0.707));
        }
        return List.copyOf(out);
    }
}
