package dev.loophole.ipc;

/** A point of an automation or expression curve: a time in beats and a value. */
public record Point(@Range(min = 0, max = 1e7) double beat, @Range(min = -1e6, max = 1e6) double value) {
}
