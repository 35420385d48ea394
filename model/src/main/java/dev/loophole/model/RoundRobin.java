package dev.loophole.model;

/**
 * How a program chooses among the regions of a round-robin cycle ({@code seq_length} &gt; 1).
 * Randomness comes from the instrument's seeded generator: same seed, same choices.
 */
public enum RoundRobin {
    /** SFZ: each region counts the notes that reach it and plays on its {@code seq_position}. */
    SEQUENTIAL,
    /** A random position of the cycle for each note; the same one may come twice in a row. */
    RANDOM,
    /** A random position, never the one the key played last ("random, no repeat"). */
    RANDOM_NO_REPEAT
}
