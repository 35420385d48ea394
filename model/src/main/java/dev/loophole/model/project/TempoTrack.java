package dev.loophole.model.project;

import dev.loophole.model.midi.TempoMap;
import java.util.List;

/**
 * The project's tempo changes and time signatures, each starting at tick 0 and in strictly
 * increasing tick order. {@link #toTempoMap} gives the tick → seconds conversion the transport uses.
 */
public record TempoTrack(List<TempoMap.Change> tempos, List<TimeSignature> signatures) {
    public static final TempoTrack DEFAULT = new TempoTrack(List.of(new TempoMap.Change(0, TempoMap.DEFAULT_TEMPO)), List.of(TimeSignature.FOUR_FOUR));

    public TempoTrack {
        tempos = List.copyOf(tempos);
        signatures = List.copyOf(signatures);
        if (tempos.isEmpty() || tempos.getFirst().tick() != 0) throw new IllegalArgumentException("the tempo track must start with a tempo at tick 0");
        if (signatures.isEmpty() || signatures.getFirst().tick() != 0)
            throw new IllegalArgumentException("the tempo track must start with a time signature at tick 0");
        for (int i = 1; i < tempos.size(); i++)
            if (tempos.get(i).tick() <= tempos.get(i - 1).tick())
                throw new IllegalArgumentException("tempo change at tick " + tempos.get(i).tick() + " is not after tick " + tempos.get(i - 1).tick());
        for (int i = 1; i < signatures.size(); i++)
            if (signatures.get(i).tick() <= signatures.get(i - 1).tick())
                throw new IllegalArgumentException("time signature at tick " + signatures.get(i).tick() + " is not after tick " + signatures.get(i - 1).tick());
    }

    /** A constant tempo in beats per minute, 4/4. */
    public static TempoTrack constant(double bpm) {
        return new TempoTrack(List.of(new TempoMap.Change(0, (int) Math.round(60e6 / bpm))), List.of(TimeSignature.FOUR_FOUR));
    }

    public TempoMap toTempoMap(int ticksPerQuarter) { return new TempoMap(ticksPerQuarter, tempos); }
}
