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

    /**
     * Control side, offline: the instruments render apart at every multiple of {@code frames} from a block's start
     * ({@link Engine#grid}); set by {@link OfflineRenderer#grid}, which must use the same grid. 0: none.
     */
    default BlockSource grid(int frames) {
        if (frames != 0) throw new UnsupportedOperationException(getClass().getSimpleName() + " renders on no grid");
        return this;
    }
}
