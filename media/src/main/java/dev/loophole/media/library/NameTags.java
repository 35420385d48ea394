package dev.loophole.media.library;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Automatic tags from folder and file names: a table from the words sample libraries use to the tag they mean
 * ("bd", "kik" → kick; "hh", "hat" → hihat; "vox" → vocal). A phrase like "bass drum" is matched on adjacent words.
 */
final class NameTags {
    private static final Map<String, List<String>> TABLE = Map.ofEntries(
            Map.entry("kick", List.of("kick", "kicks", "kik", "bd", "bassdrum", "bass drum", "kickdrum")),
            Map.entry("snare", List.of("snare", "snares", "sd", "snr", "rimshot", "rim")),
            Map.entry("hihat", List.of("hihat", "hihats", "hh", "hat", "hats", "hi hat", "openhat", "closedhat")),
            Map.entry("clap", List.of("clap", "claps", "handclap")),
            Map.entry("tom", List.of("tom", "toms", "floortom", "hitom", "lotom")),
            Map.entry("cymbal", List.of("cymbal", "cymbals", "crash", "ride", "china", "splash")),
            Map.entry("crash", List.of("crash")),
            Map.entry("ride", List.of("ride")),
            Map.entry("percussion", List.of("perc", "percussion", "shaker", "tambourine", "conga", "bongo", "cowbell", "clave", "triangle")),
            Map.entry("drum", List.of("drum", "drums", "kit", "drumkit")),
            Map.entry("pad", List.of("pad", "pads")),
            Map.entry("bass", List.of("bass", "sub", "808bass")),
            Map.entry("lead", List.of("lead", "leads")),
            Map.entry("piano", List.of("piano", "grand", "upright", "rhodes", "epiano")),
            Map.entry("keys", List.of("keys", "organ", "clav", "harpsichord")),
            Map.entry("strings", List.of("strings", "string", "violin", "viola", "cello", "contrabass")),
            Map.entry("brass", List.of("brass", "trumpet", "trombone", "horn", "tuba")),
            Map.entry("woodwind", List.of("woodwind", "flute", "clarinet", "oboe", "bassoon", "sax", "saxophone")),
            Map.entry("guitar", List.of("guitar", "gtr", "guit")),
            Map.entry("vocal", List.of("vocal", "vocals", "vox", "voice", "choir")),
            Map.entry("synth", List.of("synth", "synths", "analog")),
            Map.entry("fx", List.of("fx", "sfx", "effect", "effects", "riser", "impact", "sweep")),
            Map.entry("loop", List.of("loop", "loops")),
            Map.entry("one-shot", List.of("oneshot", "one shot", "hit", "hits")),
            Map.entry("acoustic", List.of("acoustic", "acc", "live")),
            Map.entry("electronic", List.of("electronic", "808", "909", "707", "606", "edm", "techno")));

    private static final Map<String, Set<String>> BY_WORD = new HashMap<>();
    static {
        TABLE.forEach((tag, words) -> words.forEach(w -> BY_WORD.computeIfAbsent(w, k -> new TreeSet<>()).add(tag)));
    }

    private NameTags() {}

    /** Tags for a '/'-separated relative path (its folders and its file name without extension). */
    static Set<String> forPath(String relPath) {
        Set<String> tags = new TreeSet<>();
        String[] parts = relPath.split("/");
        for (int i = 0; i < parts.length; i++) {
            String part = i == parts.length - 1 ? NameWords.stem(parts[i]) : parts[i];
            List<String> words = NameWords.split(part);
            for (int w = 0; w < words.size(); w++) {
                tags.addAll(BY_WORD.getOrDefault(words.get(w), Set.of()));
                if (w + 1 < words.size()) tags.addAll(BY_WORD.getOrDefault(words.get(w) + " " + words.get(w + 1), Set.of()));
            }
        }
        return tags;
    }
}
