package dev.loophole.signal.engine;

/** What renders audio block by block from events: a plain {@link Engine} or a node graph. What {@link OfflineRenderer} drives. */
public interface BlockSource {
    int sampleRate();

    int maxBlock();

    /** Renders {@code frames} frames into {@code out} (stereo pairs, overwritten), applying {@code events} at their offsets. */
    void process(float[][] out, int frames, EventBuffer events);

    /** Voices sounding now. */
    int activeVoices();

    /** The most voices sounding at the end of the last block or at any point inside it its voice count is taken (offline: each grid point). */
    default int peakVoices() { return activeVoices(); }
}
