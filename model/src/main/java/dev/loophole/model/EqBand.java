package dev.loophole.model;

/**
 * One band of a region's equaliser (SFZ {@code eqN_*}): a peaking filter unless {@code type} says
 * {@code lshelf}/{@code hshelf}.
 *
 * @param index     N of {@code eqN}, 1 or more
 * @param freq      centre frequency, Hz
 * @param bandwidth octaves
 * @param gain      dB
 * @param vel2freq  Hz added at velocity 127
 * @param vel2gain  dB added at velocity 127
 * @param type      {@code peak}, {@code lshelf} or {@code hshelf}
 */
public record EqBand(int index, double freq, double bandwidth, double gain, double vel2freq, double vel2gain, String type) {
    public EqBand {
        if (index < 1) throw new IllegalArgumentException("eq index " + index + " is below 1");
        if (!(freq >= 0)) throw new IllegalArgumentException("eq" + index + "_freq " + freq + " is not a frequency");
        if (!(bandwidth > 0)) throw new IllegalArgumentException("eq" + index + "_bw " + bandwidth + " is not above 0");
        if (type == null || type.isBlank()) type = "peak";
    }

    /** SFZ's default centre frequency of band N: 50, 500 and 5,000 Hz for bands 1–3. */
    public static double defaultFreq(int index) {
        return switch (index) { case 1 -> 50; case 2 -> 500; default -> 5000; };
    }

    /** Band N at its SFZ defaults (flat). */
    public static EqBand flat(int index) { return new EqBand(index, defaultFreq(index), 1, 0, 0, 0, "peak"); }
}
