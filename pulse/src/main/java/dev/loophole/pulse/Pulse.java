package dev.loophole.pulse;

import dev.loophole.model.project.Project;
import dev.loophole.pulse.command.Applied;
import dev.loophole.pulse.command.Command;
import dev.loophole.pulse.command.CommandException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Owns one project and is the only way to change it. Applying a command (1) makes the new immutable
 * project, (2) records the inverse on the history, (3) emits one {@link PulseEvent}, (4) marks the
 * project dirty for the next save, and (5) tells the {@link RecompileListener}s what changed.
 * Thread-safe: one lock serialises writers; {@link #project()} reads without it.
 */
public final class Pulse {
    public static final int DEFAULT_HISTORY_LIMIT = 10_000;

    /** A consistent view for saving: the project at a revision. */
    public record Snapshot(Project project, long revision) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final History history;
    private final List<PulseListener> listeners = new CopyOnWriteArrayList<>();
    private final List<RecompileListener> recompilers = new CopyOnWriteArrayList<>();
    private volatile Project project;
    private volatile long revision;
    private volatile long savedRevision;

    public Pulse(Project project) { this(project, DEFAULT_HISTORY_LIMIT); }

    public Pulse(Project project, int historyLimit) {
        if (project == null) throw new IllegalArgumentException("no project");
        this.project = project;
        this.history = new History(historyLimit);
    }

    /** The project as it is now (immutable; a later change makes a new one). */
    public Project project() { return project; }

    /** Increases by one with every change (every event). */
    public long revision() { return revision; }

    /**
     * Applies {@code command} and records it for undo. Throws {@link CommandException} (naming the
     * command and the problem) when it does not apply; then nothing changed and nothing was emitted.
     */
    public PulseEvent apply(Command command) {
        lock.lock();
        try {
            Applied a = run(command);
            history.record(command, a.inverse());
            return commit(a, command, PulseEvent.Origin.DO);
        } finally {
            lock.unlock();
        }
    }

    /** Undoes the last step (a command or a group); false when there is none. */
    public boolean undo() {
        return replay(true);
    }

    /** Redoes the last undone step; false when there is none. */
    public boolean redo() {
        return replay(false);
    }

    private boolean replay(boolean undo) {
        lock.lock();
        try {
            if (history.inGroup()) throw new CommandException("cannot " + (undo ? "undo" : "redo") + " while a group is open");
            History.Step step = undo ? history.popUndo() : history.popRedo();
            if (step == null) return false;
            List<Command> commands = undo ? step.inverses().reversed() : step.commands();
            // Run the whole step first, so a step that fails leaves the project and the history as they were.
            List<Applied> results = new ArrayList<>();
            Project p = project;
            try {
                for (Command c : commands) {
                    Applied a = runOn(p, c);
                    results.add(a);
                    p = a.project();
                }
            } catch (CommandException e) {
                if (undo) history.unpopUndo(); else history.unpopRedo();
                throw e;
            }
            for (int i = 0; i < commands.size(); i++)
                commit(results.get(i), commands.get(i), undo ? PulseEvent.Origin.UNDO : PulseEvent.Origin.REDO);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Opens a group: every command until the matching {@link #endGroup} is one undo step. Groups nest. */
    public void beginGroup(String label) {
        lock.lock();
        try {
            history.begin(label);
        } finally {
            lock.unlock();
        }
    }

    public void endGroup() {
        lock.lock();
        try {
            history.end();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} as one undo step; the group closes even if it throws. */
    public <T> T group(String label, Supplier<T> work) {
        beginGroup(label);
        try {
            return work.get();
        } finally {
            endGroup();
        }
    }

    public boolean canUndo() { return locked(() -> history.undoSize() > 0); }

    public boolean canRedo() { return locked(() -> history.redoSize() > 0); }

    /** The label of the step {@link #undo} would undo, or null. */
    public String undoLabel() { return locked(history::undoLabel); }

    public String redoLabel() { return locked(history::redoLabel); }

    /** Whether the project changed since it was last saved (or loaded). */
    public boolean isDirty() { return revision != savedRevision; }

    /** The project and its revision, read together, for a save. */
    public Snapshot snapshot() { return locked(() -> new Snapshot(project, revision)); }

    /** Records that {@code revision} is on disk: the project is clean until the next change. */
    public void markSaved(long savedAt) { locked(() -> savedRevision = savedAt); }

    public void addListener(PulseListener l) { listeners.add(l); }

    public void removeListener(PulseListener l) { listeners.remove(l); }

    public void addRecompileListener(RecompileListener l) { recompilers.add(l); }

    public void removeRecompileListener(RecompileListener l) { recompilers.remove(l); }

    private Applied run(Command command) { return runOn(project, command); }

    private static Applied runOn(Project p, Command command) {
        try {
            return command.apply(p);
        } catch (CommandException e) {
            throw new CommandException(command.label() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException | IndexOutOfBoundsException | NullPointerException e) {
            // The model's validation: the command would make an invalid project.
            throw new CommandException(command.label() + ": " + e.getMessage(), e);
        }
    }

    private PulseEvent commit(Applied a, Command applied, PulseEvent.Origin origin) {
        project = a.project();
        revision++;
        PulseEvent event = new PulseEvent(revision, origin, applied, a.affected());
        for (PulseListener l : listeners) l.changed(event);
        for (RecompileListener r : recompilers) r.recompile(project, a.affected());
        return event;
    }

    private <T> T locked(Supplier<T> s) {
        lock.lock();
        try {
            return s.get();
        } finally {
            lock.unlock();
        }
    }
}
