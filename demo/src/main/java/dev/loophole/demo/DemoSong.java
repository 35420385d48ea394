package dev.loophole.demo;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The demo song, composed in code: 13 bars of a mellow electric-piano groove in C major, about
 * 30 seconds. Keys on channel 1 (0-based 0): left-hand bass, right-hand chords under a melody, the
 * sustain pedal re-caught at every chord change, and a pitch-bend scoop into bar 9. Drums on
 * channel 10 (0-based 9): pedal hat in the intro, then a groove where open hats are cut by closed
 * hats, tom fills at the phrase ends. Tempo: 96, 104, 112 BPM by section and a slower last bar.
 */
final class DemoSong {
    static final int PPQ = 480;
    static final int KEYS = 0, DRUMS = 9;
    static final int BARS = 13;
    private static final int BEAT = PPQ, BAR = 4 * BEAT, STEP = BEAT / 4;

    /** Tempo by bar: a new section every 4 bars, and a broadened final chord. */
    static final List<TempoMap.Change> TEMPO = List.of(
            new TempoMap.Change(0, bpm(96)), new TempoMap.Change(4L * BAR, bpm(104)),
            new TempoMap.Change(8L * BAR, bpm(112)), new TempoMap.Change(12L * BAR, bpm(88)));

    /** Left-hand bass note, then the right-hand voicing (kept below the melody). */
    private static final Map<String, int[]> CHORDS = Map.of(
            "Cmaj7", new int[] {36, 52, 55, 59}, "Am7", new int[] {45, 52, 55, 60}, "Fmaj7", new int[] {41, 52, 57, 60},
            "G7", new int[] {43, 53, 59, 62}, "Dm7", new int[] {38, 53, 57, 60}, "Em7", new int[] {40, 55, 59, 62},
            "A7", new int[] {45, 55, 61, 64}, "Cmaj9", new int[] {36, 52, 55, 59, 62});

    /** One bar each: chords as "name@beat", the melody as "note:beats" ("r" rests). */
    private static final String[][] SCORE = {
            {"Cmaj7@0", "r:2 G4:0.5 B4:0.5 E5:1"},
            {"Am7@0", "E5:1.5 D5:0.5 C5:1 A4:1"},
            {"Fmaj7@0", "r:0.5 A4:0.5 C5:0.5 E5:0.5 G5:1 E5:1"},
            {"G7@0", "F5:1.5 E5:0.5 D5:1 B4:1"},
            {"Dm7@0", "A4:1 D5:0.5 F5:0.5 A5:1.5 G5:0.5"},
            {"G7@0", "F5:0.5 E5:0.5 D5:1 B4:1 D5:1"},
            {"Em7@0", "E5:1.5 G5:0.5 B5:1 A5:0.5 G5:0.5"},
            {"A7@0", "A5:1 E5:0.5 C#5:0.5 E5:1 G5:1"},
            {"Dm7@0.5", "A5:2 F5:1 D5:1"},          // the chord waits for the scoop on A5
            {"G7@0", "G5:0.5 F5:0.5 D5:1 B4:1 G4:1"},
            {"Em7@0 A7@2", "E5:1 G5:1 C#5:1 E5:1"},
            {"Dm7@0 G7@2", "F5:1 A5:1 G5:1.5 F5:0.5"},
            {"Cmaj9@0", "E5:4"},
    };

    /** Drum lanes as 16 sixteenth steps: X accent, x normal, o medium, g ghost (the soft layer). */
    private record Groove(String kick, String snare, String closed, String open, String pedal, String toms) { }

    private static final Groove INTRO = new Groove("x.......x.......", "................", "................", "................", "o...o...o...o...", "................");
    private static final Groove VERSE = new Groove("x.....x...x.....", "....o.......o...", "o.o.o.o.o.o.o.o.", "................", "................", "................");
    private static final Groove VERSE_OPEN = new Groove(VERSE.kick, VERSE.snare, "o.o.o.o.o.o.o...", "..............o.", "", "");
    private static final Groove VERSE_FILL = new Groove(VERSE.kick, VERSE.snare, "o.o.o.o.o.o.....", "", "", "............HHML");
    private static final Groove BRIDGE = new Groove("X.....x.x.....x.", "....X..g....X..g", "x.x.x.x.x.x.x...", "..............o.", "", "");
    private static final Groove BRIDGE_FILL = new Groove("X.......x.......", "....X...........", "x.x.x.x.........", "", "", "........HHMMLLL.");
    private static final Groove CHORUS = new Groove("X.....x.x.x.....", "....X.......X.g.", "xgxgxg..xgxgxg..", "......o.......o.", "", "");
    private static final Groove CHORUS_FILL = new Groove("X.....x.x.......", "....X...........", "xgxgxg..", "......o.", "", "........H.HMM.LL");
    private static final Groove ENDING = new Groove("X...............", "", "", "X...............", "", "");
    private static final Groove[] DRUM_BARS = {INTRO, INTRO, VERSE_OPEN, VERSE_FILL, BRIDGE, BRIDGE, BRIDGE, BRIDGE_FILL,
            CHORUS, CHORUS, CHORUS, CHORUS_FILL, ENDING};

