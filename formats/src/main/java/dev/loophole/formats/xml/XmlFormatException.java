package dev.loophole.formats.xml;

import dev.loophole.model.SourceLocation;
import java.io.IOException;

/** A problem that stops an XML instrument file (Hydrogen, DrumGizmo, Decent Sampler) from loading: {@code file:line: expected …}. */
public final class XmlFormatException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient SourceLocation where;

    public XmlFormatException(SourceLocation where, String expected) {
        super(where + ": " + expected);
        this.where = where;
    }

    public SourceLocation where() { return where; }
}
