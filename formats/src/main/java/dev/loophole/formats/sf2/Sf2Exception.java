package dev.loophole.formats.sf2;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A problem that stops a SoundFont 2 bank from loading. The message reads
 * {@code file: where: expected …}, where {@code where} names the chunk and record index
 * (for example {@code pdta/pbag[12]}) so that a user or a bank editor can find the broken record.
 */
public final class Sf2Exception extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String where;

    public Sf2Exception(Path file, String where, String expected) {
        super(file + ": " + where + ": expected " + expected);
        this.file = file;
        this.where = where;
    }

    public Sf2Exception(Path file, String where, String expected, Throwable cause) {
        super(file + ": " + where + ": expected " + expected, cause);
        this.file = file;
        this.where = where;
    }

    /** The bank the problem is in. */
    public Path file() { return file; }

    /** The chunk and record the problem points at, e.g. {@code pdta/shdr[3]}. */
    public String where() { return where; }
}
