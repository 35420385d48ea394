package dev.loophole.pulse.command;

import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ExpressionCurve;
import dev.loophole.model.project.Lists;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import java.util.ArrayList;
import java.util.List;

/** Notes of a clip and their per-note expression curves. */
public sealed interface NoteCommand extends Command {
    /** Adds a note at {@code index} of the clip's note list (-1: last). */
    record AddNote(String clipId, int index, Note note) implements NoteCommand {
        public Applied apply(Project p) {
            var ref = Find.clip(p, clipId);
            int i = Find.index(index, ref.clip().notes().size());
            return done(p, ref, ref.clip().withNote(i, note), new RemoveNote(clipId, note.noteId()));
        }

        public String label() { return "add note"; }
    }

    record RemoveNote(String clipId, long noteId) implements NoteCommand {
        public Applied apply(Project p) {
            var ref = Find.clip(p, clipId);
            Clip c = ref.clip();
            int i = indexOf(c, noteId);
            return done(p, ref, c.withNotes(Lists.removeAt(c.notes(), i)), new AddNote(clipId, i, c.notes().get(i)));
        }

        public String label() { return "remove note"; }
    }

    /** Puts {@code note} in place of the clip's note with its id: move, resize, transpose, velocity, expression. */
    record UpdateNote(String clipId, Note note) implements NoteCommand {
        public Applied apply(Project p) {
            var ref = Find.clip(p, clipId);
            Clip c = ref.clip();
            Note old = c.notes().get(indexOf(c, note.noteId()));
            return done(p, ref, c.replacingNote(note), new UpdateNote(clipId, old));
        }

        public String label() { return "edit note"; }
    }

    /** Replaces every note of a clip (quantise, paste, bulk edits). */
    record SetNotes(String clipId, List<Note> notes) implements NoteCommand {
        public SetNotes { notes = List.copyOf(notes); }

        public Applied apply(Project p) {
            var ref = Find.clip(p, clipId);
            return done(p, ref, ref.clip().withNotes(notes), new SetNotes(clipId, ref.clip().notes()));
        }

        public String label() { return "edit notes"; }
    }

    /** Adds a per-note expression curve, or replaces the note's curve of the same dimension (and controller). */
    record SetExpressionCurve(String clipId, long noteId, ExpressionCurve curve) implements NoteCommand {
        public Applied apply(Project p) {
            var ref = Find.clip(p, clipId);
            Clip c = ref.clip();
            Note old = c.notes().get(indexOf(c, noteId));
            List<ExpressionCurve> curves = new ArrayList<>(old.expression());
            int i = Lists.indexOf(curves, ExpressionCurve::key, curve.key());
            if (i < 0) curves.add(curve); else curves.set(i, curve);
            return done(p, ref, c.replacingNote(old.withExpression(curves)), new UpdateNote(clipId, old));
        }

        public String label() { return "draw expression"; }
    }

    /** Removes a note's curve; {@code controller} is the per-note controller number, -1 for other dimensions. */
    record RemoveExpressionCurve(String clipId, long noteId, ExpressionDimension dimension, int controller) implements NoteCommand {
        public Applied apply(Project p) {
            var ref = Find.clip(p, clipId);
            Clip c = ref.clip();
            Note old = c.notes().get(indexOf(c, noteId));
            String key = new ExpressionCurve(dimension, controller, List.of()).key();
            List<ExpressionCurve> curves = new ArrayList<>(old.expression());
            int i = Lists.indexOf(curves, ExpressionCurve::key, key);
            if (i < 0) throw new CommandException("note " + noteId + " of clip '" + clipId + "' has no " + key + " curve");
            curves.remove(i);
            return done(p, ref, c.replacingNote(old.withExpression(curves)), new UpdateNote(clipId, old));
        }

        public String label() { return "remove expression"; }
    }

    private static int indexOf(Clip c, long noteId) {
        int i = c.noteIndex(noteId);
        if (i < 0) throw new CommandException("clip '" + c.clipId() + "' has no note " + noteId);
        return i;
    }

    private static Applied done(Project p, Project.ClipRef ref, Clip next, Command inverse) {
        return new Applied(Find.put(p, ref, next), inverse, Affected.clip(ref.track().trackId(), next.clipId()));
    }
}
