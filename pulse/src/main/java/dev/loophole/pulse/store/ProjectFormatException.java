package dev.loophole.pulse.store;

/** A project file or JSON document that cannot be read; the message names the file (and line) and what was expected. */
public final class ProjectFormatException extends RuntimeException {
    public ProjectFormatException(String message) { super(message); }

    public ProjectFormatException(String message, Throwable cause) { super(message, cause); }
}
