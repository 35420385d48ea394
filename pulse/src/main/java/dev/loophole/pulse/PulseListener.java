package dev.loophole.pulse;

/**
 * Hears every change, in order, on the thread that made it while Pulse still holds its lock: keep
 * it short (queue work elsewhere). It may read {@link Pulse#project()} but must not apply commands.
 */
@FunctionalInterface
public interface PulseListener {
    void changed(PulseEvent event);
}
