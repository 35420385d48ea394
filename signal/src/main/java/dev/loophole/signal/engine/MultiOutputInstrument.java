package dev.loophole.signal.engine;

/**
 * An instrument with several stereo outputs: a drum kit's per-pad outputs, or a sampler's effect
 * sends next to its dry mix. The engine gives it consecutive pairs; where it has fewer pairs than
 * the instrument has outputs (a plain stereo render), it calls {@link #render(float[], float[], int, int)},
 * which must give the main (dry) mix alone.
 */
public interface MultiOutputInstrument extends Instrument {
    /** Stereo outputs, at least 1; output 0 is the main mix. Fixed for the instrument's life. */
    int outputs();

    /**
     * Adds output {@code k} over frames {@code [from, to)} to {@code pairs[2 × (first + k)]} and
     * {@code pairs[2 × (first + k) + 1]}, for every {@code k < outputs()}.
     */
    void render(float[][] pairs, int first, int from, int to);

    /**
     * Whether output {@code k} is part of the main mix taken out on its own (a drum pad's or a mic's output):
     * where no connection takes it, the graph mixes it wherever output 0 goes, as a hardware sampler's
     * unconnected outputs fall back to its main pair. Effect sends are not: unconnected, they are dropped.
     */
    default boolean foldsIntoMain(int k) { return false; }

    /** Whether output {@code k} can never carry sound as things stand (a sampler whose regions send nothing): no need to wire it. */
    default boolean silent(int k) { return false; }
}
