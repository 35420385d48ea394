package dev.loophole.model;

/**
 * Level and placement of a region.
 *
 * @param volume      dB
 * @param amplitude   percent of full level (SFZ {@code amplitude}, 0..100)
 * @param pan         -100 (left) .. 100 (right)
 * @param width       stereo width percent, -100..100
 * @param position    stereo position percent, -100..100
 * @param ampVeltrack percent: 100 means velocity fully scales level, 0 means velocity is ignored
 * @param ampKeycenter key at which {@code ampKeytrack} is zero
 * @param ampKeytrack dB per key
 * @param ampRandom   dB of random level variation (upward, per voice)
 * @param rtDecay     dB per second of release-trigger attenuation
 */
public record Amp(double volume, double amplitude, double pan, double width, double position,
                  double ampVeltrack, int ampKeycenter, double ampKeytrack, double ampRandom, double rtDecay) {
    public static final Amp DEFAULT = new Amp(0, 100, 0, 100, 0, 100, 60, 0, 0, 0);

    public Amp {
        if (!Double.isFinite(volume)) throw new IllegalArgumentException("volume is not a number");
        if (pan < -100 || pan > 100) throw new IllegalArgumentException("pan " + pan + " is outside -100..100");
    }
}
