package dev.loophole.ipc;

/** What the server accepts: message size, batch length and messages per second per connection. */
public record Limits(@Range(min = 1, max = 1e9) int maxMessageBytes,
                     @Range(min = 1, max = 1e6) int maxBatch,
                     @Range(min = 1, max = 1e9) int messagesPerSecond) {
}
