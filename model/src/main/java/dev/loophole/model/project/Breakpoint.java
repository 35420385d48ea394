package dev.loophole.model.project;

/**
 * A point of a curve: at {@code tick} (relative to the note or clip start) the value is {@code value};
 * {@code shape} says how the curve goes on to the next point.
 */
public record Breakpoint(long tick, double value, Shape shape) {
    /** STEP holds the value until the next point; LINEAR ramps to it. */
    public enum Shape { STEP, LINEAR }

    public Breakpoint {
        if (tick < 0) throw new IllegalArgumentException("breakpoint at tick " + tick + " is before the start");
        if (!Double.isFinite(value)) throw new IllegalArgumentException("breakpoint value " + value + " is not a number");
        if (shape == null) shape = Shape.LINEAR;
    }

    public static Breakpoint step(long tick, double value) { return new Breakpoint(tick, value, Shape.STEP); }

    public static Breakpoint linear(long tick, double value) { return new Breakpoint(tick, value, Shape.LINEAR); }
}
