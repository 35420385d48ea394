package dev.loophole.signal.driver;

import dev.loophole.signal.engine.EventBuffer;

/**
 * What a driver calls once per block on its audio thread. Must not allocate, lock, block, log or
 * throw: it runs under the audio deadline.
 */
@FunctionalInterface
public interface AudioCallback {
    /**
     * Renders {@code frames} frames into {@code out[channel][0..frames)} (overwriting), applying
     * {@code events} at their offsets.
     */
    void process(float[][] out, int frames, EventBuffer events);

    /** Voices sounding after the block, for {@link DriverStats}; -1 when the callback has none. */
    default int activeVoices() { return -1; }
}
