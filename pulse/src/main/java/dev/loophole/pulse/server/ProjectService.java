package dev.loophole.pulse.server;

import dev.loophole.ipc.ProjectNotification;
import dev.loophole.ipc.ProjectRequest;
import dev.loophole.ipc.RpcError;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.store.ProjectFormatException;
import dev.loophole.pulse.store.ProjectJson;
import dev.loophole.pulse.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * Whole projects: new, open, save, read entire. Files are Pulse's project files ({@link ProjectStore}, one SQLite file);
 * the server never saves unasked.
 */
final class ProjectService {
    private final Supplier<Workspace> workspace;
    private final Dispatcher out;
    private final ChangeNotifier notifier;

    ProjectService(Supplier<Workspace> workspace, Dispatcher out, ChangeNotifier notifier) {
        this.workspace = workspace;
        this.out = out;
        this.notifier = notifier;
    }

    void register(HandlerTable t) {
        t.on(ProjectRequest.New.class, (p, c) -> replace(Project.empty(p.name() == null ? "untitled" : p.name()), null));
        t.on(ProjectRequest.Open.class, (p, c) -> {
            Path file = Path.of(p.path()).toAbsolutePath();
            if (!Files.isRegularFile(file)) throw RpcError.rejected(file + ": no such file");
            try {
                return replace(ProjectStore.load(file), file);
            } catch (IOException | ProjectFormatException e) {
                throw RpcError.rejected(e.getMessage());
            }
        });
        t.on(ProjectRequest.Save.class, (p, c) -> {
            Workspace w = workspace.get();
            Path file = p.path() != null ? Path.of(p.path()).toAbsolutePath() : w.file();
            if (file == null) throw RpcError.rejected("the project has no file yet: give a path");
            Pulse.Snapshot s = w.pulse().snapshot();
            try {
                ProjectStore.save(s.project(), file);
            } catch (IOException e) {
                throw RpcError.rejected(file + ": cannot write: " + e.getMessage());
            }
            w.saved(file, s.revision());
            return w.info();
        });
        t.on(ProjectRequest.Get.class, (p, c) -> {
            Pulse.Snapshot s = workspace.get().pulse().snapshot();
            return new ProjectRequest.Snapshot(s.revision(), ProjectJson.mapper().valueToTree(s.project()));
        });
    }

    private dev.loophole.ipc.ProjectInfo replace(Project project, Path file) {
        workspace.get().replace(new Pulse(project), file);
        notifier.reset(project);
        out.broadcast(new ProjectNotification.Opened(workspace.get().info()));
        return workspace.get().info();
    }
}
