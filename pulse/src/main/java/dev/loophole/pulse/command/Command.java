package dev.loophole.pulse.command;

import dev.loophole.model.project.Project;

/**
 * One change to a project. {@link #apply} is pure: it returns the new project, the command that
 * undoes it exactly, and what it touched — or throws {@link CommandException} and changes nothing.
 * Pulse is the only caller that makes a result the truth.
 */
public sealed interface Command permits ProjectCommand, TrackCommand, LaneCommand, NodeCommand, ClipCommand,
        NoteCommand, SamplerCommand, PadCommand, Batch {
    Applied apply(Project project);

    /** A short label for the history and logs ("add note", "set parameter"). */
    String label();
}
