package dev.loophole.model.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A MIDI clip on a lane: notes with their per-note expression and controller automation, from
 * {@code start} for {@code length} ticks of the project's timeline. Note and curve ticks are
 * relative to the clip's start; notes reaching past the end are cut there when played.
 */
public record Clip(String clipId, String name, long start, long length, ClipTarget target, List<Note> notes,
                   List<AutomationCurve> automation) {
    public Clip {
        Ids.require(clipId, "clip id");
        if (name == null) name = "";
        if (start < 0) throw new IllegalArgumentException("clip " + clipId + ": start " + start + " is negative");
        if (length <= 0) throw new IllegalArgumentException("clip " + clipId + ": length " + length + " is not positive");
        if (target == null) target = ClipTarget.LANE;
        notes = List.copyOf(notes);
        automation = List.copyOf(automation);
        // Notes are the bulk of a project and every note edit rebuilds its clip: check ids without boxing strings.
        java.util.HashSet<Long> ids = new java.util.HashSet<>(notes.size() * 2);
        for (Note n : notes)
            if (!ids.add(n.noteId())) throw new IllegalArgumentException("duplicate note id in clip " + clipId + ": '" + n.noteId() + "'");
        Ids.unique(automation, a -> a.target().key(), "automation target in clip " + clipId + ":");
    }

    public long end() { return start + length; }

    public Optional<Note> note(long noteId) {
        for (Note n : notes) if (n.noteId() == noteId) return Optional.of(n);
        return Optional.empty();
    }

    public int noteIndex(long noteId) {
        for (int i = 0; i < notes.size(); i++) if (notes.get(i).noteId() == noteId) return i;
        return -1;
    }

    /** One more than the largest note id, for a new note. */
    public long nextNoteId() {
        long max = 0;
        for (Note n : notes) max = Math.max(max, n.noteId());
        return max + 1;
    }

    public Clip withNotes(List<Note> newNotes) { return new Clip(clipId, name, start, length, target, newNotes, automation); }

    public Clip withAutomation(List<AutomationCurve> curves) { return new Clip(clipId, name, start, length, target, notes, curves); }

    public Clip withNote(int index, Note note) { return withNotes(Lists.insert(notes, index, note)); }

    public Clip replacingNote(Note note) {
        List<Note> l = new ArrayList<>(notes);
        int i = noteIndex(note.noteId());
        if (i < 0) throw new IllegalArgumentException("clip " + clipId + " has no note " + note.noteId());
        l.set(i, note);
        return withNotes(l);
    }
}
