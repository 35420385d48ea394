package dev.loophole.pulse;

import dev.loophole.model.project.Project;
import dev.loophole.pulse.command.Affected;

/**
 * Told after each change what it touched, with the project as it now is, so the graph compiler can
 * rebuild just that track's graph or node's patch (or only send a parameter value).
 */
@FunctionalInterface
public interface RecompileListener {
    void recompile(Project project, Affected affected);
}
