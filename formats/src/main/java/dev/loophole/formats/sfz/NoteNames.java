package dev.loophole.formats.sfz;

import java.util.OptionalInt;

/**
 * SFZ note names: a letter, an optional {@code #} or {@code b}, and an octave, where {@code c4} is MIDI
 * key 60 and {@code c-1} is key 0. Case does not matter ({@code C#4}, {@code db4}, {@code C-1}).
 */
final class NoteNames {
    private static final int[] SEMITONE = {9, 11, 0, 2, 4, 5, 7}; // a b c d e f g

    private NoteNames() {}

    /** The MIDI key a note name stands for, or empty if {@code s} is not a note name. */
    static OptionalInt parse(String s) {
        if (s.length() < 2) return OptionalInt.empty();
        char letter = Character.toLowerCase(s.charAt(0));
        if (letter < 'a' || letter > 'g') return OptionalInt.empty();
        int key = SEMITONE[letter - 'a'];
        int i = 1;
        char acc = s.charAt(i);
        if (acc == '#' || acc == '\u266F') { key++; i++; }
        else if (acc == 'b' || acc == '\u266D') { key--; i++; }
        String octave = s.substring(i);
        if (!octave.matches("-?\\d{1,2}")) return OptionalInt.empty();
        return OptionalInt.of(key + (Integer.parseInt(octave) + 1) * 12);
    }

    /** {@code c4} style name of a key, sharps only; the exporter writes numbers, this is for messages. */
    static String name(int key) {
        String[] names = {"c", "c#", "d", "d#", "e", "f", "f#", "g", "g#", "a", "a#", "b"};
        return names[Math.floorMod(key, 12)] + (Math.floorDiv(key, 12) - 1);
    }
}
