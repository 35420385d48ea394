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

    /** {@code #define $NAME value}. */
    record Define(String name, String value, SourceLocation at) implements Token {}

    /** {@code #include "path"}. */
    record Include(String path, SourceLocation at) implements Token {}
}
