package dev.loophole.model.midi;

import java.util.Comparator;
import java.util.List;

/** A Standard MIDI File reduced to what instruments play: channel events in time order and the tempo map. */
public record MidiSong(String name, TempoMap tempoMap, List<MidiEvent> events) {
    public MidiSong {
        events = events.stream().sorted(Comparator.comparingLong(MidiEvent::tick).thenComparingLong(MidiEvent::order)).toList();
    }

    /** Tick of the last event, 0 for an empty song. */
    public long lastTick() { return events.isEmpty() ? 0 : events.getLast().tick(); }

    public double lengthSeconds() { return tempoMap.seconds(lastTick()); }
}
