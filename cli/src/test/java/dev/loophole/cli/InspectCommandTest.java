package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    @TempDir Path dir;
    Path sfz;

    @BeforeEach
    void setUp() throws Exception {
        RenderCommandTest.write(dir.resolve("a.wav"), RenderCommandTest.sine(440, 4800));
        sfz = dir.resolve("art.sfz");
        Files.writeString(sfz, """
                <control> label_cc1=Vibrato label_key36=Kick
                <global> sw_lokey=24 sw_hikey=25 sw_default=24
                <group> sw_last=24 sw_label=Sustain
                <region> sample=a.wav lokey=48 hikey=59 lovel=1 hivel=63
                <region> sample=a.wav lokey=48 hikey=59 lovel=64 hivel=127
                <group> sw_last=25 sw_label=Staccato
                <region> sample=a.wav lokey=48 hikey=59
                <region> sample=gone.wav lokey=62 hikey=64
                """);
    }

    @Test
    void summarizesCoverageArticulationsLabelsSamplesAndWarnings() {
        CliRun run = CliRun.of("inspect", sfz.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 regions in 2 groups").contains("keys C3..E4 (15 covered, gaps at [C4, C#4])")
                .contains("up to 3 layers on a key").contains("[C1 Sustain, C#1 Staccato]").contains("{1=Vibrato}")
                .contains("samples: 2, 1 missing").contains("missing: " + dir.resolve("gone.wav"));
        assertThat(run.out()).containsPattern("warnings: [1-9]");
    }

    @Test
    void jsonCarriesTheSameNumbers() throws Exception {
        CliRun run = CliRun.of("inspect", sfz.toString(), "--json");
        assertThat(run.status()).isZero();
        JsonNode j = new ObjectMapper().readTree(run.out());
        assertThat(j.get("regions").asInt()).isEqualTo(4);
        assertThat(j.get("keys").get("keysCovered").asInt()).isEqualTo(15);
        assertThat(j.get("keys").get("gaps").size()).isEqualTo(2);
        assertThat(j.get("articulations").get(1).get("label").asText()).isEqualTo("Staccato");
        assertThat(j.get("missingSamples").size()).isEqualTo(1);
        assertThat(j.get("keyLabels").get("36").asText()).isEqualTo("Kick");
    }

    @Test
    void theMapDrawsEveryRegionAndMarksKeySwitches() throws Exception {
        Path svg = dir.resolve("map.svg");
        assertThat(CliRun.of("inspect", sfz.toString(), "--map", svg.toString()).status()).isZero();
        String s = Files.readString(svg);
        assertThat(s).startsWith("<svg");
        assertThat(s.split("fill-opacity=\"0.35\"", -1).length - 1).as("one zone per region").isEqualTo(4);
        assertThat(s.split("fill=\"#d33\"", -1).length - 1).as("key switches C1 and C#1 marked").isEqualTo(2);
        assertThat(s).contains(">Kick<");
        // The lower velocity layer of C3..B3 sits below the upper one: y grows as velocity falls.
        assertThat(s).contains("x=\"462\" y=\"312\" width=\"108\" height=\"189\"");
    }
}
