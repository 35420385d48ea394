package dev.loophole.pulse.engine;

import dev.loophole.signal.sampler.VoiceThread;
import static dev.loophole.pulse.engine.Sounds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.model.Program;
import dev.loophole.model.project.AutomationCurve;
import dev.loophole.model.project.AutomationTarget;
import dev.loophole.model.project.Breakpoint;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.Connection;
import dev.loophole.model.project.EffectKind;
import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.SamplerParameters;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.Pulse;
import dev.loophole.pulse.command.NodeCommand;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.engine.EventBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's parameters and their clip automation reach the sound, measured on rendered audio: a
 * sampler's labelled controller (an SFZ written here: {@code label_cc20=Brightness} with
 * {@code amplitude_oncc20=100} on {@code amplitude=0}, so the level is cc20/127) at render start,
 * set during playback and automated; node volume automated mid-note, checked frame by frame; and
 * an EQ band's gain automated, measured at the band's centre where the cookbook peak gives exactly its gain.
 */
class NodeParameterSoundTest {
    @TempDir static Path dir;
    static Program bright, plain, dark;
    static final long BEAT = PPQ;                 // 120 bpm: a beat is 0.5 s = 24,000 frames
    static final int BEAT_FRAMES = RATE / 2;

    @BeforeAll
    static void instruments() throws IOException {
        plain = sineInstrument(dir, "plain", 0);
        Path sfz = dir.resolve("bright.sfz");
        Files.writeString(sfz, """
                <control> label_cc20=Brightness set_cc20=127
                <region> sample=sine.wav pitch_keycenter=69 ampeg_release=0.005 amp_veltrack=0 amplitude=0 amplitude_oncc20=100
                """);
        bright = SfzImporter.load(sfz);
        Path lp = dir.resolve("dark.sfz");
        Files.writeString(lp, """
                <control> label_cc20=Brightness set_cc20=0
                <region> sample=sine.wav pitch_keycenter=69 ampeg_release=0.005 amp_veltrack=0 fil_type=lpf_2p cutoff=110 cutoff_oncc20=4800
                """);
        dark = SfzImporter.load(lp);
    }

    /** One track: sampler A (and optional effects between it and the channel), a lane, a clip with key 69 held {@code beats}. */
    static Project project(InstrumentNode a, List<EffectNode> fx, double beats, List<AutomationCurve> automation) {
        List<Connection> wires = new ArrayList<>();
        String from = "A", port = "main";
        for (EffectNode e : fx) { wires.add(Connection.of(from, port, e.nodeId(), "in")); from = e.nodeId(); port = "out"; }
        wires.add(Connection.of(from, port, NodeGraph.CHANNEL, "in"));
        NodeGraph g = new NodeGraph(List.of(a), fx, wires);
        Clip c = new Clip("c", "c", 0, 8 * BEAT, ClipTarget.LANE, List.of(Note.of(1, 69, 100, 0, Math.round(beats * BEAT))), automation);
        Lane lane = Lane.midi("lane", "lane", List.of(LaneTarget.all("A"))).withClips(List.of(c));
        return new Project("p", PPQ, RATE, TempoTrack.DEFAULT, List.of(new Track("t", "t", g, List.of(lane), null, ChannelStrip.DEFAULT)));
    }

    static AutomationCurve steps(String node, String parameter, double first, long atTick, double then) {
        return new AutomationCurve(AutomationTarget.parameter(node, parameter), List.of(Breakpoint.step(0, first), Breakpoint.step(atTick, then)));
    }

    static double db(double ratio) { return 20 * Math.log10(ratio); }

    @Test
    void aLabelledControllersValueDrivesItsControllerFromTheStart() {
        InstrumentNode a = sampler("A", bright);
        assertThat(a.parameters().contains("cc20")).as("label_cc20 makes a node parameter").isTrue();
        double full = levelDb(render(project(a, List.of(), 2, List.of()), false)[0], 0.1, 0.9, 440);
        double half = levelDb(render(project(a.withValue("cc20", 64.0), List.of(), 2, List.of()), false)[0], 0.1, 0.9, 440);
        double off = levelDb(render(project(a.withValue("cc20", 0.0), List.of(), 2, List.of()), false)[0], 0.1, 0.9, 440);
        assertThat(full).isGreaterThan(-12);
        assertThat(half - full).as("amplitude follows cc20/127").isCloseTo(db(64 / 127.0), within(0.05));
        assertThat(off).as("cc20 at 0: amplitude 0").isLessThan(full - 90);

        // cutoff_oncc20: 110 Hz at 0 (440 Hz two octaves above a 2-pole low-pass: about −24 dB), 1.76 kHz at 127
        double closed = levelDb(render(project(sampler("A", dark), List.of(), 2, List.of()), false)[0], 0.1, 0.9, 440);
        double open = levelDb(render(project(sampler("A", dark).withValue("cc20", 127.0), List.of(), 2, List.of()), false)[0], 0.1, 0.9, 440);
        assertThat(open - closed).as("the node's cc20 opens the filter").isGreaterThan(18);
    }

    @Test
    void settingTheControllerDuringPlaybackMovesTheSoundAtTheNextBlockWithoutAStep() {
        int block = 256, changeAt = 100 * block; // 0.533 s
        float[] left = playSetting(project(sampler("A", bright), List.of(), 4, List.of()), block, changeAt, new NodeCommand.SetParameter("A", "cc20", 32.0));
        double before = levelDb(left, 0.1, 0.5, 440), after = levelDb(left, 0.6, 1.0, 440);
        assertThat(after - before).isCloseTo(db(32 / 127.0), within(0.05));
        double clean = maxStep(left, RATE / 10, changeAt - block);
        assertThat(maxStep(left, changeAt - block, changeAt + 2 * block)).as("no step at the change (a hard one would be ≈ 0.37)")
                .isLessThan(1.5 * clean);
    }

