package dev.loophole.model;

/**
 * A per-note expression source, as every input (MPE, polyphonic aftertouch, MIDI 2.0 per-note
 * messages) reaches an instrument. Values: {@link #PITCH} in semitones (signed), the others 0..1.
 */
public enum ExpressionDimension {
    /** Per-note pitch offset in semitones: an MPE member bend, a UMP per-note pitch bend. */
    PITCH,
    /** Per-note pressure 0..1: MPE member channel pressure, UMP polyphonic pressure. */
    PRESSURE,
    /** The third MPE dimension 0..1: CC 74 on a member channel, UMP registered per-note controller 74. */
    TIMBRE,
    /** MIDI 1.0 polyphonic key pressure outside MPE, 0..1. */
    POLY_AFTERTOUCH,
    /** Any other per-note controller, 0..1, with its number. */
    PER_NOTE_CC
}
