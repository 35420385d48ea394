package dev.loophole.formats.sfz;

import dev.loophole.model.SourceLocation;
import java.io.IOException;

/**
 * A problem that stops an SFZ file from loading. The message reads {@code file:line:column: expected …}
 * so that a user can jump straight to the place and see what would have been accepted there.
 */
public final class SfzException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient SourceLocation where;

    public SfzException(SourceLocation where, String expected) {
        super(where + ": " + expected);
        this.where = where;
    }

    /** The file, line and column the problem points at. */
    public SourceLocation where() { return where; }
}
