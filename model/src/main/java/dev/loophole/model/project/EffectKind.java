package dev.loophole.model.project;

import static dev.loophole.model.project.Parameter.choice;
import static dev.loophole.model.project.Parameter.continuous;

import java.util.ArrayList;
import java.util.List;

/**
 * The built-in audio effects and their parameters — the one table Pulse validates against, IPC
 * lists and Signal's DSP reads, so every side agrees on ids, units, ranges and defaults.
 * Every effect has one stereo input port {@code in} and one stereo output port {@code out}.
 */
public enum EffectKind {
    /** Gain in dB, then a balance pan. */
    GAIN_PAN("gainPan", ParameterSet.of(
            continuous("gain", "Gain", Unit.DECIBELS, -60, 24, 0),
            continuous("pan", "Pan", Unit.PAN, -1, 1, 0))),
    /** Four biquad bands, each with its own type, frequency, gain and Q. */
    EQ4("eq4", Eq4.PARAMETERS),
    /** Feed-forward compressor, stereo-linked peak detection, soft knee (Giannoulis et al.). */
    COMPRESSOR("compressor", ParameterSet.of(
            continuous("threshold", "Threshold", Unit.DECIBELS, -60, 0, -18),
            continuous("ratio", "Ratio", Unit.RATIO, 1, 20, 4),
            continuous("attack", "Attack", Unit.MILLISECONDS, 0.1, 200, 10),
            continuous("release", "Release", Unit.MILLISECONDS, 5, 2000, 100),
            continuous("knee", "Knee", Unit.DECIBELS, 0, 24, 6),
            continuous("makeup", "Makeup", Unit.DECIBELS, 0, 24, 0))),
    /** Stereo delay with feedback, optional ping-pong and a damping low-pass in the feedback path. */
    DELAY("delay", ParameterSet.of(
            continuous("time", "Time", Unit.MILLISECONDS, 1, 2000, 375),
            continuous("feedback", "Feedback", Unit.PERCENT, 0, 95, 35),
            continuous("damping", "Damping", Unit.HERTZ, 200, 20000, 8000),
            choice("pingPong", "Ping-pong", 0, List.of("off", "on")),
            continuous("mix", "Mix", Unit.PERCENT, 0, 100, 25))),
    /** Modulated delay lines (the GM chorus send, SFZ effect2). */
    CHORUS("chorus", ParameterSet.of(
            continuous("rate", "Rate", Unit.HERTZ, 0.05, 10, 0.8),
            continuous("depth", "Depth", Unit.MILLISECONDS, 0, 10, 3),
            continuous("delay", "Delay", Unit.MILLISECONDS, 1, 30, 12),
            continuous("feedback", "Feedback", Unit.PERCENT, -90, 90, 0),
            continuous("mix", "Mix", Unit.PERCENT, 0, 100, 50))),
    /** Algorithmic room reverb (the GM reverb send, SFZ effect1). */
    REVERB("reverb", ParameterSet.of(
            continuous("size", "Room size", Unit.PERCENT, 0, 100, 70),
            continuous("decay", "Decay", Unit.SECONDS, 0.1, 20, 2),
            continuous("damping", "Damping", Unit.PERCENT, 0, 100, 50),
            continuous("preDelay", "Pre-delay", Unit.MILLISECONDS, 0, 200, 10),
            continuous("width", "Width", Unit.PERCENT, 0, 100, 100),
            continuous("mix", "Mix", Unit.PERCENT, 0, 100, 25)));

    public static final String INPUT = "in";
    public static final String OUTPUT = "out";

    private final String id;
    private final ParameterSet parameters;

    EffectKind(String id, ParameterSet parameters) {
        this.id = id;
        this.parameters = parameters;
    }

    /** The kind's stable id, as JSON and IPC spell it. */
    public String id() { return id; }

    public ParameterSet parameters() { return parameters; }

    public static EffectKind byId(String id) {
        for (EffectKind k : values()) if (k.id.equals(id) || k.name().equals(id)) return k;
        throw new IllegalArgumentException("unknown effect kind '" + id + "'");
    }

    /** The EQ's table: {@code bandN_type|freq|gain|q} for N = 1..4. */
    public static final class Eq4 {
        public static final List<String> TYPES = List.of("lowShelf", "peak", "highShelf", "lowCut", "highCut");
        public static final int BANDS = 4;
        private static final int[] TYPE = {0, 1, 1, 2};
        private static final double[] FREQ = {100, 500, 2000, 8000};
        static final ParameterSet PARAMETERS = build();

        private Eq4() {}

        private static ParameterSet build() {
            List<Parameter> ps = new ArrayList<>();
            for (int b = 1; b <= BANDS; b++) {
                ps.add(choice("band" + b + "_type", "Band " + b + " type", TYPE[b - 1], TYPES));
                ps.add(continuous("band" + b + "_freq", "Band " + b + " frequency", Unit.HERTZ, 20, 20000, FREQ[b - 1]));
                ps.add(continuous("band" + b + "_gain", "Band " + b + " gain", Unit.DECIBELS, -24, 24, 0));
                ps.add(continuous("band" + b + "_q", "Band " + b + " Q", Unit.Q, 0.1, 18, 0.707));
            }
            return new ParameterSet(ps);
        }
    }
}
