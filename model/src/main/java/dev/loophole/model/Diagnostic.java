package dev.loophole.model;

/** A warning or error about an instrument file, with the place it points at. */
public record Diagnostic(Severity severity, SourceLocation where, String message) {
    public enum Severity { WARNING, ERROR }

    public static Diagnostic warning(SourceLocation where, String message) {
        return new Diagnostic(Severity.WARNING, where, message);
    }

    @Override
    public String toString() {
        return where + ": " + severity.name().toLowerCase() + ": " + message;
    }
}
