package dev.loophole.ipc;

/** A name for one key: a drum pad, a note name or a key switch. */
public record KeyName(@Range(min = 0, max = 127) int key, @Size(max = 256) String name) {
}
