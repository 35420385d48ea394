package dev.loophole.pulse.engine;

import dev.loophole.signal.sampler.VoiceThread;
import static dev.loophole.pulse.engine.Sounds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.formats.drumgizmo.DrumGizmoImporter;
import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Program;
import dev.loophole.model.project.AudioPort;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.Connection;
import dev.loophole.model.project.EffectKind;
import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.CommandException;
import dev.loophole.pulse.command.NodeCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-out kits through the whole path (files on disk → project → graph → engine), measured per output with
 * {@link ProjectEngine#tapOutputs}: an SFZ kit with its snare on {@code output=2} through its own gain node and
 * its kick on main; a DrumGizmo kit (three kit channels: close, overhead, room) whose mic levels are node
 * parameters set through Pulse commands. Levels are compared with the same notes rendered another way, or with
 * the sum of the mics' amplitudes worked out here, never with numbers read off the code under test.
 */
class MultiOutKitTest {
    @TempDir static Path dir;
    static Program sfzKit, gizmoKit;
    static final double KICK_HZ = 100, SNARE_HZ = 1000;
    static final double CLOSE = 0.5, OVERHEAD = 0.25, ROOM = 0.125; // the DrumGizmo kick's mic amplitudes

    @BeforeAll
    static void kits() throws IOException {
        wav(dir.resolve("kick.wav"), sine(KICK_HZ, 0.5));
        wav(dir.resolve("snare.wav"), sine(SNARE_HZ, 0.5));
        Path sfz = dir.resolve("kit.sfz");
        Files.writeString(sfz, """
                <group> amp_veltrack=0 ampeg_release=0.005
                <region> key=36 sample=kick.wav
                <region> key=38 sample=snare.wav output=2
                """);
        sfzKit = SfzImporter.load(sfz);

        Path kit = dir.resolve("gizmo");
        Files.createDirectories(kit.resolve("Kick"));
        Files.writeString(kit.resolve("drumkit.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <drumkit name="Mics" description="written by a test">
                  <channels><channel name="Close"/><channel name="Overhead"/><channel name="Room"/></channels>
                  <instruments><instrument name="Kick" file="Kick/Kick.xml">
                    <channelmap in="K" out="Close"/><channelmap in="OH" out="Overhead"/><channelmap in="R" out="Room"/>
                  </instrument></instruments>
                </drumkit>
                """);
        Files.writeString(kit.resolve("midimap.xml"), "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<midimap><map note=\"36\" instr=\"Kick\"/></midimap>\n");
        wav(kit.resolve("Kick/kick.wav"), sine(KICK_HZ, CLOSE), sine(KICK_HZ, OVERHEAD), sine(KICK_HZ, ROOM));
        Files.writeString(kit.resolve("Kick/Kick.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <instrument version="2.0" name="Kick"><samples><sample name="k" power="1">
                  <audiofile channel="K" file="kick.wav" filechannel="1"/>
                  <audiofile channel="OH" file="kick.wav" filechannel="2"/>
                  <audiofile channel="R" file="kick.wav" filechannel="3"/>
                </sample></samples></instrument>
                """);
        gizmoKit = DrumGizmoImporter.load(kit.resolve("drumkit.xml"));
    }

    static float[] sine(double hz, double amp) {
        float[] x = new float[RATE];
        for (int i = 0; i < x.length; i++) x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE));
        return x;
    }

    static void wav(Path p, float[]... channels) throws IOException {
        WavWriter.write(p, new AudioData(channels, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
    }

    static Project project(InstrumentNode kit, List<EffectNode> effects, List<Connection> connections, int... keys) {
        NodeGraph g = new NodeGraph(List.of(kit), effects, connections);
        double[] beats = new double[keys.length];
        Lane lane = Lane.midi("lane", "lane", List.of(LaneTarget.all(kit.nodeId())))
                .withClips(List.of(clip("c", 0, 1, ClipTarget.LANE, keys, beats, 1)));
        return new Project("p", PPQ, RATE, TempoTrack.DEFAULT, List.of(new Track("t", "t", g, List.of(lane), null, ChannelStrip.DEFAULT)));
    }

    /** The whole render, tapped: pair 0 the track, then one pair per node output in port order. */
    static float[][] renderTapped(ProjectEngine e, Project p) {
        List<ProjectGraph.Tap> taps = e.tapOutputs(true);
        int pairs = e.renderPairs(false);
        assertThat(pairs).isEqualTo(1 + taps.size());
        float[][] all = new float[2 * pairs][(int) Math.round((p.lengthSeconds() + 0.3) * RATE) + 1024];
        int[] at = {0};
        e.render(false, 0.3, (out, n) -> {
            for (int c = 0; c < all.length; c++) System.arraycopy(out[c], 0, all[c], at[0], n);
            at[0] += n;
        }, null);
        return all;
    }

    static ProjectEngine engine(Project p) {
        return new ProjectEngine(p, new ProjectEngine.Settings(RATE, 256, 64, 1, dev.loophole.signal.dsp.Interpolation.CUBIC, 1 << 20, false, 1L << 28, VoiceThread.AUDIO),
                w -> { throw new AssertionError("warning: " + w); });
    }

    static float[][] renderTapped(Project p) {
        try (ProjectEngine e = engine(p)) { return renderTapped(e, p); }
    }

    /** dB of the {@code hz} component of a pair's left channel while the notes sound (0.05–0.45 s). */
    static double level(float[][] all, int pair, double hz) { return levelDb(all[2 * pair], 0.05, 0.45, hz); }

    @Test
    void aKitsSamplerNodeHasAnOutputPerOutputItsRegionsName() {
        InstrumentNode kit = sampler("kit", sfzKit);
        assertThat(kit.output().ports().stream().map(AudioPort::id)).containsExactly("main", "out2");
        InstrumentNode mics = sampler("mics", gizmoKit);
        assertThat(mics.output().ports().stream().map(AudioPort::id)).containsExactly("main", "out1", "out2");
        assertThat(mics.parameters().ids()).contains("mic0", "mic1", "mic2");
        assertThat(kit.parameters().ids()).noneMatch(id -> id.startsWith("mic")); // one sample per region: no mics
    }

    @Test
    void theSnareOnOutput2GoesThroughItsOwnGainNodeAndTheKickStaysOnMain() {
        int[] both = {36, 38};
        // Reference: nothing takes output 2, so it folds into main: both drums at full level on the channel.
        float[][] folded = renderTapped(project(sampler("kit", sfzKit), List.of(),
                List.of(Connection.of("kit", "main", NodeGraph.CHANNEL, "in")), both));
        double kick = level(folded, 0, KICK_HZ), snare = level(folded, 0, SNARE_HZ);
        assertThat(kick).as("the kick sounds").isGreaterThan(-20);
        assertThat(snare).as("the snare sounds though nothing takes output 2").isCloseTo(kick, within(0.1)); // same amplitude, same sampler
        // Each pad's sound appears only at its own output.
        assertThat(level(folded, 1, KICK_HZ)).as("main output: kick").isCloseTo(kick, within(0.01));
        assertThat(level(folded, 1, SNARE_HZ)).as("main output: no snare").isLessThan(snare - 100);
        assertThat(level(folded, 2, SNARE_HZ)).as("output 2: snare").isCloseTo(snare, within(0.01));
        assertThat(level(folded, 2, KICK_HZ)).as("output 2: no kick").isLessThan(kick - 100);

        // Output 2 through a −9 dB gain node into the channel; main straight in.
        EffectNode trim = new EffectNode("trim", "trim", EffectKind.GAIN_PAN, Map.of("gain", -9.0), false);
        float[][] routed = renderTapped(project(sampler("kit", sfzKit), List.of(trim), List.of(
                Connection.of("kit", "main", NodeGraph.CHANNEL, "in"),
                Connection.of("kit", "out2", "trim", "in"),
                Connection.of("trim", "out", NodeGraph.CHANNEL, "in")), both));
        System.out.printf("kit: kick %.2f dB, snare %.2f dB folded; routed: kick %.2f dB, snare %.2f dB%n",
                kick, snare, level(routed, 0, KICK_HZ), level(routed, 0, SNARE_HZ));
        assertThat(level(routed, 0, SNARE_HZ)).as("the snare's path has the gain node").isCloseTo(snare - 9, within(0.02));
        assertThat(level(routed, 0, KICK_HZ)).as("the kick's path does not").isCloseTo(kick, within(0.01));
        assertThat(level(routed, 2, SNARE_HZ)).as("output 2 itself, before its node").isCloseTo(snare, within(0.01));
    }

    @Test
    void aConnectionFromAnOutputTheKitLacksIsRefusedByTheModel() {
        InstrumentNode kit = sampler("kit", sfzKit);
        assertThatThrownBy(() -> new NodeGraph(List.of(kit), List.of(), List.of(Connection.of("kit", "out5", NodeGraph.CHANNEL, "in"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("kit.out5").hasMessageContaining("node kit has outputs main, out2");
        Pulse pulse = new Pulse(project(kit, List.of(), List.of(Connection.of("kit", "main", NodeGraph.CHANNEL, "in")), 36));
        Project before = pulse.project();
        assertThatThrownBy(() -> pulse.apply(new NodeCommand.Connect("t", -1, Connection.of("kit", "out3", NodeGraph.CHANNEL, "in"))))
                .isInstanceOf(CommandException.class).hasMessageContaining("out3");
        assertThat(pulse.project()).as("nothing half-applied").isEqualTo(before);
    }

    @Test
    void aMicLevelParameterMovesItsOutputByTheDbSet() {
        Pulse pulse = new Pulse(project(sampler("mics", gizmoKit), List.of(), List.of(Connection.of("mics", "main", NodeGraph.CHANNEL, "in")), 36));
        float[][] before = renderTapped(pulse.project());
        double close = level(before, 1, KICK_HZ), overhead = level(before, 2, KICK_HZ), room = level(before, 3, KICK_HZ);
        // Each mic on its own output, at the level its file channel has (ratios of the amplitudes written above).
        assertThat(overhead - close).isCloseTo(20 * Math.log10(OVERHEAD / CLOSE), within(0.01));
        assertThat(room - close).isCloseTo(20 * Math.log10(ROOM / CLOSE), within(0.01));
        // Nothing takes outputs 1 and 2: the channel hears the three mics summed (in phase: amplitudes add).
        assertThat(level(before, 0, KICK_HZ) - close).isCloseTo(20 * Math.log10((CLOSE + OVERHEAD + ROOM) / CLOSE), within(0.01));

        try (ProjectEngine live = engine(pulse.project())) {
            live.attach(pulse);
            int patches = live.instruments().compiledPatches();
            pulse.apply(new NodeCommand.SetParameter("mics", "mic1", -6.0));
            assertThat(live.instruments().compiledPatches()).as("the attached engine recompiled the kit's patch").isEqualTo(patches + 1);
        }
        float[][] after = renderTapped(pulse.project());
        System.out.printf("mics: close %.2f, overhead %.2f → %.2f, room %.2f dB%n", close, overhead, level(after, 2, KICK_HZ), room);
        assertThat(level(after, 2, KICK_HZ)).as("overhead −6 dB").isCloseTo(overhead - 6, within(0.01));
        assertThat(level(after, 1, KICK_HZ)).as("close unchanged").isCloseTo(close, within(0.001));
        assertThat(level(after, 3, KICK_HZ)).as("room unchanged").isCloseTo(room, within(0.001));
        double g = Math.pow(10, -6 / 20.0);
        assertThat(level(after, 0, KICK_HZ) - close).as("the mix").isCloseTo(20 * Math.log10((CLOSE + g * OVERHEAD + ROOM) / CLOSE), within(0.01));

        assertThat(pulse.undo()).isTrue();
        float[][] undone = renderTapped(pulse.project());
        for (int c = 0; c < before.length; c++) assertThat(Arrays.equals(undone[c], before[c])).as("undo: channel %d bit for bit", c).isTrue();
    }

    @Test
    void movingAPadToAnotherOutputGivesTheNodeThatOutputsPort() {
        dev.loophole.model.SampleRegion snare = sfzKit.regions().get(1);
        dev.loophole.model.SampleRegion.Builder b = snare.toBuilder();
        b.samples = new java.util.ArrayList<>(List.of(snare.sample().asMic(0, 0, 3)));
        var move = new dev.loophole.pulse.command.SamplerCommand.UpdateRegion("kit", b.build());

        Pulse pulse = new Pulse(project(sampler("kit", sfzKit), List.of(), List.of(Connection.of("kit", "main", NodeGraph.CHANNEL, "in")), 38));
        pulse.apply(move);
        InstrumentNode moved = pulse.project().tracks().getFirst().graph().instrument("kit").orElseThrow();
        assertThat(moved.output().ports().stream().map(AudioPort::id)).as("out2 kept (connections may name it), out3 added")
                .containsExactly("main", "out2", "out3");
        float[][] out = renderTapped(pulse.project());
        assertThat(level(out, 3, SNARE_HZ)).as("the snare now on output 3").isGreaterThan(-20);
        assertThat(level(out, 2, SNARE_HZ)).as("output 2 silent").isLessThan(-200);
        assertThat(level(out, 0, SNARE_HZ)).as("and folded into the channel").isCloseTo(level(out, 3, SNARE_HZ), within(0.01));
        assertThat(pulse.undo()).isTrue();
        assertThat(pulse.project().tracks().getFirst().graph().instrument("kit").orElseThrow().output().ports().stream().map(AudioPort::id))
                .containsExactly("main", "out2");
    }
}
