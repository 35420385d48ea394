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

    /** The event as a user reads it, e.g. "note-on key 60 velocity 100 on channel 1" (channels counted from 1). */
    public String describe() {
        String what = switch (command()) {
            case 0x80 -> "note-off key " + data1;
            case 0x90 -> data2 == 0 ? "note-off key " + data1 : "note-on key " + data1 + " velocity " + data2;
            case 0xA0 -> "poly pressure " + data2 + " on key " + data1;
            case 0xB0 -> "controller " + data1 + " = " + data2;
            case 0xC0 -> "program change " + data1;
            case 0xD0 -> "channel pressure " + data1;
            case 0xE0 -> "pitch bend " + ((data2 << 7 | data1) - 8192);
            default -> String.format("status 0x%02X", status);
        };
        return what + " on channel " + (channel() + 1);
    }
}
