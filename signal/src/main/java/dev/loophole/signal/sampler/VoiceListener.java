package dev.loophole.signal.sampler;

/**
 * Observes which regions sound and when: for conformance tests, inspection and editors' voice
 * displays. Called on the audio thread, so an implementation used live must not allocate or block.
 * Frames count from the instrument's first rendered frame.
 */
public interface VoiceListener {
    /** A voice of region {@code regionId} started at {@code frame}, for {@code key} at {@code velocity} (channel 0-based). */
    void started(String regionId, int channel, int key, int velocity, long frame);

    /** A voice of region {@code regionId} that played {@code key} fell silent and was freed at {@code frame}. */
    void stopped(String regionId, int channel, int key, long frame);
}
