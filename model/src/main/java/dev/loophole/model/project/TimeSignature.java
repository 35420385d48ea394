package dev.loophole.model.project;

/** A metre change at {@code tick}: numerator over denominator (a power of two). */
public record TimeSignature(long tick, int numerator, int denominator) {
    public static final TimeSignature FOUR_FOUR = new TimeSignature(0, 4, 4);

    public TimeSignature {
        if (tick < 0) throw new IllegalArgumentException("time signature at tick " + tick);
        if (numerator < 1 || numerator > 64) throw new IllegalArgumentException("time signature numerator " + numerator + " is outside 1..64");
        if (denominator < 1 || denominator > 64 || Integer.bitCount(denominator) != 1)
            throw new IllegalArgumentException("time signature denominator " + denominator + " is not a power of two up to 64");
    }
}
