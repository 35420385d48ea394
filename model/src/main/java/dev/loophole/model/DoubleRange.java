package dev.loophole.model;

/** An inclusive range of a continuous value, such as a high-resolution CC (0..1) or a tempo in BPM. */
public record DoubleRange(double lo, double hi) {
    public static final DoubleRange UNIT = new DoubleRange(0, 1);

    public DoubleRange {
        if (!(lo <= hi)) throw new IllegalArgumentException("range low " + lo + " is above high " + hi);
    }

    public boolean contains(double v) { return v >= lo && v <= hi; }
}
