package dev.loophole.formats.sf2;

/**
 * Unit conversions of the SoundFont 2.01 specification (section 8.1.3), as pure functions so that they
 * can be tested against values worked out by hand.
 */
public final class Sf2Units {
    private Sf2Units() {}

    /** Frequency of absolute cent 0: MIDI key 0 (8.176 Hz), the reference of all absolute-cent values. */
    public static final double ABS_CENT_ZERO_HZ = 8.176;

    /**
     * The scale applied by default to {@code initialAttenuation}: EMU's hardware and FluidSynth treat one
     * attenuation step as 0.04 dB, not the 0.1 dB a centibel is, and banks (FluidR3 among them) were voiced
     * by ear on those players. {@link Sf2Options#attenuationScale()} can set 1.0 for the letter of the spec.
     */
    public static final double EMU_ATTENUATION_SCALE = 0.4;

    /** Timecents → seconds: 2^(tc/1200). -32768 is the spec's "instantaneous" and gives 0. */
    public static double timecentsToSeconds(int timecents) {
        if (timecents <= -32768) return 0;
        return Math.pow(2, timecents / 1200.0);
    }

    /** Absolute cents → Hz: 8.176 × 2^(c/1200) (filter cutoff, LFO frequency). */
    public static double absoluteCentsToHz(int cents) {
        return ABS_CENT_ZERO_HZ * Math.pow(2, cents / 1200.0);
    }

    /** Centibels of attenuation → dB of gain (negative), scaled by {@code scale} (1.0 = spec, 0.4 = EMU). */
    public static double attenuationToDb(int centibels, double scale) {
        return -centibels / 10.0 * scale;
    }

    /** Volume envelope sustain, in centibels of attenuation below peak → linear level 0..1 (exact, unscaled). */
    public static double volEnvSustainToLevel(int centibels) {
        if (centibels <= 0) return 1;
        return Math.pow(10, -centibels / 200.0);
    }

    /** Modulation envelope sustain, in 0.1 % of decrease below peak → level 0..1. */
    public static double modEnvSustainToLevel(int permille) {
        return Math.max(0, Math.min(1, 1 - permille / 1000.0));
    }

    /** Pan in 0.1 % (-500 full left .. 500 full right) → the model's -100..100. */
    public static double panToModel(int permille) {
        return Math.max(-100, Math.min(100, permille / 5.0));
    }

    /** Filter resonance: initialFilterQ is centibels above DC gain → dB. */
    public static double filterQToDb(int centibels) {
        return centibels / 10.0;
    }

    /**
     * Envelope time with key-number scaling (keynumToVolEnvHold/Decay, keynumToModEnvHold/Decay):
     * the spec adds {@code perKey × (60 − key)} timecents, so key 60 is unchanged.
     */
    public static double keyScaledSeconds(int timecents, int perKeyTimecents, int key) {
        return timecentsToSeconds(timecents + perKeyTimecents * (60 - key));
    }

    /**
     * The same, with the summed timecents clamped to {@code minTc..maxTc} (the stage generator's range: a hold
     * stops at 5000, a decay at 8000 timecents, as FluidSynth clamps them).
     */
    public static double keyScaledSeconds(int timecents, int perKeyTimecents, int key, int minTc, int maxTc) {
        return timecentsToSeconds(Math.clamp((long) timecents + (long) perKeyTimecents * (60 - key), minTc, maxTc));
    }

    /**
     * The spec's concave transform of a negative unipolar source, as used by the default
     * velocity→attenuation modulator: fraction of the modulator amount applied at controller value
     * {@code v} (0..127): -20/96 × log10((v/127)²), clamped to 0..1. With amount 960 cB this gives
     * 40·log10(127/v) dB of attenuation, i.e. an amplitude of (v/127)².
     */
    public static double concaveNegative(int v) {
        if (v <= 0) return 1;
        double x = Math.min(1.0, v / 127.0);
        return Math.min(1, -20.0 / 96.0 * Math.log10(x * x));
    }
}
