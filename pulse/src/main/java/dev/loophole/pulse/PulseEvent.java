package dev.loophole.pulse;

import dev.loophole.pulse.command.Affected;
import dev.loophole.pulse.command.Command;

/**
 * One change to the project, emitted once per command applied — by a client ({@link Origin#DO}),
 * or by undo/redo replaying the history. {@code command} is what was applied (for an undo, the
 * inverse), so a listener can describe the change without diffing projects.
 *
 * @param revision the project's revision after the change (increases by one per event)
 */
public record PulseEvent(long revision, Origin origin, Command command, Affected affected) {
    public enum Origin { DO, UNDO, REDO }
}