    /** Velocity of the chords and of the melody in each bar: soft intro, building to the last chorus. */
    private static final int[] CHORD_VELOCITY = {44, 46, 50, 54, 66, 66, 70, 72, 80, 80, 84, 86, 70};
    private static final int[] MELODY_VELOCITY = {70, 72, 74, 78, 84, 84, 88, 92, 100, 100, 104, 108, 86};

    private DemoSong() { }

    static int bpm(int beatsPerMinute) { return Math.round(60_000_000f / beatsPerMinute); }

    static MidiSong build() {
        SongEvents ev = new SongEvents();
        for (int bar = 0; bar < BARS; bar++) {
            long t0 = (long) bar * BAR;
            keys(ev, bar, t0);
            drums(ev, DRUM_BARS[bar], t0);
        }
        scoop(ev, 8L * BAR);
        ev.cc(BARS * (long) BAR, KEYS, 64, 0); // pedal up as the last chord ends
        return new MidiSong("Loophole Demo", new TempoMap(PPQ, TEMPO), ev.toList());
    }

    private static void keys(SongEvents ev, int bar, long t0) {
        String[] chords = SCORE[bar][0].split(" ");
        for (int i = 0; i < chords.length; i++) {
            String[] c = chords[i].split("@");
            long start = t0 + beats(c[1]);
            long end = i + 1 < chords.length ? t0 + beats(chords[i + 1].split("@")[1]) : t0 + BAR;
            int[] notes = CHORDS.get(c[0]);
            int vel = CHORD_VELOCITY[bar];
            ev.note(start, KEYS, notes[0], vel + 6, end - start - 10);
            // from the verse on, the right hand pushes: a stab, then again on the "and" of 2
            boolean push = bar >= 4 && bar < BARS - 1 && end - start == BAR;
            long split = push ? start + 3 * BEAT / 2 : end;
            for (int k = 1; k < notes.length; k++) {
                ev.note(start, KEYS, notes[k], vel, split - start - 10);
                if (push) ev.note(split, KEYS, notes[k], vel - 6, end - split - 10);
            }
            // legato pedalling: up exactly at the change (at the bar line when the chord comes late,
            // so the scoop in bar 9 sounds alone), down again once the new chord sounds
            ev.cc(i == 0 ? t0 : start, KEYS, 64, 0);
            ev.cc(start + 40, KEYS, 64, 127);
        }
        long t = t0;
        for (String token : SCORE[bar][1].split(" ")) {
            String[] p = token.split(":");
            long length = beats(p[1]);
            if (!p[0].equals("r")) {
                boolean onBeat = (t - t0) % BEAT == 0;
                ev.note(t, KEYS, key(p[0]), MELODY_VELOCITY[bar] + (onBeat ? 6 : 0), length - 20);
            }
            t += length;
        }
    }

    /** A synth-style scoop: the pitch wheel starts a semitone down (range ±2) and glides up over an eighth. */
    private static void scoop(SongEvents ev, long at) {
        int steps = 8;
        for (int i = 0; i <= steps; i++) ev.bend(at + (long) i * (BEAT / 2) / steps, KEYS, 8192 - 4096 * (steps - i) / steps);
    }

    private static void drums(SongEvents ev, Groove g, long t0) {
        lane(ev, g.kick(), t0, 36);
        lane(ev, g.snare(), t0, 38);
        lane(ev, g.closed(), t0, 42);
        lane(ev, g.open(), t0, 46);
        lane(ev, g.pedal(), t0, 44);
        for (int s = 0; s < g.toms().length(); s++) {
            char c = g.toms().charAt(s);
            int key = switch (c) { case 'H' -> 48; case 'M' -> 45; case 'L' -> 41; default -> -1; };
            // toms roll downhill, getting louder
            if (key > 0) ev.note(t0 + (long) s * STEP, DRUMS, key, 88 + 2 * s, 60);
        }
    }

    private static void lane(SongEvents ev, String steps, long t0, int key) {
        for (int s = 0; s < steps.length(); s++) {
            int vel = switch (steps.charAt(s)) { case 'X' -> 118; case 'x' -> 98; case 'o' -> 78; case 'g' -> 44; default -> 0; };
            if (vel > 0) ev.note(t0 + (long) s * STEP, DRUMS, key, vel, 60);
        }
    }

    private static long beats(String s) { return Math.round(Double.parseDouble(s) * BEAT); }

    /** "C#5" → 73, "Bb4" → 70 (C4 = 60). */
    static int key(String name) {
        int pc = "C D EF G A B".indexOf(name.charAt(0));
        int i = 1;
        if (name.charAt(i) == '#') { pc++; i++; } else if (name.charAt(i) == 'b') { pc--; i++; }
        return 12 * (Integer.parseInt(name.substring(i)) + 1) + pc;
    }

}
