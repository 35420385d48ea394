package dev.loophole.pulse.command;

import dev.loophole.model.project.Project;

/** What applying a command gave: the new project, the exact inverse, and what changed. */
public record Applied(Project project, Command inverse, Affected affected) {}
