package dev.loophole.model;

import java.util.Map;

/**
 * Instrument-wide controls.
 *
 * @param sustainCc      the CC that acts as sustain pedal (SFZ {@code sustain_cc}, default 64)
 * @param sustainLo      pedal values at or above this count as down (0..127)
 * @param sostenutoCc    the sostenuto pedal CC (default 66)
 * @param initialCc      CC number → value at load (SFZ {@code set_ccN}, 0..127 scaled to 0..1)
 * @param swDefault      key switch assumed pressed before any is played, or -1
 * @param polyphony      voice cap of the whole program, 0 for the engine's default
 * @param roundRobin     how a round-robin cycle's region is chosen
 */
public record ProgramSettings(int sustainCc, int sustainLo, int sostenutoCc, Map<Integer, Double> initialCc,
                              int swDefault, int polyphony, RoundRobin roundRobin) {
    public static final ProgramSettings DEFAULT = new ProgramSettings(64, 64, 66, Map.of(), -1, 0);

    /** Settings with SFZ's sequential round robin. */
    public ProgramSettings(int sustainCc, int sustainLo, int sostenutoCc, Map<Integer, Double> initialCc,
                           int swDefault, int polyphony) {
        this(sustainCc, sustainLo, sostenutoCc, initialCc, swDefault, polyphony, RoundRobin.SEQUENTIAL);
    }

    public ProgramSettings {
        initialCc = Map.copyOf(initialCc);
        if (roundRobin == null) roundRobin = RoundRobin.SEQUENTIAL;
    }

    public ProgramSettings withRoundRobin(RoundRobin mode) {
        return new ProgramSettings(sustainCc, sustainLo, sostenutoCc, initialCc, swDefault, polyphony, mode);
    }
}
