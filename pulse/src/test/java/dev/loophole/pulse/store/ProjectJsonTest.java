package dev.loophole.pulse.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.model.Program;
import dev.loophole.model.IntRange;
import dev.loophole.model.project.AudioOutputRouting;
import dev.loophole.model.project.AutomationCurve;
import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Breakpoint;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.Connection;
import dev.loophole.model.project.InstrumentKind;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneKind;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.MidiInputRouting;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.ParameterSet;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.SamplerParameters;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.VoiceStateSummary;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
    void aDocumentAsWrittenHasNothingLeftOutSoItIsBoundFromItsText() throws Exception {
        Project project = Fixtures.rich(programs);
        Track track = project.tracks().stream().filter(t -> !t.graph().instruments().isEmpty()).findFirst().orElseThrow();
        String json = ProjectJson.write(project);
        // Every field read is written: nothing for the defaults to fill, so read binds the text directly.
        JsonNode tree = ProjectJson.mapper().readTree(json).get("project");
        assertThat(JsonDefaults.fill(ProjectJson.mapper(), tree)).as("fields read but not written").isFalse();

        // An instrument node's runtime voice report is never written, and reads as null whatever a file says.
        InstrumentNode first = track.graph().instruments().getFirst();
        InstrumentNode reporting = new InstrumentNode(first.nodeId(), first.name(), first.kind(), first.input(), first.output(),
                first.parameters(), first.values(), first.state(), new VoiceStateSummary(3, 7, 64));
        Project live = project.replacing(track.withGraph(track.graph().replacing(reporting)));
        assertThat(live).isNotEqualTo(project);
        assertThat(ProjectJson.write(live)).isEqualTo(json);
        String handWritten = json.replaceFirst("\"nodeId\" : \"" + first.nodeId() + "\",", "$0 \"voices\" : { \"active\" : 1, \"peak\" : 2, \"limit\" : 3 },");
        assertThat(handWritten).isNotEqualTo(json);
        assertThat(ProjectJson.read(handWritten, "hand.json")).isEqualTo(project);
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
        // notes may be left out (no notes), so a misspelt "notes" is an unknown field, reported where it is
        String nots = json.replaceFirst("\"notes\"", "\"nots\"");
        long notsLine = nots.substring(0, nots.indexOf("\"nots\"")).lines().count();
        assertThatThrownBy(() -> ProjectJson.read(nots, "typo.json"))
                .hasMessageStartingWith("typo.json:" + notsLine + ":").hasMessageContaining("unknown field \"nots\" (expected one of [automation, clipId,")
                .hasMessageEndingWith("(at tracks[0].lanes[0].clips[0].nots)");
        assertThatThrownBy(() -> ProjectJson.read("{\"format\":\"other\"}", "x.json")).hasMessageContaining("not a Loophole project");
        assertThatThrownBy(() -> ProjectJson.read("{\"format\":", "cut.json")).hasMessageStartingWith("cut.json:1:");
    }

    @Test
    void aVersion1DocumentLoadsAndIsWrittenBackAsTheCurrentVersion() throws Exception {
        // The documented example exactly as the first format wrote it (every field, "voices": null on each instrument),
        // before its Program gained a sample's media link and mic settings, envelopes' "dynamic", "roundRobin" and "drumKit".
        String v1 = new String(ProjectJsonTest.class.getResourceAsStream("/project-json/version1-example.json").readAllBytes(), StandardCharsets.UTF_8);
        assertThat(v1).containsPattern("\"version\"\\s*:\\s*1,").containsPattern("\"voices\"\\s*:\\s*null").doesNotContain("drumKit");
        Project p = ProjectJson.read(v1, "version1-example.json");
        assertThat(p.tracks()).hasSize(1);
        assertThat(p.tracks().getFirst().lanes().getFirst().clips().getFirst().notes()).hasSize(2);
        String now = ProjectJson.write(p);
        assertThat(now).contains("\"version\" : " + ProjectJson.VERSION).doesNotContain("\"voices\"");
        assertThat(ProjectJson.read(now, "now.json")).isEqualTo(p);
    }

    @Test
    void aStateBlobWrittenBeforeTheProgramsNewerFieldsStillLoads() throws Exception {
        Program program = programs.modulated();
        ObjectNode tree = (ObjectNode) ProjectJson.mapper().readTree(ProjectJson.programBlob(program));
        assertThat(tree.has("drumKit")).isTrue();
        tree.remove("drumKit");
        ((ObjectNode) tree.get("settings")).remove("roundRobin");
        for (JsonNode g : tree.get("groups"))
            for (JsonNode r : g.get("regions")) {
                for (JsonNode e : r.get("envelopes")) ((ObjectNode) e).remove("dynamic");
                for (JsonNode ref : r.get("samples")) ((ObjectNode) ref).retain(List.of("path"));
            }
        byte[] old = ProjectJson.mapper().writeValueAsBytes(tree);
        assertThat(new String(old, StandardCharsets.UTF_8)).doesNotContain("\"drumKit\"").doesNotContain("\"roundRobin\"");
        assertThat(ProjectJson.program(old, "old blob")).isEqualTo(program);
    }

    @Test
    void aMinimalHandWrittenDocumentTakesTheDocumentedDefaults() {
        String json = """
                {
                  "format": "loophole-project",
                  "version": 2,
                  "project": {
                    "ticksPerQuarter": 960,
                    "sampleRate": 48000,
                    "tracks": [ {
                      "trackId": "t1",
                      "graph": {
                        "instruments": [ { "nodeId": "synth", "kind": "PLUGIN" } ],
                        "connections": [ { "from": { "nodeId": "synth", "port": "main" }, "to": { "nodeId": "channel", "port": "in" } } ]
                      },
                      "lanes": [ {
                        "laneId": "l1",
                        "targets": [ { "nodeId": "synth" } ],
                        "clips": [ {
                          "clipId": "c1", "start": 0, "length": 3840,
                          "notes": [ { "noteId": 1, "key": 60, "velocity": 100, "start": 0, "length": 960 } ],
                          "automation": [ { "target": { "kind": "CC", "number": 7 }, "points": [ { "tick": 0, "value": 100 }, { "tick": 960, "value": 50 } ] } ]
                        } ]
                      } ]
                    } ]
                  }
                }
                """;
        InstrumentNode synth = new InstrumentNode("synth", "synth", InstrumentKind.PLUGIN, MidiInputRouting.DEFAULT, AudioOutputRouting.STEREO,
                ParameterSet.EMPTY, Map.of(), null, null);
        Clip clip = new Clip("c1", "", 0, 3840, ClipTarget.LANE, List.of(new Note(1, 60, 100, 0, 960, 64, List.of())),
                List.of(new AutomationCurve(AutomationTarget.cc(7), List.of(Breakpoint.linear(0, 100), Breakpoint.linear(960, 50)))));
        Lane lane = new Lane("l1", "", LaneKind.MIDI, List.of(new LaneTarget("synth", new IntRange(0, 127), new IntRange(1, 127), 0)),
                List.of(), List.of(), List.of(clip), List.of(), false);
        Track track = new Track("t1", "", new NodeGraph(List.of(synth), List.of(), List.of(Connection.of("synth", "main", NodeGraph.CHANNEL, "in"))),
                List.of(lane), null, new ChannelStrip(0, 0, false, false));
        Project expected = new Project("", 960, 48000, TempoTrack.DEFAULT, List.of(track));
        assertThat(ProjectJson.read(json, "minimal.json")).isEqualTo(expected);
    }

    @Test
    void aSamplerNodeWithoutAParameterListTakesItsProgramsParameters() throws Exception {
        Program program = programs.modulated();
        String json = """
                {"format": "loophole-project", "version": 2, "project": {"ticksPerQuarter": 480, "sampleRate": 44100,
                 "tracks": [{"trackId": "t", "graph": {"instruments": [{"nodeId": "s", "kind": "SAMPLER", "values": {"volume": -6},
                   "state": {"type": "sampler", "program": %s}}]}}]}}
                """.formatted(new String(ProjectJson.programBlob(program), StandardCharsets.UTF_8));
        InstrumentNode s = ProjectJson.read(json, "sampler.json").tracks().getFirst().graph().instruments().getFirst();
        assertThat(s.parameters()).isEqualTo(SamplerParameters.of(program));
        assertThat(s.value(SamplerParameters.VOLUME)).isEqualTo(-6);
        assertThat(s.program()).isEqualTo(program);
    }

    @Test
    void aDocumentFromANewerVersionIsRefusedNamingBothVersions() {
        int newer = ProjectJson.VERSION + 1;
        assertThatThrownBy(() -> ProjectJson.read("{\"format\": \"loophole-project\", \"version\": " + newer + ", \"project\": {\"futureField\": 1}}", "future.json"))
                .isInstanceOf(ProjectFormatException.class)
                .hasMessage("future.json: project format version " + newer + " is newer than this build reads (versions 1 to " + ProjectJson.VERSION
                        + "); open it with a newer Loophole");
        assertThatThrownBy(() -> ProjectJson.read("{\"format\": \"loophole-project\", \"project\": {}}", "nover.json"))
                .hasMessage("nover.json: \"version\" must be a whole number from 1 to " + ProjectJson.VERSION + " (got none)");
        assertThatThrownBy(() -> ProjectJson.read("{\"format\": \"loophole-project\", \"version\": 1.5, \"project\": {}}", "half.json"))
                .hasMessageStartingWith("half.json: \"version\" must be a whole number");
    }

    @Test
    void aRequiredFieldLeftOutIsStillAnError() {
        String json = "{\"format\": \"loophole-project\", \"version\": 2, \"project\": {\"ticksPerQuarter\": 960, \"sampleRate\": 48000,"
                + " \"tracks\": [{\"trackId\": \"t\", \"lanes\": [{\"laneId\": \"l\", \"clips\": [{\"clipId\": \"c\", \"start\": 0,"
                + " \"notes\": []}]}]}]}}";
        assertThatThrownBy(() -> ProjectJson.read(json, "cut.json"))
                .hasMessageStartingWith("cut.json").hasMessageContaining("missing field \"length\"").hasMessageEndingWith("(at tracks[0].lanes[0].clips[0].length)");
    }
}
