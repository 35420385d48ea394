package dev.loophole.cli;

import dev.loophole.model.project.Project;
import dev.loophole.pulse.store.ProjectFormatException;
import dev.loophole.pulse.store.ProjectJson;
import dev.loophole.pulse.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Project files for the commands: reading and writing with errors a user can act on. */
final class ProjectFiles {
    private ProjectFiles() {}

    static Project load(Path file) throws IOException {
        try {
            return ProjectStore.load(file);
        } catch (ProjectFormatException e) {
            throw new Errors.UserError(e.getMessage(), e);
        }
    }

    static Project loadJson(Path file) throws IOException {
        InputFiles.require(file, "a project as JSON (.json)");
        try {
            return ProjectJson.read(file);
        } catch (ProjectFormatException e) {
            throw new Errors.UserError(e.getMessage(), e);
        }
    }

    /** Fails before any work when {@code out} exists (without {@code force}) or cannot be written. */
    static void requireNew(Path out, boolean force) {
        if (Files.exists(out) && !force) throw new Errors.UserError(out + ": already exists (use --force to replace it)");
        Path dir = out.toAbsolutePath().getParent();
        if (Files.isDirectory(out)) throw new Errors.UserError(out + ": is a folder, expected a file path");
        if (dir == null || !Files.isDirectory(dir)) throw new Errors.UserError(out + ": cannot write, folder " + dir + " does not exist");
        if (!Files.isWritable(dir)) throw new Errors.UserError(out + ": cannot write, folder " + dir + " is not writable");
    }

    static void save(Project p, Path out, boolean force) throws IOException {
        requireNew(out, force);
        ProjectStore.save(p, out);
    }
}
