package dev.loophole.model;

/** An inclusive integer range, such as a key range (0–127) or a velocity range (1–127). */
public record IntRange(int lo, int hi) {
    public static final IntRange MIDI = new IntRange(0, 127);
    public static final IntRange CHANNELS = new IntRange(1, 16);
    public static final IntRange BEND = new IntRange(-8192, 8192);

    public IntRange {
        if (lo > hi) throw new IllegalArgumentException("range low " + lo + " is above high " + hi);
    }

    public boolean contains(int v) { return v >= lo && v <= hi; }

    public static IntRange single(int v) { return new IntRange(v, v); }
}
