package dev.loophole.formats.midi;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Standard MIDI Files (types 0, 1 and 2) into a {@link MidiSong}: the channel events of all
 * tracks, the tempo map (FF 51 from any track) and the name of the first track.
 *
 * <p>Type 2 tracks are independent patterns; they are read one after another, each starting where
 * the previous one ended. Sysex, system-common bytes other than F0/F7, and metas other than tempo,
 * track name and end-of-track are skipped, as are chunks other than {@code MTrk}.
 *
 * <p>Every problem is an {@link SmfException}; lengths are checked against the bytes actually
 * present before anything is allocated, so a lying header cannot cause a huge allocation.
 */
public final class SmfReader {
    /** Refuse files beyond this size instead of reading them into memory. */
    static final long MAX_FILE_BYTES = 256L << 20;

    /**
     * What {@link #walk} finds, in file order: the header, then each track's events at their absolute ticks (a type 2
     * file's tracks one after another), then the track's end. A walk may refuse what it cannot take by throwing.
     */
    public interface Walk {
        /** The header, checked: format 0–2, the announced track count (1 for format 0), a usable division. */
        default void header(int format, int tracks, int division) throws SmfException { }

        /** A channel message, its status written out even where the file used running status; {@code d2} −1 where it has one data byte. */
        void channel(int track, long tick, int status, int d1, int d2) throws SmfException;

        /**
         * A meta event (its {@code type}, 0–255) or a sysex event (type −1, status F0 or F7): its bytes, status byte
         * included, are the file's {@code [at, end)}, its data {@code [dataAt, end)}. End-of-track (type 0x2F) comes
         * here too, just before {@link #trackEnd}.
         */
        void other(int track, long tick, int type, int at, int dataAt, int end) throws SmfException;

        /** The track's end: the tick of its end-of-track meta, or of its last event where it has none. */
        default void trackEnd(int track, long tick) throws SmfException { }
    }

    private final byte[] b;
    private final String source;
    private final Walk walk;
    private int pos;

    private SmfReader(byte[] data, String source, Walk walk) {
        this.b = data;
        this.source = source;
        this.walk = walk;
    }

    /** Reads a file; the song is named after the first track, or after the file when that track has no name. */
    public static MidiSong read(Path file) throws IOException {
        MidiSong song = parse(bytes(file), file.toString());
        if (!song.name().isEmpty()) return song;
        String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return new MidiSong(stem, song.tempoMap(), song.events());
    }

