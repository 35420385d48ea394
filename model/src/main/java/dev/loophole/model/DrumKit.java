package dev.loophole.model;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A program's DrumKit mode: its pads, one per MIDI note, in note order. */
public record DrumKit(List<Pad> pads) {
    public DrumKit {
        pads = pads.stream().sorted(Comparator.comparingInt(Pad::note)).toList();
        for (int i = 1; i < pads.size(); i++)
            if (pads.get(i).note() == pads.get(i - 1).note())
                throw new IllegalArgumentException("two pads play note " + pads.get(i).note());
    }

    public Optional<Pad> pad(int note) { return pads.stream().filter(p -> p.note() == note).findFirst(); }

    /** The kit with {@code pad} in place of the pad at its note (or added). */
    public DrumKit with(Pad pad) {
        List<Pad> next = new java.util.ArrayList<>(pads.stream().filter(p -> p.note() != pad.note()).toList());
        next.add(pad);
        return new DrumKit(next);
    }
}
