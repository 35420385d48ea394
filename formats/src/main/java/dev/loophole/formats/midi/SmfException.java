package dev.loophole.formats.midi;

import java.io.IOException;

/**
 * A Standard MIDI File that cannot be read or written. The message names the file, where the
 * problem is (track, 0-based as in {@code MidiEvent.track}, and byte offset from the start of the
 * file) and what was expected there.
 */
public class SmfException extends IOException {
    private final String source;
    private final int track;
    private final long offset;

    /**
     * @param track  0-based track index, or -1 when the problem is outside any track
     * @param offset byte offset from the start of the file, or -1 when there is none
     */
    public SmfException(String source, int track, long offset, String what) {
        super(source + ": " + what + where(track, offset));
        this.source = source;
        this.track = track;
        this.offset = offset;
    }

    private static String where(int track, long offset) {
        if (track < 0 && offset < 0) return "";
        if (track < 0) return " (at byte " + offset + ")";
        if (offset < 0) return " (track " + track + ")";
        return " (track " + track + ", at byte " + offset + ")";
    }

    /** The file (or other source name) the problem is in. */
    public String source() { return source; }

    /** 0-based track index, -1 when outside any track. */
    public int track() { return track; }

    /** Byte offset from the start of the file, -1 when there is none. */
    public long offset() { return offset; }
}
