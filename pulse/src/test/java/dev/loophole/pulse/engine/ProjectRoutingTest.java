package dev.loophole.pulse.engine;

import static dev.loophole.pulse.engine.Sounds.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.Connection;
import dev.loophole.model.project.EffectKind;
import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof, on real files (a WAV and SFZs on disk) through the whole path — project →
 * graph → transport → engine: splits, layers, per-clip instrument switching and a lane's post-FX,
 * each measured by the frequency and level of what comes out. Instrument B is instrument A at −12 dB,
 * so the level of each note says which instrument played it.
 */
class ProjectRoutingTest {
    @TempDir static Path dir;
    static Program a, b;

    @BeforeAll
    static void instruments() throws IOException {
        a = sineInstrument(dir, "a", 0);
        b = sineInstrument(dir, "b", -12);
    }

    private static Project project(List<LaneTarget> targets, List<EffectNode> postFx, String primary, Clip... clips) {
        NodeGraph g = new NodeGraph(List.of(sampler("A", a), sampler("B", b)), List.of(),
                List.of(Connection.of("A", "main", NodeGraph.CHANNEL, "in"), Connection.of("B", "main", NodeGraph.CHANNEL, "in")));
        Lane lane = Lane.midi("lane", "lane", targets).withClips(List.of(clips)).withPostEffects(postFx);
        Track t = new Track("t", "t", g, List.of(lane), primary, ChannelStrip.DEFAULT);
        return new Project("p", PPQ, RATE, TempoTrack.DEFAULT, List.of(t));
    }

    private static final int[] TWO = {48, 72};
    private static final double[] AT_ZERO = {0, 0};

    private static Clip both() { return clip("c", 0, 1, ClipTarget.LANE, TWO, AT_ZERO, 1); }

    /** Levels of notes 48 and 72 while both sound (0.05–0.45 s). */
    private static double[] levels(Project p) {
        float[] left = render(p, false)[0];
        return new double[] {levelDb(left, 0.05, 0.45, hz(48)), levelDb(left, 0.05, 0.45, hz(72))};
    }

    @Test
    void aSplitPlaysKeysBelow60OnAAndTheRestOnB() {
        double[] ref = levels(project(List.of(LaneTarget.all("A")), List.of(), null, both()));
        assertThat(ref[0]).as("the reference really sounds").isGreaterThan(-20);
        double[] split = levels(project(List.of(new LaneTarget("A", new IntRange(0, 59), null, 0), new LaneTarget("B", new IntRange(60, 127), null, 0)),
                List.of(), null, both()));
        assertThat(split[0]).as("48 on A only").isCloseTo(ref[0], within(0.05));
        assertThat(split[1]).as("72 on B only (12 dB down)").isCloseTo(ref[1] - 12, within(0.1));
    }

    @Test
    void aLayerPlaysEveryNoteOnBoth() {
        double[] ref = levels(project(List.of(LaneTarget.all("A")), List.of(), null, both()));
        double[] layer = levels(project(List.of(LaneTarget.all("A"), LaneTarget.all("B")), List.of(), null, both()));
        double sum = 20 * Math.log10(1 + Math.pow(10, -12 / 20.0)); // the same waveform twice, in phase: amplitudes add
        assertThat(layer[0]).isCloseTo(ref[0] + sum, within(0.05));
        assertThat(layer[1]).isCloseTo(ref[1] + sum, within(0.05));
    }

    @Test
    void eachClipPlaysItsOwnInstrument() {
        int[] one = {60};
        double[] start = {0};
        Clip viaLane = clip("c1", 0, 1, ClipTarget.LANE, one, start, 0.9);
        Clip onB = clip("c2", 2, 1, ClipTarget.node("B"), one, start, 0.9);
        Clip primary = clip("c3", 4, 1, ClipTarget.PRIMARY, one, start, 0.9);
        float[] left = render(project(List.of(LaneTarget.all("A")), List.of(), "B", viaLane, onB, primary), false)[0];
        double first = levelDb(left, 0.05, 0.4, hz(60)), second = levelDb(left, 1.05, 1.4, hz(60)), third = levelDb(left, 2.05, 2.4, hz(60));
        assertThat(first).isGreaterThan(-20);
        assertThat(second).as("the clip aimed at B").isCloseTo(first - 12, within(0.1));
        assertThat(third).as("the clip aimed at the track's primary instrument (B)").isCloseTo(first - 12, within(0.1));
    }

