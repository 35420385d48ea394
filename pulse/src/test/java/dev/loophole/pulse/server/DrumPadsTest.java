package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.ipc.InstrumentNotification;
import dev.loophole.ipc.KeyName;
import dev.loophole.ipc.PadInfo;
import dev.loophole.model.DrumKits;
import dev.loophole.model.Envelope;
import dev.loophole.model.Pad;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.Applied;
import dev.loophole.pulse.command.Command;
import dev.loophole.pulse.command.CommandException;
import dev.loophole.pulse.command.PadCommand;
import dev.loophole.pulse.store.CommandJson;
import dev.loophole.pulse.store.ProjectJson;
import dev.loophole.pulse.testing.RandomEdits;
import dev.loophole.pulse.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo drum kit (an SFZ with label_key and a hi-hat choke group) as pads: edited, undone, saved, and asked about. */
class DrumPadsTest {
    @TempDir Path dir;

    String keysNode(Project p) {
        return p.instruments().stream().filter(n -> n.program() != null && !n.program().isDrumKit()).findFirst().orElseThrow().nodeId();
    }

    Program kit(Project p) { return p.instruments().stream().filter(n -> n.nodeId().equals("kit")).findFirst().orElseThrow().program(); }

    @Test
    void padEditsWriteThroughAndUndoExactly() throws Exception {
        Fixtures.Programs programs = Fixtures.programs(dir);
        Project start = Fixtures.rich(programs);
        Program drums = kit(start);
        assertThat(drums.isDrumKit()).isTrue();
        Pad openHat = drums.drumKit().pad(46).orElseThrow();
        // the demo's SFZ: closed and pedal hats group=1, the open hat group=1 off_by=1 (any hat stops it)
        assertThat(openHat.chokeGroup()).isEqualTo(1);
        assertThat(DrumKits.regions(drums, 42)).allSatisfy(r -> assertThat(r.choke().offBy()).isZero());

        Pulse pulse = new Pulse(start);
        pulse.apply(new PadCommand.SetPadChoke("kit", 42, 5));
        pulse.apply(new PadCommand.SetPadOutput("kit", 36, 3));
        pulse.apply(new PadCommand.RenamePad("kit", 38, "Fat Snare"));
        pulse.apply(new PadCommand.RecolourPad("kit", 38, "#ABCDEF"));
        pulse.apply(new PadCommand.SetPadIcon("kit", 38, "clap"));
        Envelope slow = Envelope.AMP_DEFAULT.withStages(0, 0.05, 0, 0.2, 0.5, 0.3);
        pulse.apply(new PadCommand.SetPadEnvelope("kit", 38, slow));
        Program edited = kit(pulse.project());
        assertThat(DrumKits.regions(edited, 42)).isNotEmpty().allSatisfy(r -> {
            assertThat(r.choke().group()).isEqualTo(5);
            assertThat(r.choke().offBy()).isEqualTo(5);
        });
        assertThat(DrumKits.regions(edited, 36)).isNotEmpty().allSatisfy(r -> assertThat(r.samples()).extracting(SampleRef::output).containsOnly(3));
        assertThat(DrumKits.regions(edited, 38)).allSatisfy(r -> assertThat(r.envelopes().amp()).isEqualTo(slow));
        assertThat(edited.drumKit().pad(38).orElseThrow()).extracting(Pad::name, Pad::colour, Pad::icon).containsExactly("Fat Snare", "#abcdef", "clap");
        // untouched pads' regions are the very same objects
        assertThat(DrumKits.regions(edited, 46)).isEqualTo(DrumKits.regions(drums, 46));

        // saved and read back, pads and all
        Project read = ProjectJson.read(ProjectJson.write(pulse.project()), "test");
        assertThat(read).isEqualTo(pulse.project());

        for (int i = 0; i < 6; i++) assertThat(pulse.undo()).isTrue();
        assertThat(pulse.project()).as("six undos give back the project, the closed hat's off_by=0 included").isEqualTo(start);
        for (int i = 0; i < 6; i++) assertThat(pulse.redo()).isTrue();
        assertThat(kit(pulse.project())).isEqualTo(edited);
    }

