package dev.loophole.media.library;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Note names as samplers write them: C4 = MIDI 60 (SFZ's convention), sharps as '#' or 's', flats as 'b'. */
public final class NoteNames {
    private static final String[] NAMES = {"C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"};
    private static final int[] LETTER = {9, 11, 0, 2, 4, 5, 7}; // A..G
    /** A note name on its own: letter, accidental, octave (-1..9). */
    static final Pattern NOTE = Pattern.compile("([A-Ga-g])(#|s|b)?(-1|[0-9])");

    private NoteNames() {}

    public static String name(int key) {
        return NAMES[key % 12] + (key / 12 - 1);
    }

    /** The MIDI key of a name like "C4", "F#2", "Bb-1", or -1. */
    public static int parse(String s) {
        Matcher m = NOTE.matcher(s.trim());
        return m.matches() ? key(m) : -1;
    }

    static int key(Matcher m) {
        int pc = LETTER[Character.toUpperCase(m.group(1).charAt(0)) - 'A'];
        String acc = m.group(2);
        if (acc != null) pc += acc.equals("b") ? -1 : 1;
        int key = (Integer.parseInt(m.group(3)) + 1) * 12 + pc;
        return key < 0 || key > 127 ? -1 : key;
    }

    /** The pitch class (0 = C … 11 = B) of a name without octave like "C", "F#", "Bb", or -1. */
    public static int pitchClass(String s) {
        Matcher m = Pattern.compile("([A-Ga-g])(#|s|b)?").matcher(s.trim().toLowerCase(Locale.ROOT).replace("sharp", "#"));
        if (!m.matches()) return -1;
        int pc = LETTER[Character.toUpperCase(m.group(1).charAt(0)) - 'A'];
        if (m.group(2) != null) pc += m.group(2).equals("b") ? -1 : 1;
        return Math.floorMod(pc, 12);
    }
}
