package dev.loophole.model;

/** SFZ {@code loop_mode}: how a region's sample plays past note-off and at its end. */
public enum LoopMode {
    NO_LOOP("no_loop"),
    ONE_SHOT("one_shot"),
    LOOP_CONTINUOUS("loop_continuous"),
    LOOP_SUSTAIN("loop_sustain");

    private final String sfzName;

    LoopMode(String sfzName) { this.sfzName = sfzName; }

    public String sfzName() { return sfzName; }

    public boolean loops() { return this == LOOP_CONTINUOUS || this == LOOP_SUSTAIN; }

    public static LoopMode fromSfz(String s) {
        for (LoopMode m : values()) if (m.sfzName.equals(s)) return m;
        return null;
    }
}
