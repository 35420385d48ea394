package dev.loophole.pulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.ProjectSession;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.ClipCommand;
import dev.loophole.pulse.command.Command;
import dev.loophole.pulse.command.CommandException;
import dev.loophole.pulse.command.NoteCommand;
import dev.loophole.pulse.command.TrackCommand;
import dev.loophole.pulse.testing.Fixtures;
import dev.loophole.pulse.testing.RandomEdits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectStoreTest {
    // Random saves, longer soak: -Dloophole.saves.seeds=200 -Dloophole.saves.edits=100 (the default run stays short).
    private static final int SEEDS = Integer.getInteger("loophole.saves.seeds", 20);
    private static final int EDITS = Integer.getInteger("loophole.saves.edits", 30);

    @TempDir static Path shared;
    static Fixtures.Programs programs;
    static Project rich;
    @TempDir Path dir;

    @BeforeAll
    static void load() throws Exception {
        programs = Fixtures.programs(shared);
        rich = Fixtures.rich(programs);
    }

    @Test
    void aSavedProjectReadsBackEqual() throws Exception {
        Path file = dir.resolve("song.loophole");
        ProjectStore.save(rich, file);
        assertThat(ProjectStore.load(file)).isEqualTo(rich);
        // One file: no journal or temporary file left beside it.
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("song.loophole");
        }
    }

    @Test
    void sessionSavesEditsIncrementallyAndReopensThemExactly() throws Exception {
        Path file = dir.resolve("edits.loophole");
        ProjectSession session = ProjectSession.create(rich, file);
        assertThat(session.pulse().isDirty()).isTrue();
        session.save();
        assertThat(session.pulse().isDirty()).isFalse();
        Pulse pulse = session.pulse();
        RandomEdits edits = new RandomEdits(42, List.of(programs.keys(), programs.drums(), programs.modulated()));
        // Save after every 25 edits; each reopen must equal what Pulse holds.
        for (int round = 0; round < 8; round++) {
            for (int applied = 0; applied < 25; ) {
                Command c = edits.next(pulse.project());
                if (c == null) continue;
                try {
                    pulse.apply(c);
                    applied++;
                } catch (CommandException e) {
                    // refused, as in the history test
                }
            }
            long t0 = System.nanoTime();
            session.save();
            long t1 = System.nanoTime();
            assertThat(ProjectStore.load(file)).as("round " + round).isEqualTo(pulse.project());
            System.out.printf("round %d: %d tracks, save %.0f ms, load %.0f ms, %d bytes%n", round, pulse.project().tracks().size(),
                    (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6, Files.size(file));
        }
        pulse.apply(new TrackCommand.MoveTrack(pulse.project().tracks().getLast().trackId(), 0));
        pulse.apply(new NoteCommand.AddNote(pulse.project().tracks().stream().flatMap(t -> t.lanes().stream())
                .flatMap(l -> l.clips().stream()).findFirst().orElseThrow().clipId(), 0, Note.of(999, 61, 77, 5, 6)));
        session.save();
        ProjectSession reopened = ProjectSession.open(file);
        assertThat(reopened.pulse().project()).isEqualTo(pulse.project());
        assertThat(reopened.pulse().isDirty()).isFalse();
    }

    @Test
    void filesThatAreNotProjectsAreRefusedByName() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.loophole"), "hello");
        assertThatThrownBy(() -> ProjectStore.load(text)).isInstanceOf(ProjectFormatException.class)
                .hasMessage(text + ": not a Loophole project (expected an SQLite database)");
        Path other = dir.resolve("other.db");
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + other); var s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE songs (x TEXT)");
        }
        assertThatThrownBy(() -> ProjectStore.load(other)).isInstanceOf(ProjectFormatException.class)
                .hasMessageStartingWith(other + ": not a Loophole project");
        assertThatThrownBy(() -> ProjectStore.load(dir.resolve("missing.loophole"))).hasMessageContaining("no such project file");
        // The refused file is left as it was: no tables added.
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + other); var s = c.createStatement();
             var r = s.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
    }

    static long[] seeds() {
        return java.util.stream.LongStream.rangeClosed(1, SEEDS).toArray();
    }

    /**
     * An incremental save after every seeded random edit, then after every undo, reopens to exactly the
     * project Pulse holds — whatever the edits move between tracks and lanes, remove, or bring back.
     */
    @ParameterizedTest
    @MethodSource("seeds")
    void everyEditAndUndoSavesAndReopensExactly(long seed) throws Exception {
        Path file = dir.resolve("seed" + seed + ".loophole");
        ProjectSession session = ProjectSession.create(rich, file);
        session.save();
        Pulse pulse = session.pulse();
        RandomEdits edits = new RandomEdits(seed, List.of(programs.keys(), programs.drums(), programs.modulated()));
        int applied = 0;
        while (applied < EDITS) {
            Command c = edits.next(pulse.project());
            if (c == null) continue;
            try {
                pulse.apply(c);
            } catch (CommandException refused) {
                continue;
            }
            applied++;
            session.save();
            assertThat(ProjectStore.load(file)).as("seed %d, edit %d: %s", seed, applied, c).isEqualTo(pulse.project());
        }
        // Undo brings back removed tracks and clips under their old ids, and clips to the tracks they left.
        for (int undone = 1; pulse.undo(); undone++) {
            session.save();
            assertThat(ProjectStore.load(file)).as("seed %d, undo %d", seed, undone).isEqualTo(pulse.project());
        }
        assertThat(ProjectStore.load(file)).isEqualTo(rich);
    }

    /** A clip moved onto an earlier track: the later track still holds its row when the earlier one is rewritten. */
    @Test
    void aClipMovedToAnEarlierTrackSavesAndMovesBack() throws Exception {
        Path file = dir.resolve("move.loophole");
        ProjectSession session = ProjectSession.create(rich, file);
        session.save();
        Pulse pulse = session.pulse();
        pulse.apply(new ClipCommand.MoveClip("clip-beat", "lane-keys", 0, 960));
        session.save();
        Project moved = ProjectStore.load(file);
        assertThat(moved).isEqualTo(pulse.project());
        assertThat(moved.tracks().getFirst().lanes().getFirst().clips().getFirst().clipId()).isEqualTo("clip-beat");
        assertThat(pulse.undo()).isTrue();
        session.save();
        assertThat(ProjectStore.load(file)).isEqualTo(rich);
    }
}
