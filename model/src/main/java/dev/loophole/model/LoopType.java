package dev.loophole.model;

/** SFZ {@code loop_type}: the direction of travel inside a loop. */
public enum LoopType {
    FORWARD("forward"), BACKWARD("backward"), ALTERNATE("alternate");

    private final String sfzName;

    LoopType(String sfzName) { this.sfzName = sfzName; }

    public String sfzName() { return sfzName; }

    public static LoopType fromSfz(String s) {
        for (LoopType t : values()) if (t.sfzName.equals(s)) return t;
        return null;
    }
}
