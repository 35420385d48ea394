package dev.loophole.signal.driver;

/** A driver cannot play: no server, no output line, a refused connection. The message says which and why. */
public final class AudioUnavailableException extends RuntimeException {
    public AudioUnavailableException(String message) { super(message); }

    public AudioUnavailableException(String message, Throwable cause) { super(message, cause); }
}
