package dev.loophole.media.library;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a multi-sample's file name says: its note ("Piano_C#4_ff_rr2.wav", "Strings 060 p.wav"), its velocity layer
 * (dynamics ppp…fff, or v1…vN / vel1…), its round robin (rr1…rrN), and the name left without them (which sample
 * "instrument" it belongs to). A bare number counts as a note only when it has two or three digits and lies in
 * 21..108 (the piano's range), so "Snare 01" is an index, not a note.
 *
 * @param key      MIDI key from the name, or -1
 * @param dynamic  velocity layer rank (dynamics: ppp = 1 … fff = 8; vN = N), or -1
 * @param roundRobin round robin number from rrN, or -1
 * @param stem     the name without note, layer and round-robin tokens
 */
public record NameHints(int key, int dynamic, int roundRobin, String stem) {
    private static final Map<String, Integer> DYNAMICS = Map.of("ppp", 1, "pp", 2, "p", 3, "mp", 4, "mf", 5, "f", 6, "ff", 7, "fff", 8);
    private static final Pattern LAYER = Pattern.compile("(?:v|vel|velocity|layer|l)(\\d{1,2})");
    private static final Pattern RR = Pattern.compile("(?:rr|roundrobin|seq)(\\d{1,2})");
    private static final Pattern NUMBER = Pattern.compile("\\d{2,3}");

    public static NameHints of(String fileName) {
        String stem = NameWords.stem(fileName);
        // '-' separates, except in an octave -1 ("C-1").
        String[] tokens = stem.split("[\\s_.,()\\[\\]]+|-(?!1(?!\\d))");
        int key = -1, number = -1, dynamic = -1, rr = -1;
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.isEmpty()) continue;
            String lower = t.toLowerCase(Locale.ROOT);
            Matcher m;
            if ((lower.equals("rr") || lower.equals("seq")) && i + 1 < tokens.length && tokens[i + 1].matches("\\d{1,2}")) {
                rr = Integer.parseInt(tokens[++i]);
            } else if ((m = RR.matcher(lower)).matches()) {
                rr = Integer.parseInt(m.group(1));
            } else if (DYNAMICS.containsKey(lower) && !t.equals("F") && !t.equals("P")) {
                dynamic = DYNAMICS.get(lower); // "F" and "P" alone are too likely other things (a note, a pedal)
            } else if ((m = LAYER.matcher(lower)).matches()) {
                dynamic = Integer.parseInt(m.group(1));
            } else if (key < 0 && (m = NoteNames.NOTE.matcher(t)).matches()) {
                key = NoteNames.key(m);
            } else if (number < 0 && NUMBER.matcher(t).matches() && Integer.parseInt(t) >= 21 && Integer.parseInt(t) <= 108) {
                number = Integer.parseInt(t);
            } else {
                rest.add(t);
            }
        }
        return new NameHints(key >= 0 ? key : number, dynamic, rr, String.join(" ", rest));
    }
}
