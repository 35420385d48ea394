package dev.loophole.signal.fx;

/** One parameter of an effect kind: stable id (what Pulse's ParameterSet names), unit, range and default. */
public record Parameter(String id, String name, String unit, double min, double max, double defaultValue) {
    public Parameter {
        if (!(min <= defaultValue && defaultValue <= max)) throw new IllegalArgumentException(id + ": default " + defaultValue + " outside " + min + ".." + max);
    }

    public double clamp(double v) { return Double.isNaN(v) ? defaultValue : Math.clamp(v, min, max); }
}