    @Test
    void automatingTheControllerMovesTheSoundAtItsBeat() {
        float[] left = render(project(sampler("A", bright), List.of(), 4, List.of(steps("A", "cc20", 127, 2 * BEAT, 16))), false)[0];
        double before = levelDb(left, 0.1, 0.95, 440), after = levelDb(left, 1.05, 1.9, 440);
        assertThat(before).isGreaterThan(-12);
        assertThat(after - before).isCloseTo(db(16 / 127.0), within(0.05));
    }

    @Test
    void automatedVolumeTurnsDownAtTheExactFrameAndRampsInto12DbLess() {
        InstrumentNode a = sampler("A", plain);
        float[] ref = render(project(a, List.of(), 4, List.of()), false)[0];
        float[] auto = render(project(a, List.of(), 4, List.of(steps("A", SamplerParameters.VOLUME, 0, 2 * BEAT + 37, -12))), false)[0];
        int at = Math.toIntExact(Math.round((2 * BEAT + 37) * 0.5 / PPQ * RATE)); // tick → seconds at 120 bpm → frame
        int first = 0;
        while (first < ref.length && ref[first] == auto[first]) first++;
        assertThat(first).as("bit for bit before the automation's frame, changing right after it").isBetween(at, at + 2);
        double down = Math.pow(10, -12 / 20.0);
        int ramp = RATE / 50; // GainPan glides over 20 ms
        for (int i = at + ramp + 1; i < at + RATE / 2; i++)
            if (Math.abs(ref[i]) > 0.05) assertThat((double) auto[i] / ref[i]).isCloseTo(down, within(1e-5));
        for (int i = at + 1; i < at + ramp; i++)
            if (Math.abs(ref[i]) > 0.05) assertThat((double) auto[i] / ref[i]).isBetween(down, 1.0);
    }

    @Test
    void automatingAnEqBandsGainMovesTheResponseAtItsCentre() {
        EffectNode eq = EffectNode.of("eq", EffectKind.EQ4).withValue("band2_freq", 440.0).withValue("band2_q", 2.0);
        float[] ref = render(project(sampler("A", plain), List.of(), 4, List.of()), false)[0];
        float[] auto = render(project(sampler("A", plain), List.of(eq), 4, List.of(steps("eq", "band2_gain", 0, 2 * BEAT, 9))), false)[0];
        assertThat(levelDb(auto, 0.1, 0.95, 440)).as("flat at 0 dB").isCloseTo(levelDb(ref, 0.1, 0.95, 440), within(0.02));
        assertThat(levelDb(auto, 1.1, 1.9, 440)).as("the cookbook peak at its centre: exactly its gain")
                .isCloseTo(levelDb(ref, 1.1, 1.9, 440) + 9, within(0.05));
    }

    @Test
    void aLoopPutsAnAutomatedControllerBackAtTheNodesOwnValue() {
        // cc20 is 100 on the node; automation takes it to 16 on beat 1. Round a two-beat loop it must be 100 again
        // at every start (nothing before beat 0 sets it: the chase puts it back at the node's value).
        InstrumentNode a = sampler("A", bright).withValue("cc20", 100.0);
        AutomationCurve down = new AutomationCurve(AutomationTarget.parameter("A", "cc20"), List.of(Breakpoint.step(BEAT, 16)));
        int loop = 2 * BEAT_FRAMES;
        float[] out = ChaseTest.playLoop(project(a, List.of(), 1.5, List.of(down)), 0, loop, 2 * loop, 256);
        double start = levelDb(out, 0.1, 0.45, 440), later = levelDb(out, 0.55, 0.7, 440);
        assertThat(later - start).isCloseTo(db(16 / 100.0), within(0.05));
        assertThat(levelDb(out, 1.1, 1.45, 440)).as("the second pass starts at 100 again").isCloseTo(start, within(0.01));
        for (int i = 0; i < loop; i++) assertThat(out[loop + i]).isEqualTo(out[i]);
    }

    /** Plays {@code p} live for 2 s in blocks of {@code block}, applying {@code edit} at frame {@code changeAt}; the left channel. */
    static float[] playSetting(Project p, int block, int changeAt, NodeCommand edit) {
        Pulse pulse = new Pulse(p);
        float[] left = new float[2 * RATE];
        try (ProjectEngine e = new ProjectEngine(p, settings(), w -> { throw new AssertionError(w); })) {
            e.attach(pulse);
            e.transport().locate(0);
            e.transport().play();
            float[][] out = new float[2][block];
            EventBuffer none = new EventBuffer(1);
            for (int pos = 0; pos < left.length; pos += block) {
                if (pos == changeAt) pulse.apply(edit);
                e.streamer().fillAll();
                e.transport().process(out, block, none);
                System.arraycopy(out[0], 0, left, pos, block);
            }
        }
        return left;
    }

    static ProjectEngine.Settings settings() {
        return new ProjectEngine.Settings(RATE, 256, 64, 1, Interpolation.CUBIC, 1 << 20, false, 1L << 28, VoiceThread.AUDIO);
    }

    /** The largest frame-to-frame move over [from, to). */
    static double maxStep(float[] x, int from, int to) {
        double m = 0;
        for (int i = Math.max(1, from); i < to; i++) m = Math.max(m, Math.abs(x[i] - x[i - 1]));
        return m;
    }
}
