package dev.loophole.model;

/** SFZ {@code off_mode}: how a voice stops when its choke group is triggered. */
public enum OffMode {
    FAST("fast"), NORMAL("normal"), TIME("time");

    private final String sfzName;

    OffMode(String sfzName) { this.sfzName = sfzName; }

    public String sfzName() { return sfzName; }

    public static OffMode fromSfz(String s) {
        for (OffMode m : values()) if (m.sfzName.equals(s)) return m;
        return null;
    }
}
