package dev.loophole.model.midi;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A Standard MIDI File reduced to what instruments play: channel events in time order and the tempo map. */
public record MidiSong(String name, TempoMap tempoMap, List<MidiEvent> events) {
    /**
     * By tick, then by file order. Written out, not {@code Comparator.comparingLong(…).thenComparingLong(…)}: those
     * lambdas live in the JDK's Comparator and are spun at run time at every start (the class-data archive keeps ours).
     */
    private static final Comparator<MidiEvent> TIME_ORDER = (a, b) -> {
        int c = Long.compare(a.tick(), b.tick());
        return c != 0 ? c : Long.compare(a.order(), b.order());
    };

    public MidiSong {
        events = events.stream().sorted(TIME_ORDER).toList();
    }

    /** Tick of the last event, 0 for an empty song. */
    public long lastTick() { return events.isEmpty() ? 0 : events.getLast().tick(); }

    public double lengthSeconds() { return tempoMap.seconds(lastTick()); }

    /** The first event later than {@code seconds} into the song, if any (events are in time order). */
    public Optional<MidiEvent> firstEventAfter(double seconds) {
        int lo = 0, hi = events.size();
        while (lo < hi) { // time only grows with the tick: binary search
            int mid = (lo + hi) >>> 1;
            if (tempoMap.seconds(events.get(mid).tick()) > seconds) hi = mid; else lo = mid + 1;
        }
        return lo < events.size() ? Optional.of(events.get(lo)) : Optional.empty();
    }
}
