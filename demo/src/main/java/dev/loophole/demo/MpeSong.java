package dev.loophole.demo;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The MPE demo, composed in code: about 16 seconds for the demo keys played as an MPE controller
 * would send them. A lower zone of 15 member channels (MCM on channel 1), one member per note,
 * default ranges (members ±48). Four gestures: a chord whose notes swell in pressure one after
 * another while CC 74 opens them; a melody that slides between notes and blooms into vibrato;
 * two notes bent towards each other; a last chord with vibrato on its top note and a manager-
 * channel dip that moves the whole zone. Controller data every 10 ms, as controllers send it.
 */
final class MpeSong {
    static final int PPQ = 480;
    static final double TICKS_PER_SECOND = PPQ * 2.0; // 120 BPM
    static final int RANGE = 48;

    private final List<MidiEvent> events = new ArrayList<>();
    private int nextMember = 1;

    private MpeSong() { }

    static MidiSong build() {
        MpeSong s = new MpeSong();
        s.cc(0, 0, 101, 0); s.cc(0, 0, 100, 6); s.cc(0, 0, 6, 15); // MPE Configuration Message: lower zone, 15 members
        s.chordWithSwells(0.2);
        s.slidingMelody(4.4);
        s.convergingPair(8.6);
        s.lastChord(11.6);
        return new MidiSong("loophole mpe demo", new TempoMap(PPQ, List.of()), s.events);
    }

    /** C major 9 voiced low to high; each note swells in turn and brightens as it does. */
    private void chordWithSwells(double t0) {
        int[] keys = {48, 55, 64, 71, 74};
        for (int i = 0; i < keys.length; i++) {
            int ch = member();
            double on = t0 + i * 0.12;
            pressure(on - 0.01, ch, 10);
            cc(on - 0.01, ch, 74, 40);
            note(on, ch, keys[i], 70 + 6 * i);
            double peak = t0 + 0.8 + i * 0.5;
            for (double t = on + 0.01; t < t0 + 4.0; t += 0.01) {
                double x = StrictMath.exp(-StrictMath.pow((t - peak) / 0.45, 2));      // a bell of pressure around its own peak
                pressure(t, ch, (int) Math.round(10 + 110 * x));
                cc(t, ch, 74, (int) Math.round(40 + 70 * x));
            }
            off(t0 + 4.0, ch, keys[i]);
        }
    }

    /** E4 → G4 → A4 → G4, each reached by a slide of the note's own bend, vibrato blooming on the long notes. */
    private void slidingMelody(double t0) {
        double[][] steps = {{0, 0.6}, {3, 0.9}, {5, 0.7}, {3, 1.6}}; // semitones above E4, seconds held
        int ch = member();
        int key = 64;
        double t = t0;
        pressure(t - 0.01, ch, 50);
        note(t, ch, key, 90);
        double from = 0;
        for (double[] s : steps) {
            double to = s[0], dur = s[1];
            for (double u = 0; u < dur; u += 0.01) {
                double slide = u < 0.18 ? from + (to - from) * smooth(u / 0.18) : to;
                double depth = Math.min(1, Math.max(0, (u - 0.3) / 0.5)) * 0.35;   // vibrato fades in after the slide
                double vib = depth * StrictMath.sin(2 * Math.PI * 5.5 * u);
                bend(t + u, ch, slide + vib);
                pressure(t + u, ch, (int) Math.round(50 + 60 * StrictMath.sin(Math.PI * Math.min(1, u / dur))));
            }
            from = to;
            t += dur;
        }
        off(t, ch, key);
    }

    /** C4 and C5 bend towards each other by a fourth and back, on their own channels. */
    private void convergingPair(double t0) {
        int lo = member(), hi = member();
        note(t0, lo, 60, 85);
        note(t0, hi, 72, 85);
        for (double u = 0; u < 2.6; u += 0.01) {
            double x = StrictMath.sin(Math.PI * Math.min(1, u / 2.4));
            bend(t0 + u, lo, 5 * x);
            bend(t0 + u, hi, -5 * x);
            pressure(t0 + u, lo, (int) Math.round(30 + 80 * x));
            pressure(t0 + u, hi, (int) Math.round(30 + 80 * x));
        }
        off(t0 + 2.7, lo, 60);
        off(t0 + 2.7, hi, 72);
    }

    /** F major 7 with vibrato on the top note, a manager-channel dip of a semitone for the whole zone, then release. */
    private void lastChord(double t0) {
        int[] keys = {41, 57, 64, 69, 76};
        int[] chs = new int[keys.length];
        for (int i = 0; i < keys.length; i++) { chs[i] = member(); note(t0 + i * 0.03, chs[i], keys[i], 80); }
        int top = chs[keys.length - 1];
        for (double u = 0; u < 3.5; u += 0.01) {
            double depth = Math.min(1, u / 1.5) * 0.4;
            bend(t0 + u, top, depth * StrictMath.sin(2 * Math.PI * 5 * u));
            for (int ch : chs) pressure(t0 + u, ch, (int) Math.round(100 * Math.max(0, 1 - u / 3.5)));
        }
        for (double u = 2.4; u < 3.0; u += 0.01) managerBend(t0 + u, -1 * smooth((u - 2.4) / 0.6)); // ±2 on the manager
        for (int i = 0; i < keys.length; i++) off(t0 + 3.6, chs[i], keys[i]);
        managerBend(t0 + 4.8, 0);
    }

    private int member() {
        int ch = nextMember;
        nextMember = nextMember == 15 ? 1 : nextMember + 1;
        return ch;
    }

    private static double smooth(double x) { return x * x * (3 - 2 * x); }

    private long tick(double seconds) { return Math.round(seconds * TICKS_PER_SECOND); }

    private void add(double t, int status, int d1, int d2) {
        events.add(new MidiEvent(tick(Math.max(0, t)), status, d1, d2, 0, events.size()));
    }

    private void cc(double t, int ch, int cc, int v) { add(t, 0xB0 | ch, cc, Math.clamp(v, 0, 127)); }

    private void note(double t, int ch, int key, int vel) { add(t, 0x90 | ch, key, vel); }

    private void off(double t, int ch, int key) { add(t, 0x80 | ch, key, 64); }

    private void pressure(double t, int ch, int v) { add(t, 0xD0 | ch, Math.clamp(v, 0, 127), 0); }

    /** A member bend of {@code semis} at ±48. */
    private void bend(double t, int ch, double semis) { bend14(t, ch, semis / RANGE); }

    private void managerBend(double t, double semis) { bend14(t, 0, semis / 2); }

    private void bend14(double t, int ch, double x) {
        int v = (int) Math.round(8192 + Math.clamp(x, -1, 1) * (x >= 0 ? 8191 : 8192));
        add(t, 0xE0 | ch, v & 0x7F, v >> 7);
    }
}
