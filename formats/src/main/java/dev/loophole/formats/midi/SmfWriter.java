package dev.loophole.formats.midi;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a {@link MidiSong} as a type 1 Standard MIDI File: track 0 carries the song name and the
 * tempo changes, then one track per MIDI channel used, in channel order, named "Channel N"
 * (1-based, as musicians count). Events keep the song's order; running status is used.
 * Every track ends at the song's last tick, so players agree on its length.
 */
public final class SmfWriter {
    /** The largest delta time a variable-length quantity holds. */
    public static final long MAX_TICK = 0x0FFFFFFF;

    private SmfWriter() { }

    public static void write(MidiSong song, Path file) throws IOException {
        Files.write(file, toBytes(song, file.toString()));
    }

    /** The file's bytes; {@code source} names the destination in error messages. */
    public static byte[] toBytes(MidiSong song, String source) throws SmfException {
        TempoMap tempo = song.tempoMap();
        if (tempo.ppq() <= 0)
            throw new SmfException(source, -1, -1, "SMPTE timing cannot be written: the tempo map does not expose its frame rate");
        if (tempo.ppq() > 0x7FFF)
            throw new SmfException(source, -1, -1, "division of " + tempo.ppq() + " ticks per quarter note does not fit in 15 bits");
        long end = song.lastTick();
        List<List<MidiEvent>> byChannel = new ArrayList<>();
        for (int c = 0; c < 16; c++) byChannel.add(new ArrayList<>());
        for (MidiEvent e : song.events()) {
            check(e, source);
            byChannel.get(e.channel()).add(e);
        }

        List<byte[]> tracks = new ArrayList<>();
        Track conductor = new Track();
        conductor.meta(0, 0x03, song.name().getBytes(StandardCharsets.ISO_8859_1));
        for (TempoMap.Change c : tempo.changes()) {
            int m = c.microsPerQuarter();
            if (m > 0xFFFFFF) throw new SmfException(source, 0, -1, "tempo of " + m + " µs per quarter note does not fit in 3 bytes");
            checkTick(c.tick(), source);
            conductor.meta(c.tick(), 0x51, new byte[] {(byte) (m >> 16), (byte) (m >> 8), (byte) m});
            end = Math.max(end, c.tick());
        }
        tracks.add(conductor.finish(end));
        for (int c = 0; c < 16; c++) {
            if (byChannel.get(c).isEmpty()) continue;
            Track t = new Track();
            t.meta(0, 0x03, ("Channel " + (c + 1)).getBytes(StandardCharsets.ISO_8859_1));
            for (MidiEvent e : byChannel.get(c)) t.channel(e);
            tracks.add(t.finish(end));
        }

        return file(1, tempo.ppq(), tracks);
    }

    /**
     * A whole file from its parts: the MThd chunk ({@code format}, the track count, {@code division}), then each
     * track body (events up to and with its end-of-track meta) in its own MTrk chunk (also for tools that write SMF bytes).
     */
    public static byte[] file(int format, int division, List<byte[]> bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("MThd".getBytes(StandardCharsets.US_ASCII));
        u32(out, 6);
        u16(out, format);
        u16(out, bodies.size());
        u16(out, division);
        for (byte[] body : bodies) {
            out.writeBytes("MTrk".getBytes(StandardCharsets.US_ASCII));
            u32(out, body.length);
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    private static void check(MidiEvent e, String source) throws SmfException {
        if (e.status() < 0x80 || e.status() > 0xEF)
            throw new SmfException(source, -1, -1, String.format("event at tick %d has status 0x%02X: expected a channel message (0x80–0xEF)", e.tick(), e.status()));
        if (e.data1() < 0 || e.data1() > 127 || e.data2() < 0 || e.data2() > 127)
            throw new SmfException(source, -1, -1, "event at tick " + e.tick() + " has data " + e.data1() + ", " + e.data2() + ": expected 0–127");
        checkTick(e.tick(), source);
    }

    /** Every tick in range keeps every delta time within a 4-byte variable-length quantity. */
    private static void checkTick(long tick, String source) throws SmfException {
        if (tick < 0 || tick > MAX_TICK) throw new SmfException(source, -1, -1, "tick " + tick + " is outside 0–" + MAX_TICK);
    }

    /** One MTrk body being built: delta times from the previous event, running status for channel messages. */
    private static final class Track {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private long tick;
        private int running;

        void meta(long at, int type, byte[] data) {
            delta(at);
            out.write(0xFF);
            out.write(type);
            vlq(out, data.length);
            out.writeBytes(data);
            running = 0; // a meta event cancels running status
        }

        void channel(MidiEvent e) {
            delta(e.tick());
            if (e.status() != running) out.write(e.status());
            running = e.status();
            out.write(e.data1());
            int cmd = e.command();
            if (cmd != 0xC0 && cmd != 0xD0) out.write(e.data2());
        }

        byte[] finish(long end) {
            meta(Math.max(end, tick), 0x2F, new byte[0]);
            return out.toByteArray();
        }

        private void delta(long at) {
            vlq(out, at - tick);
            tick = at;
        }
    }

    /** A variable-length quantity, 7 bits per byte, most significant first (also for tools that write SMF bytes). */
    public static void vlq(ByteArrayOutputStream out, long v) {
        assert v >= 0 && v <= MAX_TICK : v;
        int shift = 21;
        while (shift > 0 && (v >> shift) == 0) shift -= 7;
        for (; shift > 0; shift -= 7) out.write((int) (v >> shift) & 0x7F | 0x80);
        out.write((int) v & 0x7F);
    }

    /** A big-endian 16-bit field, as in an SMF header. */
    private static void u16(ByteArrayOutputStream out, int v) {
        out.write(v >> 8);
        out.write(v);
    }

    /** A big-endian 32-bit field, as in a chunk's length. */
    private static void u32(ByteArrayOutputStream out, long v) {
        u16(out, (int) (v >> 16));
        u16(out, (int) v);
    }
}
