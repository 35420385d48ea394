package dev.loophole.formats.sf2;

/**
 * Choices an importer of SoundFont 2 has to make where the spec and the players that voiced real banks differ.
 *
 * @param attenuationScale  dB per centibel of {@code initialAttenuation} divided by 0.1: 0.4 (default) as EMU
 *                          hardware and FluidSynth play it, 1.0 for the spec's letter
 * @param velocityToFilter  apply the default velocity→filter cutoff modulator as SoundFont 2.04 states it (linear,
 *                          −2400 cents at velocity 0, none at 127). Players differ here: 2.01 gave it a switch as amount
 *                          source (FluidSynth keeps that: no effect below velocity 64), MuseScore turns it off
 *                          (FluidSynth issue #11, MuseScore PR #3454); false turns it off
 * @param maxRegions        refuse banks whose preset×instrument zones would produce more regions than this
 */
public record Sf2Options(double attenuationScale, boolean velocityToFilter, int maxRegions) {
    public static final Sf2Options DEFAULT = new Sf2Options(Sf2Units.EMU_ATTENUATION_SCALE, true, 200_000);

    public Sf2Options {
        if (!(attenuationScale > 0 && attenuationScale <= 1))
            throw new IllegalArgumentException("attenuation scale " + attenuationScale + " is outside (0, 1]");
        if (maxRegions < 1) throw new IllegalArgumentException("max regions " + maxRegions + " is below 1");
    }
}
