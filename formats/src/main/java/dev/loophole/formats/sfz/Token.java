package dev.loophole.formats.sfz;

import dev.loophole.model.SourceLocation;

/** What the lexer finds in SFZ text; every token knows where it starts so messages can point at it. */
sealed interface Token {
    SourceLocation at();

    /** {@code <name>}. */
    record Header(Section section, SourceLocation at) implements Token {}

    /** {@code name=value}; {@code valueAt} is where the value starts, for messages about the value. */
    record Opcode(String name, String value, SourceLocation at, SourceLocation valueAt) implements Token {
        Opcode withText(String newName, String newValue) { return new Opcode(newName, newValue, at, valueAt); }

        @Override public String toString() { return name + "=" + value; }
    }

    /**
     * The {@code data=} of a {@code <sample>} section: encoded bytes up to the {@code $} end marker,
     * as characters of the file's {@code charset}, so that the bytes can be recovered exactly.
     */
    record SampleData(String encoded, java.nio.charset.Charset charset, SourceLocation at) implements Token {
        byte[] bytes() { return encoded.getBytes(charset); }
    }

    /** {@code #define $NAME value}. */
    record Define(String name, String value, SourceLocation at) implements Token {}

    /** {@code #include "path"}. */
    record Include(String path, SourceLocation at) implements Token {}
}
