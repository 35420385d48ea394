package dev.loophole.model;

/** SFZ {@code xf_keycurve/xf_velcurve/xf_cccurve}: the shape of a crossfade. */
public enum CrossfadeCurve {
    /** Level follows the position linearly. */
    GAIN("gain"),
    /** Equal power: the square roots of the linear gains, so two crossfading layers keep constant loudness. */
    POWER("power");

    private final String sfzName;

    CrossfadeCurve(String sfzName) { this.sfzName = sfzName; }

    public String sfzName() { return sfzName; }

    public static CrossfadeCurve fromSfz(String s) {
        for (CrossfadeCurve c : values()) if (c.sfzName.equals(s)) return c;
        return null;
    }
}
