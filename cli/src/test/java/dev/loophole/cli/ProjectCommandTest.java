package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.demo.DemoContent;
import dev.loophole.formats.midi.SmfReader;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.store.ProjectJson;
import dev.loophole.pulse.store.ProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectCommandTest {
    @TempDir static Path demoDir;
    static DemoContent.DemoFiles demo;
    @TempDir Path dir;

    @BeforeAll
    static void writeDemo() throws Exception { demo = DemoContent.write(demoDir); }

    @Test
    void importInfoExportAndImportJsonAgree() throws Exception {
        Path song = dir.resolve("song.loophole");
        CliRun imported = CliRun.of("project", "import", "--midi", demo.song().toString(), "--instrument", "1=" + demo.keysSfz(),
                "--instrument", "10=" + demo.drumsSfz(), "--out", song.toString());
        assertThat(imported.status()).as(imported.err()).isZero();

        // Notes per channel, counted from the MIDI file itself.
        MidiSong midi = SmfReader.read(demo.song());
        Map<Integer, Long> notes = new TreeMap<>();
        for (MidiEvent e : midi.events()) if (e.isNoteOn()) notes.merge(e.channel() + 1, 1L, Long::sum);
        long total = notes.values().stream().mapToLong(Long::longValue).sum();
        assertThat(imported.out()).startsWith("wrote " + song + ": " + notes.size() + " tracks, " + notes.size() + " lanes, " + notes.size() + " clips, " + total + " notes");

        CliRun info = CliRun.of("project", "info", song.toString());
        assertThat(info.status()).isZero();
        for (var e : notes.entrySet())
            assertThat(info.out()).contains("clip ch" + e.getKey() + "-clip \"Channel " + e.getKey() + "\" at 0 for ")
                    .containsPattern("ch" + e.getKey() + "-lane \"Channel " + e.getKey() + "\" \\(midi\\): 1 clip, " + e.getValue() + " notes");
        assertThat(info.out()).contains("instrument ch1-instrument: sampler \"keys\"").contains("instrument ch10-instrument: sampler \"drums\"");

        Path json = dir.resolve("song.json"), again = dir.resolve("again.loophole");
        assertThat(CliRun.of("project", "export", song.toString(), "--json", json.toString()).status()).isZero();
        assertThat(CliRun.of("project", "import", "--json", json.toString(), "--out", again.toString()).status()).isZero();
        Project original = ProjectStore.load(song);
        assertThat(ProjectStore.load(again)).isEqualTo(original);
        assertThat(ProjectJson.read(json)).isEqualTo(original);
    }

    @Test
    void newMakesAnEmptyProjectAtTheGivenTempo() throws Exception {
        Path file = dir.resolve("empty.loophole");
        CliRun run = CliRun.of("project", "new", file.toString(), "--tempo", "90", "--rate", "44100");
        assertThat(run.status()).isZero();
        Project p = ProjectStore.load(file);
        assertThat(p.tracks()).isEmpty();
        assertThat(p.sampleRate()).isEqualTo(44100);
        assertThat(p.tempo().toTempoMap(p.ticksPerQuarter()).bpmAt(0)).isCloseTo(90, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(p.name()).isEqualTo("empty");
    }

    @Test
    void mistakesGetOneLineAndTheRightStatus() throws Exception {
        Path file = dir.resolve("x.loophole");
        assertThat(CliRun.of("project", "new", file.toString()).status()).isZero();
        CliRun exists = CliRun.of("project", "new", file.toString());
        assertThat(exists.status()).isEqualTo(1);
        assertThat(exists.errLines()).containsExactly("loophole: " + file + ": already exists (use --force to replace it)");

        Path bad = Files.writeString(dir.resolve("bad.json"), "{\n  \"format\": \"loophole-project\",\n  \"version\": 1,\n  \"project\": {\"name\": 3,\n");
        CliRun cut = CliRun.of("project", "import", "--json", bad.toString(), "--out", dir.resolve("y.loophole").toString());
        assertThat(cut.status()).isEqualTo(1);
        assertThat(cut.errLines()).hasSize(1);
        assertThat(cut.errLines().getFirst()).startsWith("loophole: " + bad + ":5:");
        assertThat(dir.resolve("y.loophole")).doesNotExist();

        Path future = Files.writeString(dir.resolve("future.json"), "{\"format\": \"loophole-project\", \"version\": 99, \"project\": {}}\n");
        CliRun tooNew = CliRun.of("project", "import", "--json", future.toString(), "--out", dir.resolve("z.loophole").toString());
        assertThat(tooNew.status()).isEqualTo(1);
        assertThat(tooNew.errLines()).containsExactly("loophole: " + future + ": project format version 99 is newer than this build reads (versions 1 to "
                + ProjectJson.VERSION + "); open it with a newer Loophole");
        assertThat(dir.resolve("z.loophole")).doesNotExist();

        Path text = Files.writeString(dir.resolve("t.loophole"), "not a project");
        CliRun notProject = CliRun.of("project", "info", text.toString());
        assertThat(notProject.status()).isEqualTo(1);
        assertThat(notProject.errLines()).containsExactly("loophole: " + text + ": not a Loophole project (expected an SQLite database)");

        assertThat(CliRun.of("project", "import", "--midi", demo.song().toString()).status()).isEqualTo(2); // no --out
        assertThat(CliRun.of("project", "import", "--midi", "a.mid", "--json", "b.json", "--out", "c").status()).isEqualTo(2);
    }
}