    /** A MIDI file's bytes, refused before reading when it is larger than a MIDI file may be. */
    public static byte[] bytes(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES)
            throw new SmfException(file.toString(), -1, -1, "file is " + size + " bytes, more than the " + MAX_FILE_BYTES + " a MIDI file may have");
        return Files.readAllBytes(file);
    }

    /**
     * Parses the bytes of a Standard MIDI File. {@code source} names it in error messages. The
     * song's name is the first track's name, or empty when it has none.
     */
    public static MidiSong parse(byte[] data, String source) throws SmfException {
        SongWalk song = new SongWalk(data, source);
        walk(data, source, song);
        return song.song();
    }

    /** Walks the bytes of a Standard MIDI File ({@code source} names it in error messages), checking them as {@link #parse} does. */
    public static void walk(byte[] data, String source, Walk walk) throws SmfException {
        new SmfReader(data, source, walk).walk();
    }

    private void walk() throws SmfException {
        if (b.length < 4 || !tag(0, "MThd"))
            throw new SmfException(source, -1, 0, "not a MIDI file: expected 'MThd', found " + describeTag(0));
        if (b.length < 14) throw new SmfException(source, -1, b.length, "header truncated: expected 14 bytes, the file has " + b.length);
        long headerLength = u32(4);
        if (headerLength < 6) throw new SmfException(source, -1, 4, "header length " + headerLength + " is shorter than 6");
        if (headerLength > b.length - 8)
            throw new SmfException(source, -1, 4, "header length " + headerLength + " runs past the end of the file (" + b.length + " bytes)");
        int format = u16(8), trackCount = u16(10), division = u16(12);
        if (format > 2) throw new SmfException(source, -1, 8, "unknown SMF format " + format + ": expected 0, 1 or 2");
        if (format == 0 && trackCount != 1) throw new SmfException(source, -1, 10, "SMF format 0 must have 1 track, the header says " + trackCount);
        if ((division & 0x8000) != 0) {
            int fps = -(byte) (division >> 8), ticksPerFrame = division & 0xFF;
            if (fps != 24 && fps != 25 && fps != 29 && fps != 30)
                throw new SmfException(source, -1, 12, "SMPTE division with " + fps + " frames per second: expected 24, 25, 29 or 30");
            if (ticksPerFrame == 0) throw new SmfException(source, -1, 13, "SMPTE division with 0 ticks per frame");
        } else if (division == 0) {
            throw new SmfException(source, -1, 12, "division of 0 ticks per quarter note");
        }
        walk.header(format, trackCount, division);

        int chunk = (int) (8 + headerLength);
        int track = 0;
        long tickOffset = 0;
        while (track < trackCount) {
            if (chunk >= b.length)
                throw new SmfException(source, track, chunk, "file ends after " + track + " of the " + trackCount + " tracks the header announces");
            if (b.length - chunk < 8) throw new SmfException(source, track, chunk, "truncated chunk header: expected 8 bytes, " + (b.length - chunk) + " remain");
            long length = u32(chunk + 4);
            int bodyStart = chunk + 8;
            boolean isTrack = tag(chunk, "MTrk");
            if (length > b.length - bodyStart)
                throw new SmfException(source, isTrack ? track : -1, chunk + 4, (isTrack ? "track truncated" : "chunk " + describeTag(chunk) + " truncated")
                        + ": its length says " + length + " bytes but only " + (b.length - bodyStart) + " remain");
            int bodyEnd = bodyStart + (int) length;
            if (isTrack) {
                long end = readTrack(track, bodyStart, bodyEnd, tickOffset);
                walk.trackEnd(track, end);
                if (format == 2) tickOffset = end;
                track++;
            } else if (!isAsciiTag(chunk)) {
                // An unknown chunk has a 4-letter ASCII type; anything else is not a chunk at all.
                throw new SmfException(source, -1, chunk, "expected a chunk ('MTrk'), found " + describeTag(chunk));
            }
            chunk = bodyEnd;
        }
    }

    /** Reads one MTrk body; returns the tick of its last event. */
    private long readTrack(int track, int start, int end, long tick) throws SmfException {
        pos = start;
        int running = 0; // 0: no running status
        while (pos < end) {
            tick += vlq(track, end, "delta time");
            if (pos >= end) throw new SmfException(source, track, pos, "track truncated: expected an event after the delta time");
            int statusAt = pos;
            int status = b[pos] & 0xFF;
            if (status >= 0x80) pos++;
            else if (running != 0) status = running; // running status: this byte is the first data byte
            else throw new SmfException(source, track, statusAt, String.format("expected a status byte, found data byte 0x%02X and there is no running status", status));
            if (status < 0xF0) {
                running = status;
                int d1 = data(track, end);
                int cmd = status & 0xF0;
                int d2 = (cmd == 0xC0 || cmd == 0xD0) ? -1 : data(track, end);
                walk.channel(track, tick, status, d1, d2);
            } else if (status == 0xFF) {
                running = 0; // meta events cancel running status
                if (pos >= end) throw new SmfException(source, track, pos, "track truncated: expected a meta event type");
                int type = b[pos++] & 0xFF;
                int length = length(track, end, "meta event");
                walk.other(track, tick, type, statusAt, pos, pos + length);
                pos += length;
                if (type == 0x2F) return tick; // end of track: whatever follows inside the chunk is ignored
            } else if (status == 0xF0 || status == 0xF7) {
                running = 0; // and so do sysex events
                int length = length(track, end, "sysex event"); // not "pos += length(…)": that reads pos before the call moves it
                walk.other(track, tick, -1, statusAt, pos, pos + length);
                pos += length;
            } else {
                throw new SmfException(source, track, statusAt, String.format("status byte 0x%02X is not allowed in a MIDI file: expected a channel message, F0, F7 or FF", status));
            }
        }
        return tick; // no end-of-track meta: the chunk's end ends the track
    }

    /** The song {@link #parse} makes: the channel events of all tracks, the tempo map and the first track's name. */
    private static final class SongWalk implements Walk {
        private final byte[] b;
        private final String source;
        private final List<MidiEvent> events = new ArrayList<>();
        private final List<TempoMap.Change> tempos = new ArrayList<>();
        private String name;
        private long order;
        private int division;

        SongWalk(byte[] b, String source) {
            this.b = b;
            this.source = source;
        }

        @Override public void header(int format, int tracks, int division) { this.division = division; }

        @Override public void channel(int track, long tick, int status, int d1, int d2) {
            events.add(new MidiEvent(tick, status, d1, Math.max(0, d2), track, order++));
        }

        @Override public void other(int track, long tick, int type, int at, int dataAt, int end) throws SmfException {
            int length = end - dataAt;
            switch (type) {
                case 0x51 -> {
                    if (length != 3) throw new SmfException(source, track, dataAt, "tempo meta event has " + length + " data bytes: expected 3");
                    int micros = (b[dataAt] & 0xFF) << 16 | (b[dataAt + 1] & 0xFF) << 8 | (b[dataAt + 2] & 0xFF);
                    if (micros == 0) throw new SmfException(source, track, dataAt, "tempo of 0 µs per quarter note");
                    tempos.add(new TempoMap.Change(tick, micros));
                }
                case 0x03 -> {
                    if (track == 0 && name == null) name = new String(b, dataAt, length, StandardCharsets.ISO_8859_1).strip();
                }
                default -> { } // other metas and sysex do not affect playback
            }
        }

        MidiSong song() {
            // the division and every tempo were checked, so TempoMap cannot refuse them
            TempoMap map;
            if ((division & 0x8000) != 0) {
                int fps = -(byte) (division >> 8);
                map = TempoMap.smpte(fps == 29 ? 30_000.0 / 1001 : fps, division & 0xFF);
            } else {
                map = new TempoMap(division, tempos);
            }
            return new MidiSong(name == null ? "" : name, map, events);
        }
    }

    private int data(int track, int end) throws SmfException {
        if (pos >= end) throw new SmfException(source, track, pos, "track truncated: expected a data byte");
        int v = b[pos] & 0xFF;
        if (v >= 0x80) throw new SmfException(source, track, pos, String.format("expected a data byte (below 0x80), found 0x%02X", v));
        pos++;
        return v;
    }

    /** A VLQ length followed by that many bytes, all inside the track. */
    private int length(int track, int end, String what) throws SmfException {
        int at = pos;
        long n = vlq(track, end, what + " length");
        if (n > end - pos)
            throw new SmfException(source, track, at, "track truncated: " + what + " length says " + n + " bytes but only " + (end - pos) + " remain in the track");
        return (int) n;
    }

    /** A variable-length quantity: at most 4 bytes, 7 bits each, high bit set on all but the last. */
    private long vlq(int track, int end, String what) throws SmfException {
        int start = pos;
        long v = 0;
        for (int i = 0; i < 4; i++) {
            if (pos >= end) throw new SmfException(source, track, pos, "track truncated inside the " + what);
            int c = b[pos++] & 0xFF;
            v = v << 7 | (c & 0x7F);
            if (c < 0x80) return v;
        }
        throw new SmfException(source, track, start, "variable-length " + what + " is longer than 4 bytes");
    }

    private boolean tag(int at, String t) {
        if (at + 4 > b.length) return false;
        for (int i = 0; i < 4; i++) if (b[at + i] != t.charAt(i)) return false;
        return true;
    }

    private boolean isAsciiTag(int at) {
        for (int i = 0; i < 4; i++) if (b[at + i] < 0x20 || b[at + i] > 0x7E) return false;
        return true;
    }

    private String describeTag(int at) {
        int n = Math.min(4, b.length - at);
        if (n <= 0) return "the end of the file";
        StringBuilder s = new StringBuilder();
        boolean ascii = true;
        for (int i = 0; i < n; i++) ascii &= b[at + i] >= 0x20 && b[at + i] <= 0x7E;
        if (ascii) return "'" + new String(b, at, n, StandardCharsets.ISO_8859_1) + "'";
        for (int i = 0; i < n; i++) s.append(String.format("%s%02X", i == 0 ? "" : " ", b[at + i] & 0xFF));
        return "bytes " + s;
    }

    private int u16(int at) { return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF); }

    private long u32(int at) { return (long) u16(at) << 16 | u16(at + 2); }
}