    /** Seeded random pad edits: each command and its inverse survive JSON, the project survives saving, all undo to the start. */
    @Test
    void randomPadEditsRoundTripAndUndoToTheStart() throws Exception {
        Fixtures.Programs programs = Fixtures.programs(dir);
        Project start = Fixtures.rich(programs);
        Pulse pulse = new Pulse(start);
        RandomEdits edits = new RandomEdits(17, List.of(programs.keys(), programs.drums(), programs.modulated()));
        int applied = 0;
        java.util.Set<String> kinds = new java.util.TreeSet<>();
        for (int i = 0; i < 200; i++) {
            Command c = edits.padEdit(pulse.project());
            if (c == null) { pulse.apply(new PadCommand.SetDrumKit("kit", DrumKits.padsOf(kit(pulse.project()), true))); applied++; continue; }
            Project before = pulse.project();
            Applied a;
            try {
                a = c.apply(before);
            } catch (CommandException refused) {
                continue;
            }
            for (Command x : List.of(c, a.inverse())) assertThat(CommandJson.read(CommandJson.write(x), "command")).isEqualTo(x);
            assertThat(a.inverse().apply(a.project()).project()).as("inverse of %s", c).isEqualTo(before);
            pulse.apply(c);
            kinds.add(c.getClass().getSimpleName());
            applied++;
        }
        assertThat(kinds).contains("RenamePad", "RecolourPad", "SetPadIcon", "SetPadChoke", "SetPadOutput", "SetPadEnvelope", "SetDrumKit");
        assertThat(ProjectJson.read(ProjectJson.write(pulse.project()), "test")).isEqualTo(pulse.project());
        for (int i = 0; i < applied; i++) assertThat(pulse.undo()).isTrue();
        assertThat(pulse.project()).isEqualTo(start);
    }

    @Test
    void badPadEditsAreRefusedWholeWithAReason() throws Exception {
        Project start = Fixtures.rich(Fixtures.programs(dir));
        Pulse pulse = new Pulse(start);
        assertThatThrownBy(() -> pulse.apply(new PadCommand.RecolourPad("kit", 38, "orange"))).isInstanceOf(CommandException.class)
                .hasMessageContaining("colour 'orange' is not #rrggbb");
        assertThatThrownBy(() -> pulse.apply(new PadCommand.RenamePad("kit", 100, "x"))).isInstanceOf(CommandException.class)
                .hasMessageContaining("has no pad on note 100");
        assertThatThrownBy(() -> pulse.apply(new PadCommand.SetPadOutput("kit", 36, 64))).isInstanceOf(CommandException.class)
                .hasMessageContaining("output 64 is outside 0..63");
        assertThatThrownBy(() -> pulse.apply(new PadCommand.RenamePad(keysNode(pulse.project()), 60, "x"))).isInstanceOf(CommandException.class)
                .hasMessageContaining("not in DrumKit mode");
        assertThat(pulse.project()).isEqualTo(start);
        assertThat(pulse.canUndo()).isFalse();
    }

    @Test
    void capabilitiesNameThePadsWithIconsColoursAndTheGmMap() throws Exception {
        Program drums = kit(Fixtures.rich(Fixtures.programs(dir)));
        InstrumentNotification.Capabilities c = Wire.capabilities(drums);
        assertThat(c.drumMapping()).isTrue();
        assertThat(c.pads()).extracting(PadInfo::note).containsExactlyElementsOf(drums.drumKit().pads().stream().map(Pad::note).toList());
        assertThat(c.noteNames()).extracting(KeyName::name).containsExactlyElementsOf(c.pads().stream().map(PadInfo::name).toList());
        PadInfo kick = c.pads().stream().filter(p -> p.note() == 36).findFirst().orElseThrow();
        assertThat(kick.gmName()).isEqualTo("Bass Drum 1");
        assertThat(kick.icon()).isEqualTo("kick");
        assertThat(kick.colour()).matches("#[0-9a-f]{6}");
        PadInfo open = c.pads().stream().filter(p -> p.note() == 46).findFirst().orElseThrow();
        assertThat(open.icon()).isEqualTo("hihat");
        assertThat(open.chokeGroup()).isEqualTo(1);
        Program keys = Fixtures.programs(dir.resolve("k")).keys();
        assertThat(Wire.capabilities(keys).pads()).isEmpty();
        assertThat(Wire.capabilities(keys).drumMapping()).isFalse();
    }
}
