package dev.loophole.model.project;

/** The unit a parameter's value is expressed in; editors format values with {@link #symbol()}. */
public enum Unit {
    NONE(""), DECIBELS("dB"), PAN(""), CENTS("ct"), SEMITONES("st"), HERTZ("Hz"), MILLISECONDS("ms"),
    SECONDS("s"), PERCENT("%"), RATIO(":1"), Q(""), MIDI_VALUE(""), INDEX("");

    private final String symbol;

    Unit(String symbol) { this.symbol = symbol; }

    public String symbol() { return symbol; }
}
