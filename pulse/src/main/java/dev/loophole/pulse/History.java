package dev.loophole.pulse;

import dev.loophole.pulse.command.Command;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Undo and redo stacks of steps; a step is one command or a group of them (one drag, one paste).
 * Not thread-safe on its own: {@link Pulse} calls it under its lock.
 */
final class History {
    /** One undo step: the commands as applied and their inverses, in application order. */
    record Step(String label, List<Command> commands, List<Command> inverses) {}

    private final Deque<Step> undo = new ArrayDeque<>();
    private final Deque<Step> redo = new ArrayDeque<>();
    private final int limit;
    private int groupDepth;
    private String groupLabel;
    private List<Command> groupCommands;
    private List<Command> groupInverses;

    History(int limit) { this.limit = limit; }

    void record(Command command, Command inverse) {
        redo.clear();
        if (groupDepth > 0) {
            groupCommands.add(command);
            groupInverses.add(inverse);
            return;
        }
        push(new Step(command.label(), List.of(command), List.of(inverse)));
    }

    private void push(Step step) {
        undo.push(step);
        while (undo.size() > limit) undo.removeLast();
    }

    void begin(String label) {
        if (groupDepth++ == 0) {
            groupLabel = label;
            groupCommands = new ArrayList<>();
            groupInverses = new ArrayList<>();
        }
    }

    /** Closes a group; the outermost close makes its commands one step (none if it applied nothing). */
    void end() {
        if (groupDepth == 0) throw new IllegalStateException("endGroup without beginGroup");
        if (--groupDepth > 0) return;
        if (!groupCommands.isEmpty()) push(new Step(groupLabel, List.copyOf(groupCommands), List.copyOf(groupInverses)));
        groupCommands = null;
        groupInverses = null;
    }

    boolean inGroup() { return groupDepth > 0; }

    Step popUndo() {
        Step s = undo.poll();
        if (s != null) redo.push(s);
        return s;
    }

    Step popRedo() {
        Step s = redo.poll();
        if (s != null) undo.push(s);
        return s;
    }

    /** A step whose replay failed goes back where it was. */
    void unpopUndo() { undo.push(redo.pop()); }

    void unpopRedo() { redo.push(undo.pop()); }

    String undoLabel() { return undo.isEmpty() ? null : undo.peek().label(); }

    String redoLabel() { return redo.isEmpty() ? null : redo.peek().label(); }

    int undoSize() { return undo.size(); }

    int redoSize() { return redo.size(); }

    void clear() {
        undo.clear();
        redo.clear();
    }
}
