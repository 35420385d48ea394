package dev.loophole.demo;

import dev.loophole.formats.midi.SmfException;
import dev.loophole.formats.midi.SmfWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Standard MIDI File played N times back to back, so that whole processes measure an engine's steady-state cost:
 * (cost of N copies − cost of one) / (N − 1) is one more song without the start-up (bench/peers.sh {@code CASES=steady}).
 *
 * <p>It works on the file's bytes, so every track and event is kept — metas, sysex, the whole tempo map. The song's
 * length L is the latest end-of-track tick of any track; copy r of a track's events is shifted by r·L, and each track
 * ends once, at its own end + (N − 1)·L. The sequence-number and SMPTE-offset metas belong at tick 0 and are kept in the
 * first copy only. Events are written with their status byte each time (no running status). Formats 0 and 1: a format 2
 * file's tracks are separate patterns, not one song.
 *
 * <p>{@code java -cp … dev.loophole.demo.SmfRepeat IN.mid N OUT.mid}
 */
public final class SmfRepeat {
    /** The largest tick a 4-byte delta time reaches from tick 0. */
    private static final long MAX_TICK = 0x0FFFFFFF;

    /** One event at its absolute tick, with its status byte written out. */
    private record Event(long tick, byte[] bytes, boolean firstCopyOnly) { }

    private record Track(List<Event> events, long end) { }

    private final byte[] b;
    private final String source;
    private int pos;

    private SmfRepeat(byte[] smf, String source) {
        this.b = smf;
        this.source = source;
    }

    /** The bytes of {@code smf} (a file named {@code source} in error messages) played {@code times} times. */
    public static byte[] repeat(byte[] smf, int times, String source) throws SmfException {
        if (times < 1) throw new SmfException(source, -1, -1, "cannot repeat a song " + times + " times: expected 1 or more");
        return new SmfRepeat(smf, source).repeat(times);
    }

    public static void repeat(Path in, int times, Path out) throws IOException {
        Files.write(out, repeat(Files.readAllBytes(in), times, in.toString()));
    }

