package dev.loophole.model;

import java.util.List;

/**
 * A program's per-note expression table: each route maps one dimension of a note's expression to
 * one parameter of that note's voices only (one finger's bend never bends its neighbour).
 * Saved with the {@link Program}; the SFZ exporter writes it as {@code loophole_expression}
 * opcodes in {@code <control>} (see {@code ExpressionOpcodes} in formats).
 *
 * @param routes in order; several routes to one target add up
 */
public record ExpressionMapping(List<Route> routes) {
    /** What a route drives, in the target's unit. */
    public enum Target {
        /** Pitch, cents. */
        PITCH,
        /** Filter cutoff, cents (acts only on regions that have a filter). */
        CUTOFF,
        /** Level, dB. */
        AMPLITUDE,
        /** The note's own value of SFZ controller {@code targetCc}, 0..1: SFZ modulation reading that CC picks it up. */
        SFZ_CC,
        /** Cents added to the filter envelope's depth. */
        EG_DEPTH,
        /** Cents added to the pitch LFO's depth (vibrato amount). */
        LFO_DEPTH
    }

    /** Response of a 0..1 source. */
    public enum Shape {
        LINEAR, SQUARE, SQRT;

        public double apply(double v) {
            return switch (this) {
                case LINEAR -> v;
                case SQUARE -> v * v;
                case SQRT -> Math.sqrt(v);
            };
        }
    }

    /**
     * One routing. For a 0..1 source the amount is {@code min + (max - min) · shape(v)}; with
     * {@code relative} the amount at the centre (0.5, MIDI value 64) is subtracted, so the centre
     * is neutral (MPE's relative timbre). For {@link ExpressionDimension#PITCH} (semitones) min and
     * max are the amounts at −1 and +1 semitone, extended linearly, and the shape is not used.
     *
     * @param sourceCc  for {@link ExpressionDimension#PER_NOTE_CC}: a MIDI 1.0 CC or UMP registered per-note
     *                  controller 0..255, or 256 + a UMP assignable one; else -1
     * @param targetCc  SFZ CC number for {@link Target#SFZ_CC}, else -1
     * @param smoothMs  glide time constant: a step in the source reaches 63 % of its way in this time
     */
    public record Route(ExpressionDimension source, int sourceCc, Target target, int targetCc,
                        double min, double max, Shape shape, double smoothMs, boolean relative) {
        public Route {
            if (source == null || target == null) throw new IllegalArgumentException("a route needs a source and a target");
            if (shape == null) shape = Shape.LINEAR;
            if (source == ExpressionDimension.PER_NOTE_CC && (sourceCc < 0 || sourceCc > 511))
                throw new IllegalArgumentException("per-note controller " + sourceCc + " is outside 0..511");
            if (target == Target.SFZ_CC && (targetCc < 0 || targetCc > 127))
                throw new IllegalArgumentException("SFZ CC " + targetCc + " is outside 0..127");
            if (!Double.isFinite(min) || !Double.isFinite(max)) throw new IllegalArgumentException("route range " + min + ".." + max + " is not finite");
            if (!(smoothMs >= 0) || smoothMs > 10_000) throw new IllegalArgumentException("smoothing " + smoothMs + " ms is outside 0..10000");
        }

        public Route(ExpressionDimension source, Target target, double min, double max, double smoothMs) {
            this(source, -1, target, -1, min, max, Shape.LINEAR, smoothMs, false);
        }

        /** The amount for source value {@code v} (semitones for PITCH, else 0..1). */
        public double amount(double v) {
            if (source == ExpressionDimension.PITCH) return (max + min) / 2 + v * (max - min) / 2;
            double a = min + (max - min) * shape.apply(Math.clamp(v, 0, 1));
            return relative ? a - (min + (max - min) * shape.apply(0.5)) : a;
        }
    }

    public ExpressionMapping {
        routes = List.copyOf(routes);
    }

    public static final ExpressionMapping NONE = new ExpressionMapping(List.of());

    /**
     * What a sampler program does with expression unless it says otherwise: per-note pitch bends
     * the note (100 cents per semitone), pressure and polyphonic aftertouch swell it by up to 6 dB,
     * timbre (relative around 64) moves the cutoff ±2 octaves where the region has a filter.
     */
    public static final ExpressionMapping SAMPLER_DEFAULT = new ExpressionMapping(List.of(
            new Route(ExpressionDimension.PITCH, Target.PITCH, -100, 100, 1),
            new Route(ExpressionDimension.PRESSURE, Target.AMPLITUDE, 0, 6, 10),
            new Route(ExpressionDimension.POLY_AFTERTOUCH, Target.AMPLITUDE, 0, 6, 10),
            new Route(ExpressionDimension.TIMBRE, -1, Target.CUTOFF, -1, -2400, 2400, Shape.LINEAR, 10, true)));
}
