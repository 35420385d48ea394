package dev.loophole.media.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits folder and file names into lower-case words: at anything not a letter or digit, at a lower→upper
 * case change ("KickDrum" → kick, drum) and between letters and digits ("Snare02" → snare, 02). The full-text
 * index holds these words beside the raw names, so "drum" finds "KickDrum_02.wav".
 */
public final class NameWords {
    private NameWords() {}

    public static List<String> split(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        int prevType = 0; // 0 none, 1 lower, 2 upper, 3 digit
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.isDigit(cp) ? 3 : Character.isUpperCase(cp) ? 2 : Character.isLetter(cp) ? 1 : 0;
            boolean boundary = type == 0 || (prevType == 1 && type == 2) || (prevType == 3) != (type == 3) && prevType != 0;
            if (boundary && !w.isEmpty()) {
                out.add(w.toString().toLowerCase(Locale.ROOT));
                w.setLength(0);
            }
            if (type != 0) w.appendCodePoint(cp);
            prevType = type;
        }
        if (!w.isEmpty()) out.add(w.toString().toLowerCase(Locale.ROOT));
        return out;
    }

    /** A name without its extension. */
    public static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
