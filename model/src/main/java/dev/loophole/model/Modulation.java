package dev.loophole.model;

/**
 * One routing of the modulation matrix: {@code source} drives {@code target} by {@code depth} in the
 * target's unit, read through curve {@code curve} (an SFZ {@code <curve>} index; 0 is the straight line
 * 0..1), smoothed over {@code smooth} ms and quantised to steps of {@code step} (0: continuous).
 *
 * <p>Sources, by name:
 * <ul>
 * <li>{@code ccN}, N 0..127: the channel's controller, 0..1; and the SFZ extended controllers
 *     {@code cc128} pitch bend (−1..1), {@code cc129} channel aftertouch, {@code cc130} polyphonic aftertouch
 *     of the voice's key, {@code cc131} note-on velocity, {@code cc132} note-off velocity, {@code cc133} key
 *     number /127, {@code cc134} gate (1 while held), {@code cc135} unipolar random, {@code cc136} bipolar
 *     random, {@code cc137} alternate (0, 1, 0, … per note), {@code cc140} key delta from the previous note
 *     (semitones /127), {@code cc141} its absolute value;</li>
 * <li>{@code lfoN}: {@link Lfo} N, −1..1; {@code egN}: {@link FlexEnvelope} N, −1..1.</li>
 * </ul>
 * Targets, by SFZ name and unit: {@code amplitude} (%), {@code volume} (dB), {@code pan}, {@code width},
 * {@code position} (%), {@code pitch} (cents), {@code cutoff}, {@code cutoff2} (cents), {@code resonance},
 * {@code resonance2} (dB), {@code eqN_gain} (dB), {@code eqN_freq} (Hz), {@code eqN_bw} (octaves),
 * {@code lfoN_freq} (Hz), {@code lfoN_depth} (% added to the 100 % of every routing from LFO N), the depth of another routing named {@code lfoN_<target>} or {@code egN_<target>}
 * (the target's unit), the v1 LFO depths {@code amplfo_depth} (dB), {@code fillfo_depth},
 * {@code pitchlfo_depth} (cents) and frequencies, the envelope depths {@code fileg_depth} and {@code pitcheg_depth} (cents), {@code amplfo_freq}… (Hz), and — read once, when the note
 * starts — {@code offset} (frames), {@code delay} (s), {@code amp_veltrack} (%) and the DAHDSR stages {@code ampeg_attack},
 * {@code fileg_decay}, … (s; {@code _sustain} and {@code _start} in %).
 */
public record Modulation(String source, String target, double depth, int curve, double smooth, double step) {
    public Modulation {
        if (source == null || source.isBlank()) throw new IllegalArgumentException("modulation source is empty");
        if (target == null || target.isBlank()) throw new IllegalArgumentException("modulation target is empty");
        if (!Double.isFinite(depth)) throw new IllegalArgumentException("modulation depth " + depth + " is not a number");
        if (curve < 0) throw new IllegalArgumentException("curve index " + curve + " is negative");
        if (!(smooth >= 0)) throw new IllegalArgumentException("smoothing " + smooth + " ms is negative");
        if (!(step >= 0)) throw new IllegalArgumentException("step " + step + " is negative");
    }

    /** A continuous routing. */
    public Modulation(String source, String target, double depth, int curve, double smooth) {
        this(source, target, depth, curve, smooth, 0);
    }

    /** A straight, unsmoothed routing. */
    public static Modulation of(String source, String target, double depth) {
        return new Modulation(source, target, depth, 0, 0, 0);
    }

    public Modulation withDepth(double d) { return new Modulation(source, target, d, curve, smooth, step); }
    public Modulation withCurve(int c) { return new Modulation(source, target, depth, c, smooth, step); }
    public Modulation withSmooth(double ms) { return new Modulation(source, target, depth, curve, ms, step); }
    public Modulation withStep(double s) { return new Modulation(source, target, depth, curve, smooth, s); }
}
