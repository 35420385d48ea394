package dev.loophole.signal.expression;

import dev.loophole.model.ExpressionDimension;

/**
 * The one per-note event model every source is decoded into (MPE, MIDI 2.0 per-note messages, a
 * clip's expression lanes): a note has an id unique among the notes its decoder has started, and
 * {@code Instrument.noteExpression(channel, noteId, dimension, value)} moves one of its
 * dimensions. Dimensions are ints on the audio thread (no enum lookups): {@link #PITCH} in
 * semitones, the rest 0..1.
 */
public final class NoteExpression {
    private NoteExpression() { }

    public static final int PITCH = 0, PRESSURE = 1, TIMBRE = 2, POLY_AFTERTOUCH = 3;
    /** Per-note controller {@code n} (0..511, see {@code ExpressionMapping.Route#sourceCc}) is dimension {@code PER_NOTE_CC + n}. */
    public static final int PER_NOTE_CC = 0x100;
    /** UMP assignable per-note controllers follow the 256 registered ones. */
    public static final int ASSIGNABLE_BASE = 256;

    /** A timbre nobody has moved: MIDI value 64, MPE's resting CC 74. */
    public static final float TIMBRE_CENTRE = 0.5f;

    public static int perNoteCc(int n) { return PER_NOTE_CC + n; }

    public static boolean isPerNoteCc(int dimension) { return dimension >= PER_NOTE_CC && dimension < PER_NOTE_CC + 512; }

    /** The audio-thread code of a model dimension ({@code cc} for PER_NOTE_CC). */
    public static int code(ExpressionDimension d, int cc) {
        return switch (d) {
            case PITCH -> PITCH;
            case PRESSURE -> PRESSURE;
            case TIMBRE -> TIMBRE;
            case POLY_AFTERTOUCH -> POLY_AFTERTOUCH;
            case PER_NOTE_CC -> perNoteCc(cc);
        };
    }
}
