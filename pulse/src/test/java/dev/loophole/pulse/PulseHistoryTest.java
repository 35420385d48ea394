package dev.loophole.pulse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.model.project.Clip;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.command.Affected;
import dev.loophole.pulse.command.Command;
import dev.loophole.pulse.command.CommandException;
import dev.loophole.pulse.command.NodeCommand;
import dev.loophole.pulse.command.NoteCommand;
import dev.loophole.pulse.testing.Fixtures;
import dev.loophole.pulse.testing.RandomEdits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PulseHistoryTest {
    @TempDir static Path dir;
    static Fixtures.Programs programs;
    static Project original;

    @BeforeAll
    static void load() throws Exception {
        programs = Fixtures.programs(dir);
        original = Fixtures.rich(programs);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void thousandRandomEditsUndoToTheOriginalAndRedoToTheEdited(long seed) {
        Pulse pulse = new Pulse(original);
        List<PulseEvent> events = new ArrayList<>();
        pulse.addListener(events::add);
        RandomEdits edits = new RandomEdits(seed, List.of(programs.keys(), programs.drums(), programs.modulated()));
        Map<String, Integer> kinds = new HashMap<>();
        int applied = 0, refused = 0;
        while (applied < 1000) {
            Command c = edits.next(pulse.project());
            if (c == null) continue;
            Project before = pulse.project();
            try {
                pulse.apply(c);
                applied++;
                kinds.merge(c.getClass().getSimpleName(), 1, Integer::sum);
            } catch (CommandException e) {
                refused++;
                assertThat(pulse.project()).as("a refused command changes nothing").isSameAs(before);
            }
        }
        Project edited = pulse.project();
        assertThat(edited).isNotEqualTo(original);
        assertThat(events).hasSize(1000);
        assertThat(events.getLast().revision()).isEqualTo(1000);
        // Every kind of command took part.
        assertThat(kinds.keySet()).hasSizeGreaterThanOrEqualTo(40);

        int undone = 0;
        while (pulse.undo()) undone++;
        assertThat(undone).isEqualTo(1000);
        assertThat(pulse.project()).isEqualTo(original);
        int redone = 0;
        while (pulse.redo()) redone++;
        assertThat(redone).isEqualTo(1000);
        assertThat(pulse.project()).isEqualTo(edited);
        assertThat(events).hasSize(3000);
        System.out.printf("seed %d: %d applied, %d refused, %d kinds%n", seed, applied, refused, kinds.size());
    }

    @Test
    void aGroupIsOneUndoStepAndEachCommandOneEvent() {
        Pulse pulse = new Pulse(original);
        List<PulseEvent> events = new ArrayList<>();
        pulse.addListener(events::add);
        Clip verse = original.clip("clip-verse").orElseThrow().clip();
        // One drag moves three notes: three commands, one step.
        pulse.group("drag notes", () -> {
            for (int i = 0; i < 3; i++) {
                Note n = verse.notes().get(i);
                pulse.apply(new NoteCommand.UpdateNote("clip-verse", new Note(n.noteId(), n.key() + 2, n.velocity(), n.start() + 120, n.length(), n.releaseVelocity(), n.expression())));
            }
            return null;
        });
        pulse.apply(new NodeCommand.SetParameter("keys-eq", "band1_gain", 3.0));
        assertThat(events).hasSize(4);
        assertThat(events).extracting(PulseEvent::origin).containsOnly(PulseEvent.Origin.DO);
        Project afterDrag = null;
        assertThat(pulse.undoLabel()).isEqualTo("set parameter");
        pulse.undo();
        afterDrag = pulse.project();
        assertThat(afterDrag.track("track-keys").orElseThrow().graph().effect("keys-eq").orElseThrow().values()).doesNotContainKey("band1_gain");
        assertThat(pulse.undoLabel()).isEqualTo("drag notes");
        pulse.undo();
        assertThat(pulse.project()).isEqualTo(original);
        assertThat(events).hasSize(4 + 1 + 3);
        assertThat(events.subList(5, 8)).extracting(PulseEvent::origin).containsOnly(PulseEvent.Origin.UNDO);
        // The undo replays inverses last-first: the third note comes back first.
        assertThat(((NoteCommand.UpdateNote) events.get(5).command()).note()).isEqualTo(verse.notes().get(2));
        assertThat(pulse.canUndo()).isFalse();
        pulse.redo();
        assertThat(pulse.project()).isEqualTo(afterDrag);
        assertThat(pulse.project().clip("clip-verse").orElseThrow().clip().notes().getFirst().start()).isEqualTo(verse.notes().getFirst().start() + 120);
    }

    @Test
    void refusedCommandsChangeNothingAndEmitNothing() {
        Pulse pulse = new Pulse(original);
        List<PulseEvent> events = new ArrayList<>();
        pulse.addListener(events::add);
        assertThatThrownBy(() -> pulse.apply(new NodeCommand.SetParameter("keys-eq", "band1_gain", 99.0)))
                .isInstanceOf(CommandException.class).hasMessageContaining("band1_gain").hasMessageContaining("outside -24.0..24.0");
        assertThatThrownBy(() -> pulse.apply(new NodeCommand.SetParameter("nope", "gain", 1.0))).hasMessageContaining("no node 'nope'");
        // keys-eq → channel exists; channel → nothing has outputs, and eq → keys-low would feed an instrument (no input).
        assertThatThrownBy(() -> pulse.apply(new NodeCommand.Connect("track-keys", -1,
                dev.loophole.model.project.Connection.of("keys-eq", "out", "keys-low", "in")))).hasMessageContaining("not an input port");
        assertThat(pulse.project()).isSameAs(original);
        assertThat(events).isEmpty();
        assertThat(pulse.isDirty()).isFalse();
        assertThat(pulse.canUndo()).isFalse();
    }

    @Test
    void recompileListenerHearsWhatChanged() {
        Pulse pulse = new Pulse(original);
        List<Affected> heard = new ArrayList<>();
        pulse.addRecompileListener((p, a) -> heard.add(a));
        pulse.apply(new NodeCommand.SetParameter("keys-high", "cc74", 10.0));
        pulse.apply(new NodeCommand.RemoveNode("kick-comp"));
        assertThat(heard.get(0).scopes()).containsExactly(Affected.Scope.PARAMETER);
        assertThat(heard.get(0).nodeIds()).containsExactly("keys-high");
        assertThat(heard.get(0).trackIds()).containsExactly("track-keys");
        assertThat(heard.get(1).scopes()).contains(Affected.Scope.GRAPH);
        assertThat(heard.get(1).trackIds()).containsExactly("track-drums");
        assertThat(pulse.isDirty()).isTrue();
        pulse.markSaved(pulse.revision());
        assertThat(pulse.isDirty()).isFalse();
        pulse.undo();
        assertThat(pulse.isDirty()).isTrue();
    }

    @Test
    void concurrentWritersEachGetTheirChangeAndOneHistory() throws Exception {
        Pulse pulse = new Pulse(original);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int base = 1000 * (t + 1);
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 250; i++)
                    pulse.apply(new NoteCommand.AddNote("clip-beat", -1, Note.of(base + i, 36 + i % 12, 100, i, 10)));
            }));
        }
        for (Thread t : threads) t.join();
        assertThat(pulse.project().clip("clip-beat").orElseThrow().clip().notes()).hasSize(3 + 1000);
        assertThat(pulse.revision()).isEqualTo(1000);
        while (pulse.undo()) { }
        assertThat(pulse.project()).isEqualTo(original);
    }
}
