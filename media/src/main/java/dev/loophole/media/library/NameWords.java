package dev.loophole.media.library;

import dev.loophole.model.PadKinds;
import java.util.List;

/**
 * Splits folder and file names into lower-case words: at anything not a letter or digit, at a lower→upper
 * case change ("KickDrum" → kick, drum) and between letters and digits ("Snare02" → snare, 02). The full-text
 * index holds these words beside the raw names, so "drum" finds "KickDrum_02.wav".
 */
public final class NameWords {
    private NameWords() {}

    public static List<String> split(String name) {
        return PadKinds.words(name); // one splitter: the library's index and the drum names of kits read words alike
    }

    /** A name without its extension. */
    public static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
