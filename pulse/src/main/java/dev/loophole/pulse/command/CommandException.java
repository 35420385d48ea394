package dev.loophole.pulse.command;

/** A command that does not apply to the project as it is; nothing was changed. */
public final class CommandException extends RuntimeException {
    public CommandException(String message) { super(message); }

    public CommandException(String message, Throwable cause) { super(message, cause); }
}
