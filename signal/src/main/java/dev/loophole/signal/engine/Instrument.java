package dev.loophole.signal.engine;

/**
 * Something that turns MIDI into audio: the engine's view of an InstrumentNode. All methods run on
 * the audio thread and must not allocate, lock or block. Channels are 0-based here.
 */
public interface Instrument {
    /** Called once at the start of every block, before its events: the place to pick up control-side changes. */
    default void beginBlock() { }

    void noteOn(int channel, int key, int velocity);

    void noteOff(int channel, int key, int velocity);

    void controlChange(int channel, int controller, int value);

    /** {@code value} is the 14-bit bend, 0..16383, centre 8192. */
    void pitchBend(int channel, int value);

    void channelPressure(int channel, int value);

    void polyPressure(int channel, int key, int value);

    void programChange(int channel, int program);

    /** The song's tempo changed (SFZ lobpm/hibpm select on it). */
    default void tempo(double bpm) { }

    /** Adds output over frames {@code [from, to)} of the block to {@code left/right}. */
    void render(float[] left, float[] right, int from, int to);

    /** Voices sounding now. */
    int activeVoices();

    /** Stop everything at once (panic, or the end of a render). */
    void allSoundOff();
}
