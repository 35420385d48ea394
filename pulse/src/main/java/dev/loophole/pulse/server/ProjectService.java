package dev.loophole.pulse.server;

import dev.loophole.ipc.ProjectNotification;
import dev.loophole.ipc.ProjectRequest;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.Pulse;
import java.util.function.Function;
import java.util.function.Supplier;

/** Whole projects: new, read entire (open, save and render are wired where their parts live). */
final class ProjectService {
    private final Supplier<Workspace> workspace;
    private final Dispatcher out;
    private final ChangeNotifier notifier;
    private final Function<Project, com.fasterxml.jackson.databind.JsonNode> json;

    ProjectService(Supplier<Workspace> workspace, Dispatcher out, ChangeNotifier notifier,
                   Function<Project, com.fasterxml.jackson.databind.JsonNode> json) {
        this.workspace = workspace;
        this.out = out;
        this.notifier = notifier;
        this.json = json;
    }

    void register(HandlerTable t) {
        t.on(ProjectRequest.New.class, (p, c) -> {
            Project fresh = Project.empty(p.name() == null ? "untitled" : p.name());
            workspace.get().replace(new Pulse(fresh), null);
            notifier.reset(fresh);
            out.broadcast(new ProjectNotification.Opened(workspace.get().info()));
            return workspace.get().info();
        });
        t.on(ProjectRequest.Get.class, (p, c) -> {
            Pulse.Snapshot s = workspace.get().pulse().snapshot();
            return new ProjectRequest.Snapshot(s.revision(), json.apply(s.project()));
        });
    }
}
