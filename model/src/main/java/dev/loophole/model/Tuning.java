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
 */
public record Tuning(int pitchKeycenter, int transpose, double tune, double pitchKeytrack,
                     double pitchVeltrack, int bendUp, int bendDown) {
    public static final Tuning DEFAULT = new Tuning(60, 0, 0, 100, 0, 200, -200);

    public Tuning {
        if (pitchKeycenter < -127 || pitchKeycenter > 127)
            throw new IllegalArgumentException("pitch_keycenter " + pitchKeycenter + " is outside -127..127");
    }
}
