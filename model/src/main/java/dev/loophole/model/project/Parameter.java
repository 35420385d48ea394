package dev.loophole.model.project;

import java.util.List;

/**
 * One controllable value of a node, with the same meaning for every node kind (sampler, plugin,
 * built-in instrument or effect). An enumerated parameter has {@code labels}: its values are the
 * indices 0..labels.size()-1.
 *
 * @param id           stable id: saved projects, automation and IPC refer to it, so it never changes
 * @param step         the smallest meaningful change, 0 for continuous
 * @param automatable  whether clip automation may drive it
 */
public record Parameter(String id, String name, Unit unit, double min, double max, double defaultValue,
                        double step, List<String> labels, boolean automatable) {
    public Parameter {
        Ids.require(id, "parameter id");
        if (name == null) name = id;
        if (unit == null) unit = Unit.NONE;
        labels = List.copyOf(labels == null ? List.of() : labels);
        if (!(min <= max)) throw new IllegalArgumentException("parameter " + id + ": min " + min + " is above max " + max);
        if (!(defaultValue >= min && defaultValue <= max))
            throw new IllegalArgumentException("parameter " + id + ": default " + defaultValue + " is outside " + min + ".." + max);
        if (!(step >= 0)) throw new IllegalArgumentException("parameter " + id + ": step " + step + " is negative");
        if (!labels.isEmpty() && (min != 0 || max != labels.size() - 1 || step != 1))
            throw new IllegalArgumentException("parameter " + id + ": an enumeration runs 0.." + (labels.size() - 1) + " in steps of 1");
    }

    /** A continuous parameter. */
    public static Parameter continuous(String id, String name, Unit unit, double min, double max, double defaultValue) {
        return new Parameter(id, name, unit, min, max, defaultValue, 0, List.of(), true);
    }

    /** A parameter moving in steps (a MIDI controller, a semitone transpose). */
    public static Parameter stepped(String id, String name, Unit unit, double min, double max, double defaultValue, double step) {
        return new Parameter(id, name, unit, min, max, defaultValue, step, List.of(), true);
    }

    /** A choice among labels; the value is the label's index. */
    public static Parameter choice(String id, String name, int defaultIndex, List<String> labels) {
        return new Parameter(id, name, Unit.INDEX, 0, labels.size() - 1, defaultIndex, 1, labels, true);
    }

    /** Why {@code value} is not acceptable, or null when it is. */
    public String problemWith(double value) {
        if (Double.isNaN(value) || value < min || value > max)
            return "parameter " + id + ": " + value + " is outside " + min + ".." + max;
        if (step > 0) {
            double k = (value - min) / step;
            if (Math.abs(k - Math.rint(k)) > 1e-9) return "parameter " + id + ": " + value + " is not a multiple of step " + step + " from " + min;
        }
        return null;
    }
}
