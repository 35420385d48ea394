package dev.loophole.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What kind of drum a name or a General MIDI note is: one table of words (as they appear in kit instrument names and
 * sample file names) → GM note, icon and colour. Rows are tried in order, the more specific first ("hat open" before
 * "hat"); a row matches when every word of one of its spellings is among the name's words. A number after a
 * kick, snare or crash is a take ("SD 2"), not GM's second drum; after a tom it is its place ("tom 1" the highest).
 */
public final class PadKinds {
    private PadKinds() {}

    /** The icons a pad can show: drum families a sequencer draws. */
    public static final Set<String> ICONS = Set.of("kick", "snare", "rim", "clap", "hihat", "tom", "cymbal", "ride", "percussion");

    private static final Map<String, String> COLOURS = Map.of(
            "kick", "#d9483b", "snare", "#e8a33d", "rim", "#c9b458", "clap", "#e86fa8", "hihat", "#3fb5a3",
            "tom", "#6c8ee0", "cymbal", "#9b6ce0", "ride", "#7a5cc4", "percussion", "#8a9a5b");

    /** One kind of drum: its GM note, its icon and its spellings ("|" between spellings, " " between words). */
    public record Kind(int note, String icon, List<List<String>> spellings) {
        public String gmName() { return GmDrumMap.name(note); }
    }

    private static Kind kind(int note, String icon, String spellings) {
        return new Kind(note, icon, Arrays.stream(spellings.split("\\|")).map(s -> List.of(s.strip().split(" "))).toList());
    }

    private static final List<Kind> KINDS = List.of(
            kind(35, "kick", "acoustic bass drum|acoustic kick"),
            kind(36, "kick", "kick|kicks|kik|bd|bassdrum|bass drum|kickdrum"),
            kind(37, "rim", "rim|rimshot|sidestick|side stick|stick|xstick"),
            kind(39, "clap", "clap|handclap|claps|cp"),
            kind(40, "snare", "electric snare|snare electric"),
            kind(38, "snare", "snare|snares|sd|snr|sn"),
            kind(44, "hihat", "hat pedal|hh pedal|hihat pedal|pedal hat|phh|pedal|foot|hat foot|hh foot|chick"),
            kind(46, "hihat", "hat open|hh open|hihat open|ohh|oh|open|hat opened"),
            kind(42, "hihat", "hat closed|hh closed|hihat closed|chh|ch|closed|hat|hh|hihat|hats"),
            kind(50, "tom", "tom hi|tom high|tom 1|hi tom|high tom|ht|hitom|racktom|rack tom"),
            kind(48, "tom", "tom mid hi|tom hi mid|hi mid tom"),
            kind(47, "tom", "tom mid|tom 2|mid tom|mt|midtom"),
            kind(41, "tom", "floor tom|floortom|tom floor|tom 4|floor|ft"),
            kind(45, "tom", "tom low|tom lo|tom 3|low tom|lo tom|lt|lowtom|tom|toms"),
            kind(53, "ride", "ride bell|bell ride|bell"),
            kind(51, "ride", "ride|rides|rd"),
            kind(57, "cymbal", "crash cymbal 2"),
            kind(49, "cymbal", "crash|crashes|cr|cym|cymbal|cymbals"),
            kind(52, "cymbal", "china|chinese"),
            kind(55, "cymbal", "splash"),
            kind(54, "percussion", "tambourine|tamb|tambo"),
            kind(56, "percussion", "cowbell|cow bell|cb"),
            kind(70, "percussion", "shaker|maracas|maraca|shk"),
            kind(75, "percussion", "clave|claves"),
            kind(60, "percussion", "bongo hi|hi bongo|bongo"),
            kind(61, "percussion", "bongo lo|bongo low|low bongo"),
            kind(63, "percussion", "conga hi|conga open|conga"),
            kind(64, "percussion", "conga lo|conga low|low conga"),
            kind(76, "percussion", "woodblock|wood block|block"),
            kind(81, "percussion", "triangle open|triangle"),
            kind(80, "percussion", "triangle mute|triangle closed"));

    /** The kinds, most specific first. */
    public static List<Kind> kinds() { return KINDS; }

    /**
     * A name's words, lower case: split at anything but a letter or digit, at a lower→upper case change ("ClosedHat"
     * → closed, hat) and between letters and digits ("tom1" → tom, 1). The media library indexes names by these words.
     */
    public static List<String> words(String name) {
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

    /** The kind of drum a name says, or empty when none of its words does. */
    public static Optional<Kind> ofName(String name) {
        List<String> words = words(name);
        for (Kind k : KINDS)
            for (List<String> spelling : k.spellings())
                if (words.containsAll(spelling)) return Optional.of(k);
        return Optional.empty();
    }

    /** The kind of drum at a General MIDI percussion note, or empty. */
    public static Optional<Kind> ofNote(int note) {
        return KINDS.stream().filter(k -> k.note() == note).findFirst()
                .or(() -> GmDrumMap.name(note) == null ? Optional.empty() : ofName(GmDrumMap.name(note)))
                .or(() -> GmDrumMap.name(note) == null ? Optional.empty() : Optional.of(new Kind(note, "percussion", List.of())));
    }

    /** The icon for a pad: from its name's words, else from its note's place in the GM map, else none. */
    public static String icon(String name, int note) {
        return ofName(name).or(() -> ofNote(note)).map(Kind::icon).orElse(null);
    }

    /** The colour a family of drums is shown in, or null for no icon. */
    public static String colour(String icon) { return icon == null ? null : COLOURS.get(icon); }
}
