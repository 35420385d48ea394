package dev.loophole.model.midi;

/**
 * A channel message at a tick of a Standard MIDI File. {@code status} is the full status byte
 * (0x80–0xEF), so the channel is {@code status & 0x0F}; {@code data2} is 0 for two-byte messages.
 * {@code order} keeps the file order of events on the same tick stable across tracks.
 */
public record MidiEvent(long tick, int status, int data1, int data2, int track, long order) {
    public int channel() { return status & 0x0F; }

    public int command() { return status & 0xF0; }

    public boolean isNoteOn() { return command() == 0x90 && data2 > 0; }

    /** Note-off, including note-on with velocity 0. */
    public boolean isNoteOff() { return command() == 0x80 || (command() == 0x90 && data2 == 0); }
}
