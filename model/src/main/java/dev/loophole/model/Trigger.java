package dev.loophole.model;

/** SFZ {@code trigger}: which event starts a region's voice. */
public enum Trigger {
    ATTACK("attack"), RELEASE("release"), FIRST("first"), LEGATO("legato"), RELEASE_KEY("release_key");

    private final String sfzName;

    Trigger(String sfzName) { this.sfzName = sfzName; }

    public String sfzName() { return sfzName; }

    public static Trigger fromSfz(String s) {
        for (Trigger t : values()) if (t.sfzName.equals(s)) return t;
        return null;
    }
}
