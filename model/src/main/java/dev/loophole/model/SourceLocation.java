package dev.loophole.model;

/** Where something came from in a source file: for messages a user can act on. Line and column are 1-based; 0 means unknown. */
public record SourceLocation(String file, int line, int column) {
    @Override
    public String toString() {
        if (line <= 0) return file;
        return column > 0 ? file + ":" + line + ":" + column : file + ":" + line;
    }
}
