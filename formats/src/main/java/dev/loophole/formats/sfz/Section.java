package dev.loophole.formats.sfz;

/** The SFZ headers: {@code <control>}, the four levels of inheritance, and the sections outside it. */
enum Section {
    CONTROL, GLOBAL, MASTER, GROUP, REGION, CURVE, EFFECT, MIDI, SAMPLE;

    final String sfzName = name().toLowerCase(java.util.Locale.ROOT);

    static Section of(String name) {
        for (Section s : values()) if (s.sfzName.equals(name)) return s;
        return null;
    }

    /** The levels whose opcodes reach regions. */
    boolean inherits() { return this == GLOBAL || this == MASTER || this == GROUP || this == REGION; }

    static String list() {
        StringBuilder b = new StringBuilder();
        for (Section s : values()) b.append(b.isEmpty() ? "" : " ").append('<').append(s.sfzName).append('>');
        return b.toString();
    }
}
