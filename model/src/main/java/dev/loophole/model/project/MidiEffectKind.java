package dev.loophole.model.project;

import static dev.loophole.model.project.Parameter.continuous;
import static dev.loophole.model.project.Parameter.stepped;

/** Built-in MIDI effects a lane runs before its instruments, with their parameters (one table, as {@link EffectKind}). */
public enum MidiEffectKind {
    /** Shifts every note by semitones. */
    TRANSPOSE("transpose", ParameterSet.of(stepped("semitones", "Semitones", Unit.SEMITONES, -48, 48, 0, 1))),
    /** velocity' = clamp(velocity × scale + offset, 1, 127). */
    VELOCITY("velocity", ParameterSet.of(
            continuous("scale", "Scale", Unit.RATIO, 0, 4, 1),
            stepped("offset", "Offset", Unit.MIDI_VALUE, -127, 127, 0, 1))),
    /** Lets only keys within lo..hi through. */
    KEY_FILTER("keyFilter", ParameterSet.of(
            stepped("lo", "Lowest key", Unit.MIDI_VALUE, 0, 127, 0, 1),
            stepped("hi", "Highest key", Unit.MIDI_VALUE, 0, 127, 127, 1)));

    private final String id;
    private final ParameterSet parameters;

    MidiEffectKind(String id, ParameterSet parameters) {
        this.id = id;
        this.parameters = parameters;
    }

    public String id() { return id; }

    public ParameterSet parameters() { return parameters; }
}
