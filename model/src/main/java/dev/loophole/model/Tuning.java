package dev.loophole.model;

/**
 * Pitch of a region.
 *
 * @param pitchKeycenter the key at which the sample plays at its recorded pitch
 * @param transpose      semitones
 * @param tune           cents
 * @param pitchKeytrack  cents per key away from the key centre (100 = chromatic, 0 = fixed pitch)
 * @param pitchVeltrack  cents at velocity 127
 * @param bendUp         cents at full pitch bend up
 * @param bendDown       cents at full pitch bend down (SFZ gives it negative)
 * @param bendStep       the bend moves in steps of this many cents (1 = smooth)
 * @param bendSmooth     ms of inertia on the bend wheel
 * @param pitchRandom    cents of random detune, ± per voice
 */
public record Tuning(int pitchKeycenter, int transpose, double tune, double pitchKeytrack,
                     double pitchVeltrack, int bendUp, int bendDown, int bendStep, double bendSmooth, double pitchRandom) {
    public static final Tuning DEFAULT = new Tuning(60, 0, 0, 100, 0, 200, -200);

    /** Tuning with a continuous, unsmoothed bend and no random detune. */
    public Tuning(int pitchKeycenter, int transpose, double tune, double pitchKeytrack,
                  double pitchVeltrack, int bendUp, int bendDown) {
        this(pitchKeycenter, transpose, tune, pitchKeytrack, pitchVeltrack, bendUp, bendDown, 1, 0, 0);
    }

    public Tuning withBend(int bendStep, double bendSmooth) {
        return new Tuning(pitchKeycenter, transpose, tune, pitchKeytrack, pitchVeltrack, bendUp, bendDown, bendStep, bendSmooth, pitchRandom);
    }

    public Tuning withPitchRandom(double cents) {
        return new Tuning(pitchKeycenter, transpose, tune, pitchKeytrack, pitchVeltrack, bendUp, bendDown, bendStep, bendSmooth, cents);
    }

    public Tuning {
        if (pitchKeycenter < -127 || pitchKeycenter > 127)
            throw new IllegalArgumentException("pitch_keycenter " + pitchKeycenter + " is outside -127..127");
        if (bendStep < 1) throw new IllegalArgumentException("bend_step " + bendStep + " is below 1 cent");
        if (bendSmooth < 0) throw new IllegalArgumentException("bend_smooth " + bendSmooth + " is negative");
        if (pitchRandom < 0) throw new IllegalArgumentException("pitch_random " + pitchRandom + " is negative");
    }
}
