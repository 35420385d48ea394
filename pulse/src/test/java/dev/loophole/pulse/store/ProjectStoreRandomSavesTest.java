package dev.loophole.pulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.project.Project;
import dev.loophole.pulse.ProjectSession;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.ClipCommand;
import dev.loophole.pulse.command.Command;
import dev.loophole.pulse.command.CommandException;
import dev.loophole.pulse.testing.Fixtures;
import dev.loophole.pulse.testing.RandomEdits;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An incremental save after every seeded random edit, then after every undo, reopens to exactly the
 * project Pulse holds — whatever the edits move between tracks and lanes, remove, or bring back.
 */
class ProjectStoreRandomSavesTest {
    // A longer soak: -Dloophole.saves.seeds=200 -Dloophole.saves.edits=100 (the default run stays short).
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

    static long[] seeds() {
        return java.util.stream.LongStream.rangeClosed(1, SEEDS).toArray();
    }

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