    @Test
    void aSamplerNodesVolumeParameterSetsItsLevel() {
        double[] ref = levels(project(List.of(LaneTarget.all("A")), List.of(), null, both()));
        Project p = project(List.of(LaneTarget.all("A")), List.of(), null, both());
        Track t = p.tracks().getFirst();
        var graph = t.graph();
        var quieter = graph.instrument("A").orElseThrow().withValue(dev.loophole.model.project.SamplerParameters.VOLUME, -7.5);
        var g2 = new NodeGraph(graph.instruments().stream().map(n -> n.nodeId().equals("A") ? quieter : n).toList(), graph.effects(), graph.connections());
        Project moved = new Project(p.name(), p.ticksPerQuarter(), p.sampleRate(), p.tempo(),
                List.of(new Track(t.trackId(), t.name(), g2, t.lanes(), t.primaryNodeId(), t.channel())));
        double[] down = levels(moved);
        assertThat(down[0]).as("48 on A, its node's volume at -7.5 dB").isCloseTo(ref[0] - 7.5, within(0.05));
        assertThat(down[1]).isCloseTo(ref[1] - 7.5, within(0.05));
    }

    @Test
    void aSamplerNodesTuneParameterMovesItsPitch() {
        Project p = project(List.of(LaneTarget.all("A")), List.of(), null, both());
        Track t = p.tracks().getFirst();
        var graph = t.graph();
        var sharp = graph.instrument("A").orElseThrow().withValue(dev.loophole.model.project.SamplerParameters.TUNE, 100.0);
        var g2 = new NodeGraph(graph.instruments().stream().map(n -> n.nodeId().equals("A") ? sharp : n).toList(), graph.effects(), graph.connections());
        Project moved = new Project(p.name(), p.ticksPerQuarter(), p.sampleRate(), p.tempo(),
                List.of(new Track(t.trackId(), t.name(), g2, t.lanes(), t.primaryNodeId(), t.channel())));
        float[] left = render(moved, false)[0];
        double[] ref = levels(p);
        // A semitone up: key 48 now sounds at 49's frequency, at the level 48 had; nothing is left at 48's own.
        assertThat(levelDb(left, 0.05, 0.45, hz(49))).isCloseTo(ref[0], within(0.1));
        assertThat(levelDb(left, 0.05, 0.45, hz(48))).isLessThan(ref[0] - 30);
    }

    @Test
    void aLanesPostEffectsShapeItsSound() {
        double[] ref = levels(project(List.of(LaneTarget.all("A")), List.of(), null, both()));
        EffectNode eq = new EffectNode("eq", "eq", EffectKind.EQ4, Map.of("band2_freq", hz(72), "band2_gain", 9.0, "band2_q", 2.0), false);
        EffectNode gain = new EffectNode("g", "g", EffectKind.GAIN_PAN, Map.of("gain", -3.0), false);
        double[] fx = levels(project(List.of(LaneTarget.all("A")), List.of(eq, gain), null, both()));
        assertThat(fx[1]).as("72 at the peak: +9 dB, then −3 dB").isCloseTo(ref[1] + 6, within(0.1));
        // 48 is two octaves below the peak: the cookbook peak (Q 2) gives it a fraction of a dB.
        double w0 = 2 * Math.PI * hz(72) / RATE, alpha = Math.sin(w0) / 4, A = Math.pow(10, 9 / 40.0), w = 2 * Math.PI * hz(48) / RATE;
        double[] bq = {1 + alpha * A, -2 * Math.cos(w0), 1 - alpha * A, 1 + alpha / A, -2 * Math.cos(w0), 1 - alpha / A};
        double nr = bq[0] + bq[1] * Math.cos(w) + bq[2] * Math.cos(2 * w), ni = -bq[1] * Math.sin(w) - bq[2] * Math.sin(2 * w);
        double dr = bq[3] + bq[4] * Math.cos(w) + bq[5] * Math.cos(2 * w), di = -bq[4] * Math.sin(w) - bq[5] * Math.sin(2 * w);
        double at48 = 10 * Math.log10((nr * nr + ni * ni) / (dr * dr + di * di));
        assertThat(fx[0]).isCloseTo(ref[0] + at48 - 3, within(0.1));
    }
}
