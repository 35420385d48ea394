package dev.loophole.demo;

import dev.loophole.formats.midi.SmfException;
import dev.loophole.formats.midi.SmfReader;
import dev.loophole.formats.midi.SmfWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * file's tracks are separate patterns, not one song. A later copy starts at the song's first tempo (120 bpm where no
 * tempo event is at tick 0), but programs, controllers and bends carry over from the copy before: a song that does not
 * set them at its start plays its later copies as the channels were left.
 *
 * <p>{@code java -cp … dev.loophole.demo.SmfRepeat IN.mid N OUT.mid}
 */
public final class SmfRepeat implements SmfReader.Walk {
    /** The tempo a song has before its first tempo event: 120 beats per minute. */
    private static final byte[] DEFAULT_TEMPO = {(byte) 0xFF, 0x51, 3, 0x07, (byte) 0xA1, 0x20};

    /** One event at its absolute tick, with its status byte written out; {@code first}/{@code later}: in copy 0 / in copies 1… */
    private record Event(long tick, byte[] bytes, boolean first, boolean later) { }

    private final byte[] b;
    private final String source;
    private int format, division;
    private final List<List<Event>> tracks = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();
    private boolean tempoAtZero, tempoLater;

    private SmfRepeat(byte[] smf, String source) {
        this.b = smf;
        this.source = source;
    }

    /** The bytes of {@code smf} (a file named {@code source} in error messages) played {@code times} times. */
    public static byte[] repeat(byte[] smf, int times, String source) throws SmfException {
        if (times < 1) throw new SmfException(source, -1, -1, "cannot repeat a song " + times + " times: expected 1 or more");
        SmfRepeat r = new SmfRepeat(smf, source);
        SmfReader.walk(smf, source, r); // the reader's own checks: header, announced tracks, lengths, status bytes
        return r.repeat(times);
    }

    public static void repeat(Path in, int times, Path out) throws IOException {
        Files.write(out, repeat(SmfReader.bytes(in), times, in.toString()));
    }

    @Override public void header(int format, int tracks, int division) throws SmfException {
        if (format > 1) throw new SmfException(source, -1, 8, "SMF format " + format + ": expected 0 or 1 (one song whose tracks play together)");
        this.format = format;
        this.division = division;
    }

    @Override public void channel(int track, long tick, int status, int d1, int d2) {
        byte[] e = d2 < 0 ? new byte[] {(byte) status, (byte) d1} : new byte[] {(byte) status, (byte) d1, (byte) d2};
        events(track).add(new Event(tick, e, true, true));
    }

    @Override public void other(int track, long tick, int type, int at, int dataAt, int end) {
        if (type == 0x2F) return; // each track ends once, after the last copy
        if (type == 0x51) { if (tick == 0) tempoAtZero = true; else tempoLater = true; }
        boolean once = type == 0x00 || type == 0x54; // sequence number, SMPTE offset: tick 0 only
        events(track).add(new Event(tick, Arrays.copyOfRange(b, at, end), true, !once));
    }

    @Override public void trackEnd(int track, long tick) {
        events(track);
        ends.add(tick);
    }

    private List<Event> events(int track) {
        while (tracks.size() <= track) tracks.add(new ArrayList<>());
        return tracks.get(track);
    }

    private byte[] repeat(int times) throws SmfException {
        if (ends.isEmpty()) throw new SmfException(source, -1, 10, "the header announces no track: nothing to repeat");
        long song = ends.stream().mapToLong(Long::longValue).max().orElseThrow();
        if (song > SmfWriter.MAX_TICK)
            throw new SmfException(source, -1, -1, "the song is " + song + " ticks long: a copy's delta time would pass " + SmfWriter.MAX_TICK + ", the most one holds");
        // A later copy starts at the tempo the song starts at: where no tempo event says it, the 120 bpm a file assumes
        if (tempoLater && !tempoAtZero) tracks.get(0).addFirst(new Event(0, DEFAULT_TEMPO, false, true));

        List<byte[]> bodies = new ArrayList<>();
        for (int t = 0; t < tracks.size(); t++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            long at = 0;
            for (int r = 0; r < times; r++)
                for (Event e : tracks.get(t)) {
                    if (!(r == 0 ? e.first() : e.later())) continue;
                    long tick = e.tick() + r * song;
                    SmfWriter.vlq(body, tick - at);
                    body.writeBytes(e.bytes());
                    at = tick;
                }
            SmfWriter.vlq(body, ends.get(t) + (times - 1) * song - at);
            body.writeBytes(new byte[] {(byte) 0xFF, 0x2F, 0});
            bodies.add(body.toByteArray());
        }
        return SmfWriter.file(format, division, bodies);
    }

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
            System.err.println("SmfRepeat: " + e.getFile() + ": no such file or folder");
            System.exit(1);
        } catch (IOException e) {
            System.err.println("SmfRepeat: " + e.getMessage());
            System.exit(1);
        }
    }
}
