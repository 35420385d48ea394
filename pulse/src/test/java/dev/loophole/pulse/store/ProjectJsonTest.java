package dev.loophole.pulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.model.Program;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectJsonTest {
    static final Path FLUID = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");

    @TempDir static Path dir;
    static Fixtures.Programs programs;

    @BeforeAll
    static void load() throws Exception { programs = Fixtures.programs(dir); }

    @Test
    void demoAndModulatedProgramsSurviveTheStateBlob() throws Exception {
        Fixtures.Programs p = programs;
        for (Program program : new Program[] {p.keys(), p.drums(), p.modulated()}) {
            byte[] blob = ProjectJson.programBlob(program);
            assertThat(ProjectJson.program(blob, "blob")).isEqualTo(program);
        }
        // The modulated program really carries what the round trip must keep.
        assertThat(p.modulated().regions().getFirst().modulation()).isNotEmpty();
        assertThat(p.modulated().curves()).containsKey(7);
        assertThat(p.modulated().extraSections()).isNotEmpty();
        assertThat(p.modulated().regions().getFirst().lfos()).isNotEmpty();
    }

    @Test
    void fluidR3PresetsSurviveTheStateBlob() throws Exception {
        Sf2Bank bank = Sf2Importer.load(FLUID);
        long t0 = System.nanoTime();
        // The piano, the brass section (modulators with product curves), strings, a pad, and the standard kit.
        List<Sf2Preset> chosen = bank.presets().stream().filter(x -> x.bank() == 128 && x.preset() == 0
                || x.bank() == 0 && List.of(0, 48, 61, 88).contains(x.preset())).toList();
        assertThat(chosen).hasSize(5);
        int regions = 0;
        for (Sf2Preset preset : chosen) {
            Program program = preset.program();
            Program back = ProjectJson.program(ProjectJson.programBlob(program), preset.name());
            assertThat(back).as(preset.name()).isEqualTo(program);
            regions += program.regions().size();
        }
        assertThat(regions).isGreaterThan(100);
        System.out.printf("FluidR3: %d presets, %d regions round-tripped in %.0f ms%n", chosen.size(), regions, (System.nanoTime() - t0) / 1e6);
    }

    @Test
    void richProjectRoundTripsThroughTheReadableForm() throws Exception {
        Project project = Fixtures.rich(programs);
        String json = ProjectJson.write(project);
        assertThat(ProjectJson.read(json, "rich.json")).isEqualTo(project);
        // Written twice, the same text: diffs of saved projects show only real changes.
        assertThat(ProjectJson.write(ProjectJson.read(json, "rich.json"))).isEqualTo(json);
        Path file = dir.resolve("rich.json");
        ProjectJson.write(project, file);
        assertThat(ProjectJson.read(file)).isEqualTo(project);
    }

    @Test
    void badDocumentsNameTheFileLineAndProblem() throws Exception {
        Project project = Fixtures.rich(programs);
        String json = ProjectJson.write(project);
        String badVelocity = json.replaceFirst("\"velocity\" : 60\\.0", "\"velocity\" : 300.0");
        assertThat(badVelocity).isNotEqualTo(json);
        long line = badVelocity.substring(0, badVelocity.indexOf("300.0")).lines().count();
        // The model checks a note when its object closes: the error points there, a few lines below the field.
        assertThatThrownBy(() -> ProjectJson.read(badVelocity, "song.json"))
                .isInstanceOf(ProjectFormatException.class)
                .hasMessageStartingWith("song.json:")
                .hasMessageContaining("velocity 300.0 is outside")
                .hasMessageEndingWith("(at tracks[0].lanes[0].clips[0].notes[0])")
                .satisfies(e -> assertThat(Long.parseLong(e.getMessage().split(":")[1])).isBetween(line, line + 8));
        assertThatThrownBy(() -> ProjectJson.read(json.replace("\"ticksPerQuarter\"", "\"ticksPerQuater\""), "typo.json"))
                .hasMessageStartingWith("typo.json:").hasMessageContaining("missing field \"ticksPerQuarter\"");
        assertThatThrownBy(() -> ProjectJson.read(json.replace("\"notes\"", "\"nots\""), "typo.json"))
                .hasMessageStartingWith("typo.json:").hasMessageContaining("missing field \"notes\"").hasMessageEndingWith("(at tracks[0].lanes[0].clips[0].notes)");
        assertThatThrownBy(() -> ProjectJson.read("{\"format\":\"other\"}", "x.json")).hasMessageContaining("not a Loophole project");
        assertThatThrownBy(() -> ProjectJson.read("{\"format\":", "cut.json")).hasMessageStartingWith("cut.json:1:");
    }
}
