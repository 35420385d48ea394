package dev.loophole.model;

/** The three SFZ v1 envelopes of a region. */
public record Envelopes(Envelope amp, Envelope filter, Envelope pitch) {
    public static final Envelopes DEFAULT = new Envelopes(Envelope.AMP_DEFAULT, Envelope.MOD_DEFAULT, Envelope.MOD_DEFAULT);
}
