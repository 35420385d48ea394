package dev.loophole.pulse.command;

import dev.loophole.model.project.Project;
import java.util.ArrayList;
import java.util.List;

/** Several commands applied together, all or none: one event, one inverse. */
public record Batch(String label, List<Command> commands) implements Command {
    public Batch {
        commands = List.copyOf(commands);
        if (label == null) label = "edit";
    }

    public Applied apply(Project p) {
        List<Command> inverses = new ArrayList<>();
        Affected affected = new Affected(java.util.Set.of(), java.util.Set.of(), java.util.Set.of(), java.util.Set.of());
        for (Command c : commands) {
            Applied a = c.apply(p);
            p = a.project();
            inverses.addFirst(a.inverse());
            affected = affected.and(a.affected());
        }
        return new Applied(p, new Batch(label, inverses), affected);
    }
}