    private byte[] repeat(int times) throws SmfException {
        if (b.length < 14 || !tag(0, "MThd")) throw new SmfException(source, -1, 0, "not a MIDI file: expected a 14-byte header starting 'MThd'");
        long headerLength = u32(4);
        if (headerLength < 6 || headerLength > b.length - 8)
            throw new SmfException(source, -1, 4, "header length " + headerLength + ": expected 6 or more, within the file's " + b.length + " bytes");
        int format = u16(8), division = u16(12);
        if (format > 1) throw new SmfException(source, -1, 8, "SMF format " + format + ": expected 0 or 1 (one song whose tracks play together)");
        List<Track> tracks = new ArrayList<>();
        int chunk = (int) (8 + headerLength);
        while (chunk < b.length) {
            if (b.length - chunk < 8) throw new SmfException(source, -1, chunk, "truncated chunk header: expected 8 bytes, " + (b.length - chunk) + " remain");
            long length = u32(chunk + 4);
            if (length > b.length - chunk - 8)
                throw new SmfException(source, tracks.size(), chunk + 4, "chunk length " + length + " runs past the end of the file");
            int end = chunk + 8 + (int) length;
            if (tag(chunk, "MTrk")) tracks.add(track(tracks.size(), chunk + 8, end));
            chunk = end; // other chunks are not part of the song
        }
        if (tracks.isEmpty()) throw new SmfException(source, -1, -1, "no track (MTrk chunk): expected at least one");
        long song = tracks.stream().mapToLong(Track::end).max().orElseThrow();
        if (song * times > MAX_TICK)
            throw new SmfException(source, -1, -1, times + " copies of " + song + " ticks pass tick " + MAX_TICK + ", the most a MIDI file holds");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("MThd".getBytes(StandardCharsets.US_ASCII));
        SmfWriter.u32(out, 6);
        SmfWriter.u16(out, format);
        SmfWriter.u16(out, tracks.size());
        SmfWriter.u16(out, division);
        for (Track t : tracks) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            long at = 0;
            for (int r = 0; r < times; r++)
                for (Event e : t.events()) {
                    if (r > 0 && e.firstCopyOnly()) continue;
                    long tick = e.tick() + r * song;
                    SmfWriter.vlq(body, tick - at);
                    body.writeBytes(e.bytes());
                    at = tick;
                }
            SmfWriter.vlq(body, t.end() + (times - 1) * song - at);
            body.writeBytes(new byte[] {(byte) 0xFF, 0x2F, 0});
            out.writeBytes("MTrk".getBytes(StandardCharsets.US_ASCII));
            SmfWriter.u32(out, body.size());
            out.writeBytes(body.toByteArray());
        }
        return out.toByteArray();
    }

    /** One MTrk body's events, end-of-track left out; a track without one ends at its last event. */
    private Track track(int track, int start, int end) throws SmfException {
        List<Event> events = new ArrayList<>();
        pos = start;
        long tick = 0;
        int running = 0;
        while (pos < end) {
            tick += vlq(track, end);
            if (pos >= end) throw new SmfException(source, track, pos, "track truncated: expected an event after the delta time");
            int at = pos, status = b[pos] & 0xFF;
            if (status >= 0x80) pos++;
            else if (running != 0) status = running; // running status: this byte is the first data byte
            else throw new SmfException(source, track, at, String.format("expected a status byte, found data byte 0x%02X and no running status", status));
            if (status < 0xF0) {
                running = status;
                int n = (status & 0xF0) == 0xC0 || (status & 0xF0) == 0xD0 ? 1 : 2;
                if (end - pos < n) throw new SmfException(source, track, pos, "track truncated: expected " + n + " data bytes");
                byte[] bytes = new byte[1 + n];
                bytes[0] = (byte) status;
                System.arraycopy(b, pos, bytes, 1, n);
                pos += n;
                events.add(new Event(tick, bytes, false));
            } else if (status == 0xFF || status == 0xF0 || status == 0xF7) {
                running = 0; // metas and sysex cancel running status
                int type = -1;
                if (status == 0xFF) {
                    if (pos >= end) throw new SmfException(source, track, pos, "track truncated: expected a meta event type");
                    type = b[pos++] & 0xFF;
                }
                long n = vlq(track, end);
                if (n > end - pos) throw new SmfException(source, track, at, "track truncated: the event's length says " + n + " bytes, " + (end - pos) + " remain");
                pos += (int) n;
                if (type == 0x2F) return new Track(events, tick); // whatever follows inside the chunk is not played
                events.add(new Event(tick, Arrays.copyOfRange(b, at, pos), type == 0x00 || type == 0x54));
            } else {
                throw new SmfException(source, track, at, String.format("status byte 0x%02X: expected a channel message, F0, F7 or FF", status));
            }
        }
        return new Track(events, tick);
    }

    /** A variable-length quantity of at most 4 bytes inside the track. */
    private long vlq(int track, int end) throws SmfException {
        int start = pos;
        long v = 0;
        for (int i = 0; i < 4; i++) {
            if (pos >= end) throw new SmfException(source, track, pos, "track truncated inside a variable-length number");
            int c = b[pos++] & 0xFF;
            v = v << 7 | (c & 0x7F);
            if (c < 0x80) return v;
        }
        throw new SmfException(source, track, start, "variable-length number longer than 4 bytes");
    }

    private boolean tag(int at, String t) {
        for (int i = 0; i < 4; i++) if (b[at + i] != t.charAt(i)) return false;
        return true;
    }

    private int u16(int at) { return (b[at] & 0xFF) << 8 | (b[at + 1] & 0xFF); }

    private long u32(int at) { return (long) u16(at) << 16 | u16(at + 2); }

    /** {@code SmfRepeat IN.mid N OUT.mid}: exit 0 when written, 1 on a bad file, 2 on a wrong command line. */
    public static void main(String[] args) {
        int times;
        try {
            times = args.length == 3 ? Integer.parseInt(args[1]) : -1;
        } catch (NumberFormatException e) {
            times = -1;
        }
        if (times < 1) {
            System.err.println("usage: SmfRepeat IN.mid N OUT.mid   (N ≥ 1: IN played N times back to back)");
            System.exit(2);
        }
        try {
            repeat(Path.of(args[0]), times, Path.of(args[2]));
        } catch (java.nio.file.NoSuchFileException e) {
            System.err.println("SmfRepeat: " + e.getFile() + ": no such file");
            System.exit(1);
        } catch (IOException e) {
            System.err.println("SmfRepeat: " + e.getMessage());
            System.exit(1);
        }
    }
}
