package dev.loophole.demo;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The benchmark songs, composed in code (licence-clean, deterministic: the same bytes on every run).
 *
 * <ul>
 * <li>{@code gm-band.mid} — a General MIDI arrangement of about 60 s at 120 BPM: piano (sustain
 *     pedal, a program change to electric piano halfway), strings with volume swells, fingered bass,
 *     brass stabs, warm pad, steel guitar arpeggios, a square lead that changes to a saw lead, and
 *     drums on channel 10; every channel sets bank (CC0), program, volume (CC7) and pan (CC10).</li>
 * <li>{@code piano-dense.mid} — about 30 s of two-handed sixteenth-note arpeggios over four octaves
 *     with the pedal held a bar at a time: many overlapping notes (channel 1, program 0).</li>
 * <li>{@code drums.mid} — about 30 s of a sixteenth-note groove with fills on channel 10, using the
 *     eight drums of the demo kit (kick, snare, three toms, closed/pedal/open hi-hat).</li>
 * </ul>
 *
 * {@link #write(Path, boolean)} with {@code quick} writes the same material cut to a few bars, for
 * tests and smoke runs.
 */
public final class GmSongs {
    /** Where {@link #write} put the songs. */
    public record Files3(Path band, Path piano, Path drums) { }

    public static final String BAND = "gm-band.mid", PIANO = "piano-dense.mid", DRUMS = "drums.mid";

    static final int PPQ = 480;
    private static final int BEAT = PPQ, BAR = 4 * BEAT, STEP = BEAT / 4;

    private static final int PIANO_CH = 0, STRINGS = 1, BASS = 2, BRASS = 3, PAD = 4, GUITAR = 5, LEAD = 6, DRUM_CH = 9;

    /** Four-bar progression (root, then chord tones as semitones above C4 = 60). */
    private static final int[][] PROGRESSION = {
            {36, 60, 64, 67, 71},  // Cmaj7
            {33, 57, 60, 64, 67},  // Am7
            {29, 57, 60, 65, 69},  // Fmaj7
            {31, 59, 62, 65, 67},  // G7
    };

    private GmSongs() { }

    /** Writes the three songs into {@code dir} (created if needed). */
    public static Files3 write(Path dir, boolean quick) throws IOException {
        Files.createDirectories(dir);
        Files3 f = new Files3(dir.resolve(BAND), dir.resolve(PIANO), dir.resolve(DRUMS));
        SmfWriter.write(band(quick ? 4 : 30), f.band());
        SmfWriter.write(piano(quick ? 2 : 13), f.piano());
        SmfWriter.write(drums(quick ? 3 : 15), f.drums());
        return f;
    }

    public static Files3 write(Path dir) throws IOException { return write(dir, false); }

    /** The band song: {@code bars} bars of 4/4 at 120 BPM (30 bars = 60 s). */
    static MidiSong band(int bars) {
        SongEvents ev = new SongEvents();
        SplittableRandom rnd = new SplittableRandom(8);
        setup(ev, 0, PIANO_CH, 0, 100, 64);
        setup(ev, 0, STRINGS, 48, 70, 40);
        setup(ev, 0, BASS, 33, 105, 64);
        setup(ev, 0, BRASS, 61, 85, 84);
        setup(ev, 0, PAD, 89, 60, 24);
        setup(ev, 0, GUITAR, 25, 80, 100);
        setup(ev, 0, LEAD, 80, 80, 70);
        ev.cc(0, DRUM_CH, 7, 110);
        ev.cc(0, DRUM_CH, 10, 64);
        int half = bars / 2;
        for (int bar = 0; bar < bars; bar++) {
            long t0 = (long) bar * BAR;
            int[] chord = PROGRESSION[bar % 4];
            boolean chorus = bar >= half;
            if (bar == half) {
                ev.program(t0, PIANO_CH, 4);   // electric piano 1
                ev.program(t0, LEAD, 81);      // saw lead
            }
            // piano: pedalled chords on beats 1 and 3, re-caught at each
            for (int b = 0; b < 4; b += 2) {
                long t = t0 + (long) b * BEAT;
                ev.cc(t, PIANO_CH, 64, 0);
                ev.cc(t + 30, PIANO_CH, 64, 127);
                for (int k = 1; k < chord.length; k++) ev.note(t, PIANO_CH, chord[k], 70 + rnd.nextInt(12), BEAT + BEAT / 2);
            }
            // strings: whole-bar chord an octave up, expression swell
            for (int k = 1; k < chord.length; k++) ev.note(t0, STRINGS, chord[k] + 12, 72, BAR - 20);
            for (int s = 0; s < 8; s++) ev.cc(t0 + (long) s * BAR / 8, STRINGS, 11, 80 + 6 * s);
            // bass: eighth notes on the root, octave jump on the "and" of 4
            for (int e = 0; e < 8; e++) ev.note(t0 + (long) e * BEAT / 2, BASS, chord[0] + (e == 7 ? 12 : 0), 90 + rnd.nextInt(20), BEAT / 2 - 30);
            // pad: whole-bar chord, low
            for (int k = 1; k < chord.length; k++) ev.note(t0, PAD, chord[k] - 12, 64, BAR);
            // guitar: sixteenth arpeggio up and down the chord
            for (int s = 0; s < 16; s++) {
                int k = 1 + (s < 8 ? s % 4 : 3 - s % 4);
                ev.note(t0 + (long) s * STEP, GUITAR, chord[k] + (s % 8 >= 4 ? 12 : 0), 60 + rnd.nextInt(30), STEP * 2);
            }
            // brass: stabs in the chorus
            if (chorus) for (long at : new long[] {0, 3 * BEAT / 2, 3 * BEAT})
                for (int k = 1; k < chord.length; k++) ev.note(t0 + at, BRASS, chord[k], 100, BEAT / 3);
            // lead: a melody from the chord tones, from bar 4 on
            if (bar >= Math.min(4, bars / 2)) {
                long t = t0;
                int[] lengths = {BEAT, BEAT / 2, BEAT / 2, BEAT, BEAT};
                for (int len : lengths) {
                    int key = chord[1 + rnd.nextInt(4)] + 12;
                    ev.note(t, LEAD, key, 90 + rnd.nextInt(20), len - 40);
                    if (len == BEAT) for (int p = 0; p < 4; p++) ev.bend(t + BEAT / 2 + (long) p * 40, LEAD, 8192 + 500 * (p % 2)); // a little vibrato
                    ev.bend(t + len - 10, LEAD, 8192);
                    t += len;
                }
            }
            groove(ev, t0, bar % 4 == 3, rnd, true);
        }
        long end = (long) bars * BAR;
        ev.cc(end, PIANO_CH, 64, 0);
        if (bars > 0) ev.note(end, DRUM_CH, 49, 110, BEAT);   // a crash to finish
        return new MidiSong("Loophole GM band", new TempoMap(PPQ, List.of(new TempoMap.Change(0, DemoSong.bpm(120)))), ev.toList());
    }

    /** The dense piano passage: {@code bars} bars at 104 BPM (13 bars = 30 s). */
    static MidiSong piano(int bars) {
        SongEvents ev = new SongEvents();
        SplittableRandom rnd = new SplittableRandom(88);
        setup(ev, 0, PIANO_CH, 0, 110, 64);
        for (int bar = 0; bar < bars; bar++) {
            long t0 = (long) bar * BAR;
            int[] chord = PROGRESSION[(bar / 2 + bar % 2 * 2) % 4];
            ev.cc(t0, PIANO_CH, 64, 0);
            ev.cc(t0 + 20, PIANO_CH, 64, 127);
            // left hand: sixteenth arpeggio over two octaves from the root
            int[] left = {chord[0], chord[0] + 7, chord[0] + 12, chord[1], chord[2], chord[3]};
            for (int s = 0; s < 16; s++) {
                int key = left[s % left.length];
                ev.note(t0 + (long) s * STEP, PIANO_CH, key, 55 + rnd.nextInt(25), STEP * 3);
            }
            // right hand: sixteenths over two octaves, plus a chord on every beat
            for (int s = 0; s < 16; s++) {
                int k = 1 + s % 4;
                int oct = (s / 4) % 2 == 0 ? 12 : 24;
                ev.note(t0 + (long) s * STEP + 5, PIANO_CH, chord[k] + oct, 60 + rnd.nextInt(40), STEP * 2);
            }
            for (int b = 0; b < 4; b++)
                for (int k = 1; k < chord.length; k++) ev.note(t0 + (long) b * BEAT, PIANO_CH, chord[k], 70 + rnd.nextInt(20), BEAT);
        }
        long end = (long) bars * BAR;
        int[] last = PROGRESSION[0];
        for (int k = 0; k < last.length; k++) ev.note(end, PIANO_CH, last[k] + (k == 0 ? 0 : 12), 90, 2 * BEAT);
        ev.cc(end + 2 * BEAT, PIANO_CH, 64, 0);
        return new MidiSong("Loophole dense piano", new TempoMap(PPQ, List.of(new TempoMap.Change(0, DemoSong.bpm(104)))), ev.toList());
    }

    /** The drum pattern: {@code bars} bars at 120 BPM (15 bars = 30 s). */
    static MidiSong drums(int bars) {
        SongEvents ev = new SongEvents();
        SplittableRandom rnd = new SplittableRandom(10);
        ev.cc(0, DRUM_CH, 7, 110);
        for (int bar = 0; bar < bars; bar++) groove(ev, (long) bar * BAR, bar % 4 == 3, rnd, false);
        return new MidiSong("Loophole drums", new TempoMap(PPQ, List.of(new TempoMap.Change(0, DemoSong.bpm(120)))), ev.toList());
    }

    /** One bar of a sixteenth-note groove on channel 10; the fill bar ends in a tom roll. */
    private static void groove(SongEvents ev, long t0, boolean fill, SplittableRandom rnd, boolean gmExtras) {
        for (int s = 0; s < 16; s++) {
            long t = t0 + (long) s * STEP;
            if (s == 0 || s == 6 || s == 8 || s == 11) ev.note(t, DRUM_CH, 36, s == 0 ? 118 : 100, 60);
            if (s == 4 || s == 12) ev.note(t, DRUM_CH, 38, 110, 60);
            else if (s % 2 == 1 && rnd.nextInt(4) == 0) ev.note(t, DRUM_CH, 38, 40, 60);     // ghost notes
            if (fill && s >= 12) {
                ev.note(t, DRUM_CH, new int[] {48, 45, 45, 41}[s - 12], 100 + 4 * (s - 12), 60);
                continue;
            }
            if (s == 14) ev.note(t, DRUM_CH, 46, 90, 60);
            else if (s % 2 == 0) ev.note(t, DRUM_CH, 42, s % 4 == 0 ? 100 : 76, 60);
            else ev.note(t, DRUM_CH, 42, 44, 60);
            if (s % 8 == 4) ev.note(t, DRUM_CH, 44, 60, 60);
            if (gmExtras && s % 4 == 0 && fill) ev.note(t, DRUM_CH, 51, 80, 60);               // ride on the fill bars
        }
    }

    private static void setup(SongEvents ev, long t, int ch, int program, int volume, int pan) {
        ev.cc(t, ch, 0, 0);
        ev.cc(t, ch, 32, 0);
        ev.program(t, ch, program);
        ev.cc(t, ch, 7, volume);
        ev.cc(t, ch, 10, pan);
        ev.cc(t, ch, 11, 127);
    }

    /** {@code java dev.loophole.demo.GmSongs DIR [--quick]}: writes the songs into DIR. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: GmSongs <folder> [--quick]");
            System.exit(2);
        }
        Files3 f = write(Path.of(args[0]), args.length > 1 && args[1].equals("--quick"));
        System.out.println("wrote " + f.band() + ", " + f.piano() + " and " + f.drums());
    }

}
