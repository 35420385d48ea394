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
 * @param velocityCurve SFZ {@code amp_velcurve_N} points, velocity → gain 0..1, linear between points
 *                    (velocity 0 is 0 and 127 is 1 unless given); empty for the standard curve
 * @param panLaw      how pan splits the voice between the sides
 */
public record Amp(double volume, double amplitude, double pan, double width, double position,
                  double ampVeltrack, int ampKeycenter, double ampKeytrack, double ampRandom, double rtDecay,
                  java.util.SortedMap<Integer, Double> velocityCurve, PanLaw panLaw) {
    public static final Amp DEFAULT = new Amp(0, 100, 0, 100, 0, 100, 60, 0, 0, 0);

    /** How {@code pan} splits a voice between the sides (SFZ {@code pan_law}). */
    public enum PanLaw {
        /** Constant power (sine/cosine), unity at the centre: a hard-panned mono voice is 3 dB louder on its side. */
        MMA,
        /** Balance: the far side fades linearly, the near side stays at unity. */
        BALANCE;

        public static PanLaw fromSfz(String s) { return "balance".equalsIgnoreCase(s) ? BALANCE : MMA; }
        public String sfzName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** Amp settings with the standard velocity curve and the MMA pan law. */
    public Amp(double volume, double amplitude, double pan, double width, double position,
               double ampVeltrack, int ampKeycenter, double ampKeytrack, double ampRandom, double rtDecay) {
        this(volume, amplitude, pan, width, position, ampVeltrack, ampKeycenter, ampKeytrack, ampRandom, rtDecay,
                java.util.Collections.emptySortedMap(), PanLaw.MMA);
    }

    /** The same settings with the SFZ {@code amp_velcurve_N} points (velocity → gain 0..1); empty for the standard curve. */
    public Amp withVelocityCurve(java.util.SortedMap<Integer, Double> points) {
        return new Amp(volume, amplitude, pan, width, position, ampVeltrack, ampKeycenter, ampKeytrack, ampRandom, rtDecay, points, panLaw);
    }

    public Amp withPanLaw(PanLaw law) {
        return new Amp(volume, amplitude, pan, width, position, ampVeltrack, ampKeycenter, ampKeytrack, ampRandom, rtDecay, velocityCurve, law);
    }

    public Amp {
        if (!Double.isFinite(volume)) throw new IllegalArgumentException("volume is not a number");
        if (pan < -100 || pan > 100) throw new IllegalArgumentException("pan " + pan + " is outside -100..100");
        velocityCurve = java.util.Collections.unmodifiableSortedMap(new java.util.TreeMap<>(velocityCurve == null ? java.util.Map.of() : velocityCurve));
        for (var e : velocityCurve.entrySet())
            if (e.getKey() < 0 || e.getKey() > 127 || !(e.getValue() >= 0 && e.getValue() <= 1))
                throw new IllegalArgumentException("amp_velcurve_" + e.getKey() + "=" + e.getValue() + " is not a velocity 0..127 with a gain 0..1");
        if (panLaw == null) panLaw = PanLaw.MMA;
    }
}
