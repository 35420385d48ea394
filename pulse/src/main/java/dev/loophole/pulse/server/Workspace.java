package dev.loophole.pulse.server;

import dev.loophole.ipc.ProjectInfo;
import dev.loophole.ipc.RpcError;
import dev.loophole.model.Program;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.PulseEvent;
import dev.loophole.pulse.PulseListener;
import dev.loophole.pulse.command.Command;
import dev.loophole.pulse.command.CommandException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The open project as the server's services see it: the {@link Pulse} that owns it (replaced by
 * project.new/open), its file, and look-ups from wire ids to model things. Used on the Pulse thread only.
 */
public final class Workspace {
    private Pulse pulse;
    private Path file;
    private final PulseListener listener;
    private final Map<String, String> sources = new HashMap<>();
    private final java.util.List<java.util.function.Consumer<Pulse>> followers = new java.util.ArrayList<>();

    /** A program of the project and the Sampler node that holds it. */
    public record Located(String nodeId, Program program) {
    }

    public Workspace(Pulse pulse, Path file, PulseListener listener) {
        this.listener = listener;
        replace(pulse, file);
    }

    public Pulse pulse() {
        return pulse;
    }

    public Project project() {
        return pulse.project();
    }

    public Path file() {
        return file;
    }

    /** Puts another project in place of the open one (project.new/open). */
    public void replace(Pulse next, Path nextFile) {
        if (pulse != null) pulse.removeListener(listener);
        pulse = next;
        file = nextFile;
        sources.clear();
        pulse.addListener(listener);
        for (var f : followers) f.accept(pulse);
    }

    /** Calls {@code f} with the open project's Pulse now and whenever another project opens. */
    void follow(java.util.function.Consumer<Pulse> f) {
        followers.add(f);
        f.accept(pulse);
    }

    void saved(Path to, long revision) {
        file = to;
        pulse.markSaved(revision);
    }

    public ProjectInfo info() {
        return new ProjectInfo(project().name(), file == null ? null : file.toString(), pulse.revision(), pulse.isDirty());
    }

    /** Applies a command through Pulse; one that does not apply becomes a -32004 error, nothing changed. */
    public PulseEvent apply(Command c) {
        try {
            return pulse.apply(c);
        } catch (CommandException e) {
            throw RpcError.rejected(e.getMessage());
        }
    }

    /** The program of this id, or a -32001 error naming it. */
    public Located program(String programId) {
        Located found = find(project(), programId);
        if (found == null) throw RpcError.notFound("no program '" + programId + "' (programs: " + String.join(", ", programIds(project())) + ")");
        return found;
    }

    static Located find(Project p, String programId) {
        for (InstrumentNode n : p.instruments())
            if (n.program() != null && n.program().programId().equals(programId)) return new Located(n.nodeId(), n.program());
        return null;
    }

    static Set<String> programIds(Project p) {
        Set<String> ids = new java.util.LinkedHashSet<>();
        for (InstrumentNode n : p.instruments()) if (n.program() != null) ids.add(n.program().programId());
        return ids;
    }

    void source(String programId, String path) {
        sources.put(programId, path);
    }

    String source(String programId) {
        return sources.get(programId);
    }
}
