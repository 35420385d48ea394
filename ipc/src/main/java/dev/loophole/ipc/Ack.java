package dev.loophole.ipc;

/** The result of a request that only reports it was done, with the project revision it made. */
public record Ack(@Range(min = 0, max = Long.MAX_VALUE) long revision) {
}
