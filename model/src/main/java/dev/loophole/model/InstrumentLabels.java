package dev.loophole.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an editor shows for a program's keys (§8.3): note names, key switches and, in DrumKit mode, the pads.
 *
 * @param noteNames   key → name of the keys that play: a kit's pad names, else the program's key labels
 * @param keySwitches key → articulation name: SFZ {@code sw_label} of a region's {@code sw_last} key (or the low end
 *                    of its {@code sw_lolast..sw_hilast}), and key labels below the lowest key that plays
 * @param drumMapping the keys are drum pads (DrumKit mode, or every region on one named key)
 * @param pads        the pads in note order, empty for an ordinary program
 */
public record InstrumentLabels(Map<Integer, String> noteNames, Map<Integer, String> keySwitches, boolean drumMapping, List<Pad> pads) {
    public InstrumentLabels {
        noteNames = java.util.Collections.unmodifiableMap(new TreeMap<>(noteNames));
        keySwitches = java.util.Collections.unmodifiableMap(new TreeMap<>(keySwitches));
        pads = List.copyOf(pads);
    }

    public static InstrumentLabels of(Program p) {
        int lowest = 127;
        for (SampleRegion r : p.regions()) lowest = Math.min(lowest, r.keyRange().lo());
        Map<Integer, String> names = new TreeMap<>(), switches = new TreeMap<>();
        for (var e : p.keyLabels().entrySet()) {
            if (!IntRange.MIDI.contains(e.getKey())) continue;
            (e.getKey() < lowest ? switches : names).put(e.getKey(), e.getValue());
        }
        for (SampleRegion r : p.regions()) {
            RegionConditions c = r.conditions();
            if (c.swLabel() == null || c.swLabel().isBlank()) continue;
            int key = c.swLast() >= 0 ? c.swLast() : c.lastKeySwitchRange() != null ? c.lastKeySwitchRange().lo() : -1;
            if (IntRange.MIDI.contains(key)) switches.putIfAbsent(key, c.swLabel());
        }
        List<Pad> pads = p.drumKit() == null ? List.of() : p.drumKit().pads();
        if (!pads.isEmpty()) {
            names.clear();
            for (Pad pad : pads) names.put(pad.note(), pad.name());
        }
        boolean drums = !pads.isEmpty()
                || names.size() >= 2 && p.regions().stream().allMatch(r -> r.keyRange().lo() == r.keyRange().hi());
        return new InstrumentLabels(names, switches, drums, new ArrayList<>(pads));
    }
}
