package dev.loophole.signal.engine;

/**
 * Something that turns MIDI into audio: the engine's view of an InstrumentNode. All methods run on
 * the audio thread and must not allocate, lock or block. Channels are 0-based here.
 */
public interface Instrument {
    /** Called once at the start of every block, before its events: the place to pick up control-side changes. */
    default void beginBlock() { }

    /**
     * Called once at the end of every block, after its last {@code render}: an instrument may put its
     * rendering off until here (a {@link ProgramBank} renders its programs then, on several threads offline).
     * Whoever calls {@link #beginBlock} calls this before the block's output is read.
     */
    default void endBlock() { }

    /** Control side, before blocks of up to {@code maxFrames} reach it: make whatever a block needs (nothing by default). */
    default void prepareBlocks(int maxFrames) { }

    void noteOn(int channel, int key, int velocity);

    void noteOff(int channel, int key, int velocity);

    void controlChange(int channel, int controller, int value);

    /** {@code value} is the 14-bit bend, 0..16383, centre 8192. */
    void pitchBend(int channel, int value);

    void channelPressure(int channel, int value);

    void polyPressure(int channel, int key, int value);

    void programChange(int channel, int program);

    // --- per-note expression (MPE, MIDI 2.0): notes with an id, fed by dev.loophole.signal.expression ---

    /**
     * Starts a note that has an id (an MPE member-channel note or a MIDI 2.0 note), with 16-bit
     * velocity. Its later {@link #noteExpression} and {@link #perNoteOff} name the same id. An
     * instrument without per-note support plays it as an ordinary note.
     */
    default void perNoteOn(int channel, int noteId, int key, int velocity16) {
        noteOn(channel, key, Math.max(1, velocity16 >>> 9));
    }

    /** Ends the note {@code noteId}; an id that is not sounding changes nothing. */
    default void perNoteOff(int channel, int noteId, int key, int velocity16) {
        noteOff(channel, key, velocity16 >>> 9);
    }

    /**
     * Moves one dimension of note {@code noteId} only (see {@code NoteExpression}: pitch in
     * semitones, others 0..1). The first values arrive right after {@link #perNoteOn}, before any
     * audio of the note is rendered.
     */
    default void noteExpression(int channel, int noteId, int dimension, float value) { }

    /** Which per-note dimensions this instrument responds to, its MPE zones, its bend range. Control side. */
    default dev.loophole.model.ExpressionCapabilities capabilities() { return dev.loophole.model.ExpressionCapabilities.NONE; }

    /** The song's tempo changed (SFZ lobpm/hibpm select on it). */
    default void tempo(double bpm) { }

    /**
     * The node's tune in cents on every channel, as MIDI's channel fine/coarse tuning (RPN 1/2):
     * sounding notes move with it at their next control chunk, new notes start there. 0 at rest.
     * Audio thread (between renders); allocates nothing. An instrument without pitch ignores it.
     */
    default void nodeTune(double cents) { }

    /** Adds output over frames {@code [from, to)} of the block to {@code left/right}. */
    void render(float[] left, float[] right, int from, int to);

    /**
     * Voices sounding now. Whatever sounds must be counted: a {@link ProgramBank} does not mix a program for a stretch
     * of its block when it reports none and nothing reached it since its last render.
     */
    int activeVoices();

    /** Stop everything at once (panic, or the end of a render). */
    void allSoundOff();
}
