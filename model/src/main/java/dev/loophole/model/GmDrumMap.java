package dev.loophole.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The General MIDI Level 1 percussion map (channel 10, notes 35..81): the names pads get when a kit does not
 * name them, so a drum sequencer and a piano roll can label lanes for any instrument.
 */
public final class GmDrumMap {
    private GmDrumMap() {}

    public static final int FIRST = 35;

    private static final List<String> NAMES = List.of(
            "Acoustic Bass Drum", "Bass Drum 1", "Side Stick", "Acoustic Snare", "Hand Clap", "Electric Snare",
            "Low Floor Tom", "Closed Hi-Hat", "High Floor Tom", "Pedal Hi-Hat", "Low Tom", "Open Hi-Hat", "Low-Mid Tom",
            "Hi-Mid Tom", "Crash Cymbal 1", "High Tom", "Ride Cymbal 1", "Chinese Cymbal", "Ride Bell", "Tambourine",
            "Splash Cymbal", "Cowbell", "Crash Cymbal 2", "Vibraslap", "Ride Cymbal 2", "Hi Bongo", "Low Bongo",
            "Mute Hi Conga", "Open Hi Conga", "Low Conga", "High Timbale", "Low Timbale", "High Agogo", "Low Agogo",
            "Cabasa", "Maracas", "Short Whistle", "Long Whistle", "Short Guiro", "Long Guiro", "Claves", "Hi Wood Block",
            "Low Wood Block", "Mute Cuica", "Open Cuica", "Mute Triangle", "Open Triangle");

    /** GM's name of a percussion note, or null outside 35..81. */
    public static String name(int note) {
        int i = note - FIRST;
        return i >= 0 && i < NAMES.size() ? NAMES.get(i) : null;
    }

    /**
     * The pads of a program: in DrumKit mode its pads; otherwise every key that a region answers alone (a one-key region, as drum pads are), named
     * by the program's key label where it has one, else by the GM map; keys neither names are left out.
     */
    public static Map<Integer, String> padNames(Program p) {
        Map<Integer, String> pads = new TreeMap<>();
        if (p.drumKit() != null) { // DrumKit mode: the pads say
            for (Pad pad : p.drumKit().pads()) pads.put(pad.note(), pad.name());
            return pads;
        }
        for (SampleRegion r : p.regions()) {
            if (r.keyRange().lo() != r.keyRange().hi()) continue;
            int key = r.keyRange().lo();
            String name = p.keyLabels().getOrDefault(key, name(key));
            if (name != null) pads.putIfAbsent(key, name);
        }
        return pads;
    }
}
