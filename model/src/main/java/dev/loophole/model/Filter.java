package dev.loophole.model;

/**
 * One filter of a region (SFZ {@code fil_type}/{@code cutoff}/{@code resonance}…).
 *
 * @param type      SFZ filter type name, e.g. {@code lpf_2p}
 * @param cutoff    Hz
 * @param resonance dB
 * @param keytrack  cents per key
 * @param keycenter key at which keytrack is zero
 * @param veltrack  cents at velocity 127
 * @param gain      dB, for peaking and shelving types
 */
public record Filter(String type, double cutoff, double resonance, double keytrack, int keycenter, double veltrack, double gain) {
    public Filter {
        if (type == null || type.isBlank()) throw new IllegalArgumentException("filter type is empty");
        if (!(cutoff > 0)) throw new IllegalArgumentException("cutoff " + cutoff + " is not above 0 Hz");
    }
}
