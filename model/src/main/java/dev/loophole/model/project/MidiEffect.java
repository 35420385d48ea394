package dev.loophole.model.project;

import java.util.Map;

/** A MIDI effect a lane runs before its instruments; parameters from {@link MidiEffectKind}. */
public record MidiEffect(String effectId, MidiEffectKind kind, Map<String, Double> values, boolean bypassed) {
    public MidiEffect {
        Ids.require(effectId, "MIDI effect id");
        if (kind == null) throw new IllegalArgumentException("MIDI effect " + effectId + ": no kind");
        values = Values.copy(values);
        try {
            kind.parameters().requireValid(values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("MIDI effect " + effectId + ": " + e.getMessage(), e);
        }
    }

    public double value(String parameterId) { return kind.parameters().value(values, parameterId); }

    public MidiEffect withValue(String parameterId, Double value) {
        return new MidiEffect(effectId, kind, Values.with(values, parameterId, value), bypassed);
    }
}
