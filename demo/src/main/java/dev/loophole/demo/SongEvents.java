package dev.loophole.demo;

import dev.loophole.model.midi.MidiEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects a song's events as the parts are written. On one tick, note-offs sort before
 * controllers and programs, and those before note-ons, whatever order the parts were written in:
 * a repeated note then re-strikes instead of being cut by its own note-off.
 */
final class SongEvents {
    private record Pending(long tick, int rank, int status, int data1, int data2) { }

    private final List<Pending> list = new ArrayList<>();

    void note(long tick, int channel, int key, int velocity, long length) {
        list.add(new Pending(tick, 2, 0x90 | channel, key, velocity));
        list.add(new Pending(tick + length, 0, 0x80 | channel, key, 64));
    }

    void cc(long tick, int channel, int controller, int value) { list.add(new Pending(tick, 1, 0xB0 | channel, controller, value)); }

    void program(long tick, int channel, int program) { list.add(new Pending(tick, 1, 0xC0 | channel, program, 0)); }

    void bend(long tick, int channel, int value) { list.add(new Pending(tick, 1, 0xE0 | channel, value & 0x7F, value >> 7)); }

    List<MidiEvent> toList() {
        List<Pending> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingLong(Pending::tick).thenComparingInt(Pending::rank)); // stable: insertion order within a rank
        List<MidiEvent> out = new ArrayList<>();
        for (Pending p : sorted) out.add(new MidiEvent(p.tick(), p.status(), p.data1(), p.data2(), 0, out.size()));
        return out;
    }
}
