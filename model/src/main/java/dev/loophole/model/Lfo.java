package dev.loophole.model;

import java.util.List;

/**
 * An SFZ v2 LFO ({@code lfoN_*}) of a region. What it modulates, and by how much, are
 * {@link Modulation} routings whose source is {@code lfoN}; this record only says how it moves.
 *
 * @param index    N of {@code lfoN}, 1 or more
 * @param freq     Hz
 * @param wave     SFZ wave code ({@code lfoN_wave}: 0 triangle, 1 sine, 2 pulse 75 %, 3 square, 4 pulse 25 %,
 *                 5 pulse 12.5 %, 6 ramp up, 7 ramp down, 12 sample and hold)
 * @param delay    seconds of silence after the note starts
 * @param fade     seconds over which the depth rises to full after the delay
 * @param phase    starting phase in cycles, 0..1
 * @param count    cycles before the LFO stops, 0 for endless
 * @param steps    the step sequence in percent (−100..100); empty for the wave
 * @param smooth   one-pole smoothing of the output, seconds (SFZ gives ms; the importer converts)
 * @param offset   DC offset added to the main wave ({@code lfoN_offset})
 * @param subWaves ARIA sub-waveforms 2..8 ({@code lfoN_waveX}, {@code ratioX}, {@code scaleX}, {@code offsetX}), summed with the main wave
 */
public record Lfo(int index, double freq, int wave, double delay, double fade, double phase, int count,
                  List<Double> steps, double smooth, double offset, List<SubWave> subWaves) {

    /** An ARIA sub-waveform: {@code wave} at {@code ratio} × the LFO's frequency, scaled, plus an offset. */
    public record SubWave(int index, int wave, double ratio, double scale, double offset) {}

    public Lfo {
        if (index < 1) throw new IllegalArgumentException("lfo index " + index + " is below 1");
        if (!(freq >= 0) || Double.isInfinite(freq)) throw new IllegalArgumentException("lfo" + index + "_freq " + freq + " is not a frequency >= 0");
        if (delay < 0 || fade < 0 || smooth < 0) throw new IllegalArgumentException("lfo" + index + " has a negative time");
        steps = List.copyOf(steps == null ? List.of() : steps);
        subWaves = List.copyOf(subWaves == null ? List.of() : subWaves);
    }

    /** A sine at {@code freq} Hz with every other setting at its SFZ default. */
    public static Lfo sine(int index, double freq) {
        return new Lfo(index, freq, 1, 0, 0, 0, 0, List.of(), 0, 0, List.of());
    }
}
