package dev.loophole.cli;

import dev.loophole.formats.sf2.Sf2Catalog;
import dev.loophole.formats.sf2.Sf2Exception;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.formats.sf2.Sf2PresetHeader;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.signal.engine.ProgramBank;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which presets of a SoundFont a song reaches, and the keys it plays on each: the choice behind {@code render} and
 * {@code bench}, so the two build the same instruments.
 */
final class SongPresets {
    private SongPresets() {}

    /** A preset to build, with the keys the song plays on it (empty when no note reaches it). */
    record Chosen(Sf2PresetHeader header, BitSet keys) {}

    /** The presets {@link #choose} chose, each built from the bank's tables (same keys, in that order). */
    record Reached(Map<Integer, Chosen> chosen, Map<Integer, Sf2Preset> built) {}

    /**
     * The presets of {@code bank} the song reaches, built in key order: only those are built from the bank's tables
     * ({@link Sf2Catalog}), the rest of the bank's regions are never made. What a build throws is thrown.
     */
    static Reached reach(Sf2Catalog bank, MidiSong song) throws Sf2Exception {
        Map<Integer, Chosen> chosen = choose(bank, song);
        Map<Integer, Sf2Preset> built = new TreeMap<>();
        for (var e : chosen.entrySet()) built.put(e.getKey(), bank.preset(e.getValue().header().index()));
        return new Reached(chosen, built);
    }

    /**
     * Keyed by bank × 128 + program. Each preset the song can ask for (its bank selects and program changes, plus the
     * default piano and kit) is found in the bank, or through {@link ProgramBank}'s fallback (percussion → kit 0,
     * melodic → bank 0); of those, only the ones the song's notes meet ({@link ProgramBank#resolve}) are kept. A song
     * without notes keeps them all.
     */
    private static Map<Integer, Chosen> choose(Sf2Catalog bank, MidiSong song) {
        Map<Integer, BitSet> keysUsed = ProgramBank.keysUsed(song);
        Set<Integer> wanted = new TreeSet<>(keysUsed.keySet());
        wanted.add(0);                                  // the default piano
        wanted.add(ProgramBank.PERCUSSION_BANK * 128);  // the default kit
        Map<Integer, Sf2PresetHeader> reachable = new TreeMap<>();
        for (int key : wanted) {
            boolean drums = key / 128 == ProgramBank.PERCUSSION_BANK;
            bank.find(key / 128, key % 128).or(() -> bank.find(drums ? ProgramBank.PERCUSSION_BANK : 0, drums ? 0 : key % 128))
                    .ifPresent(p -> reachable.put(p.bank() * 128 + p.preset(), p));
        }
        Map<Integer, BitSet> presetKeys = new HashMap<>();
        keysUsed.forEach((key, keys) -> {
            int k = ProgramBank.resolve(reachable::containsKey, key / 128, key % 128);
            if (k >= 0) presetKeys.computeIfAbsent(k, x -> new BitSet(128)).or(keys);
        });
        if (!presetKeys.isEmpty()) reachable.keySet().retainAll(presetKeys.keySet());
        Map<Integer, Chosen> chosen = new TreeMap<>();
        reachable.forEach((k, header) -> chosen.put(k, new Chosen(header, presetKeys.getOrDefault(k, new BitSet()))));
        return chosen;
    }
}
