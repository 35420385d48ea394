package dev.loophole.pulse;

import dev.loophole.model.project.Project;
import dev.loophole.pulse.store.ProjectStore;
import java.io.IOException;
import java.nio.file.Path;

/** An open project: its {@link Pulse} (the truth and its history) and the file it saves to. */
public final class ProjectSession {
    private final Pulse pulse;
    private ProjectStore store;
    private final Object saving = new Object();

    private ProjectSession(Pulse pulse, ProjectStore store) {
        this.pulse = pulse;
        this.store = store;
    }

    /** Opens a saved project. */
    public static ProjectSession open(Path file) throws IOException {
        ProjectStore store = new ProjectStore(file);
        return new ProjectSession(new Pulse(store.read()), store);
    }

    /** A new session for {@code project}, to be saved to {@code file} (written at the first {@link #save}). */
    public static ProjectSession create(Project project, Path file) {
        Pulse pulse = new Pulse(project);
        pulse.markSaved(-1); // dirty until saved
        return new ProjectSession(pulse, new ProjectStore(file));
    }

    public Pulse pulse() { return pulse; }

    public Path file() { return store.file(); }

    /** Saves the project as it is now; editing may go on meanwhile (the save writes one consistent snapshot). */
    public void save() throws IOException {
        synchronized (saving) {
            Pulse.Snapshot s = pulse.snapshot();
            store.write(s.project());
            pulse.markSaved(s.revision());
        }
    }

    /** Saves to another file, which becomes this session's file. */
    public void saveAs(Path file) throws IOException {
        synchronized (saving) {
            store = new ProjectStore(file);
            save();
        }
    }
}
