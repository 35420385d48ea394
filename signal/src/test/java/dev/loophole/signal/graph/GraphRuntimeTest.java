package dev.loophole.signal.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.model.project.EffectKind;
import dev.loophole.signal.graph.GraphSpec.Connection;
import dev.loophole.signal.graph.GraphSpec.EffectNode;
import dev.loophole.signal.graph.GraphSpec.InstrumentNode;
import dev.loophole.signal.graph.GraphSpec.Lane;
import dev.loophole.signal.graph.GraphSpec.LaneTarget;
import dev.loophole.signal.graph.GraphSpec.MidiFx;
import dev.loophole.signal.graph.GraphSpec.OutputNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GraphRuntimeTest {
    static final int RATE = Tone.RATE, BLOCK = 256;

    /** Renders {@code blocks} blocks into {@code buses} stereo pairs; {@code events[b]} are {port, offset, status, d1, d2} rows for block b. */
    static float[][] render(GraphRuntime g, int buses, int blocks, Map<Integer, int[][]> events, Map<Integer, GraphSpec> edits) {
        float[][] all = new float[2 * buses][blocks * BLOCK];
        float[][] out = new float[2 * buses][BLOCK];
        EventBuffer buf = new EventBuffer(64);
        for (int b = 0; b < blocks; b++) {
            if (edits.containsKey(b)) g.publish(edits.get(b));
            buf.clear();
            for (int[] e : events.getOrDefault(b, new int[0][])) buf.add(e[0], e[1], e[2], e[3], e[4]);
            g.process(out, BLOCK, buf);
            for (int c = 0; c < out.length; c++) System.arraycopy(out[c], 0, all[c], b * BLOCK, BLOCK);
        }
        return all;
    }

    /** Amplitude of the {@code hz} component over {@code [from, to)}, Hann-windowed so other tones do not leak in. */
    static double amplitude(float[] x, int from, int to, double hz) {
        double s = 0, c = 0, sum = 0;
        for (int i = from; i < to; i++) {
            double h = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - from) / (to - from)), w = 2 * Math.PI * hz * i / RATE;
            s += h * x[i] * Math.sin(w);
            c += h * x[i] * Math.cos(w);
            sum += h;
        }
        return 2 * Math.hypot(s, c) / sum;
    }

    private static GraphSpec spec(List<GraphSpec.Node> nodes, List<Connection> cs, List<Lane> lanes) { return new GraphSpec(nodes, cs, lanes); }

    @Test
    void aSplitPlaysEachNoteOnlyThroughItsZone() {
        Tone a = new Tone(1), b = new Tone(1);
        GraphRuntime g = new GraphRuntime(RATE, BLOCK);
        g.publish(spec(List.of(new InstrumentNode(1, a), new InstrumentNode(2, b), new OutputNode(10, 0), new OutputNode(11, 1)),
                List.of(Connection.of(1, 10), Connection.of(2, 11)),
                List.of(new Lane(0, MidiFx.NONE, List.of(new LaneTarget(1, 0, 59, 1, 127, 0), new LaneTarget(2, 60, 127, 1, 127, 0))))));
        float[][] out = render(g, 2, 50, Map.of(1, new int[][] {{0, 10, 0x90, 48, 100}, {0, 10, 0x90, 72, 100}}), Map.of());
        double level = 100 / 127.0 * 0.25;
        int from = 2 * BLOCK, to = from + RATE / 5;
        assertThat(amplitude(out[0], from, to, Tone.hz(48))).isCloseTo(level, within(level * 0.01));
        assertThat(amplitude(out[0], from, to, Tone.hz(72))).isLessThan(level * 1e-3);
        assertThat(amplitude(out[2], from, to, Tone.hz(72))).isCloseTo(level, within(level * 0.01));
        assertThat(amplitude(out[2], from, to, Tone.hz(48))).isLessThan(level * 1e-3);
        assertThat(a.ons).isEqualTo(1);
        assertThat(b.ons).isEqualTo(1);
    }

    @Test
    void aLayerPlaysBothTargetsThroughTheLanesMidiEffects() {
        Tone a = new Tone(1), b = new Tone(1);
        GraphRuntime g = new GraphRuntime(RATE, BLOCK);
        g.publish(spec(List.of(new InstrumentNode(1, a), new InstrumentNode(2, b), new OutputNode(10, 0)),
                List.of(Connection.of(1, 10), Connection.of(2, 10)),
                List.of(new Lane(3, new MidiFx(2, 0.5, 10), List.of(LaneTarget.all(1), new LaneTarget(2, 0, 127, 1, 127, 12))))));
        int[][] on = {{3, 0, 0x90, 60, 100}}, off = {{3, 0, 0x80, 60, 0}};
        render(g, 1, 4, Map.of(1, on, 3, off), Map.of());
        assertThat(a.onKeys[0]).isEqualTo(62);
        assertThat(b.onKeys[0]).isEqualTo(74);
        assertThat(a.onVelocities[0]).isEqualTo(60).isEqualTo(b.onVelocities[0]);
        assertThat(a.offs).isEqualTo(1);
        assertThat(b.offs).isEqualTo(1);
        assertThat(a.activeVoices() + b.activeVoices()).isZero();
    }

    @Test
    void aVelocityZoneSendsSoftAndHardNotesApartAndNoteOffsFollowTheirNotes() {
        Tone soft = new Tone(1), hard = new Tone(1);
        GraphRuntime g = new GraphRuntime(RATE, BLOCK);
        g.publish(spec(List.of(new InstrumentNode(1, soft), new InstrumentNode(2, hard), new OutputNode(10, 0)),
                List.of(Connection.of(1, 10), Connection.of(2, 10)),
                List.of(new Lane(0, MidiFx.NONE, List.of(new LaneTarget(1, 0, 127, 1, 63, 0), new LaneTarget(2, 0, 127, 64, 127, 0))))));
        render(g, 1, 3, Map.of(0, new int[][] {{0, 0, 0x90, 50, 30}, {0, 5, 0x90, 51, 90}}, 2, new int[][] {{0, 0, 0x80, 50, 0}, {0, 0, 0x80, 51, 0}}), Map.of());
        assertThat(soft.onKeys[0]).isEqualTo(50);
        assertThat(hard.onKeys[0]).isEqualTo(51);
        assertThat(soft.ons + hard.ons).isEqualTo(2);
        assertThat(soft.offs + hard.offs).as("each note-off reaches only the instrument that took the note").isEqualTo(2);
    }

    @Test
    void notesStartOnTheirExactFrameThroughAnEffectChain() {
        Tone a = new Tone(1);
        GraphRuntime g = new GraphRuntime(RATE, BLOCK);
        g.publish(spec(List.of(new InstrumentNode(1, a), new EffectNode(5, EffectKind.GAIN_PAN, Map.of("gain", -6.0)),
                        new EffectNode(6, EffectKind.EQ4, Map.of()), new OutputNode(10, 0)),
                List.of(Connection.of(1, 5), Connection.of(5, 6), Connection.of(6, 10)),
                List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1))))));
        float[][] out = render(g, 1, 12, Map.of(2, new int[][] {{0, 137, 0x90, 69, 127}}), Map.of());
        int start = 2 * BLOCK + 137;
        for (int i = 0; i <= start; i++) assertThat(out[0][i]).as("frame %d", i).isZero(); // sin(0) = 0 at the note's first frame
        double step = 2 * Math.PI * 440 / RATE, g6 = Math.pow(10, -6 / 20.0);
        for (int k = 1; k < 500; k++)
            assertThat((double) out[0][start + k]).isCloseTo(0.25 * g6 * Math.sin(k * step), within(2e-6));
    }

    @Test
    void perPadOutputsFeedTheirOwnChains() {
        Tone kit = new Tone(2);
        GraphRuntime g = new GraphRuntime(RATE, BLOCK);
        g.publish(spec(List.of(new InstrumentNode(1, kit), new EffectNode(5, EffectKind.GAIN_PAN, Map.of("gain", -12.0)),
                        new OutputNode(10, 0), new OutputNode(11, 1)),
                List.of(Connection.of(1, 10), new Connection(1, 1, 5, 1), Connection.of(5, 11)),
                List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1))))));
        float[][] out = render(g, 2, 45, Map.of(0, new int[][] {{0, 0, 0x90, 40, 127}, {0, 0, 0x90, 80, 127}}), Map.of());
        int from = BLOCK, to = from + RATE / 5;
        assertThat(amplitude(out[0], from, to, Tone.hz(40))).isCloseTo(0.25, within(0.0025));
        assertThat(amplitude(out[0], from, to, Tone.hz(80))).isLessThan(1e-4);
        assertThat(amplitude(out[2], from, to, Tone.hz(80))).isCloseTo(0.25 * Math.pow(10, -12 / 20.0), within(0.001));
        assertThat(amplitude(out[2], from, to, Tone.hz(40))).isLessThan(1e-4);
    }

    @Test
    void anEditBetweenBlocksKeepsSoundingNotesAndLeavesNoStep() {
        Tone a = new Tone(1), b = new Tone(1);
        List<GraphSpec.Node> base = List.of(new InstrumentNode(1, a), new EffectNode(5, EffectKind.GAIN_PAN, Map.of()), new OutputNode(10, 0));
        GraphSpec before = spec(base, List.of(Connection.of(1, 5), Connection.of(5, 10)), List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1)))));
        // The edit: the gain node goes to −12 dB (it glides), a reverb joins the chain, a second instrument joins the lane.
        List<GraphSpec.Node> edited = new ArrayList<>(List.of(new InstrumentNode(1, a), new InstrumentNode(2, b),
                new EffectNode(5, EffectKind.GAIN_PAN, Map.of("gain", -12.0)), new EffectNode(6, EffectKind.EQ4, Map.of()), new OutputNode(10, 0)));
        GraphSpec after = spec(edited, List.of(Connection.of(1, 5), Connection.of(5, 6), Connection.of(6, 10), Connection.of(2, 10)),
                List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1), new LaneTarget(2, 100, 127, 1, 127, 0)))));
        GraphRuntime g = new GraphRuntime(RATE, BLOCK);
        g.publish(before);
        float[][] out = render(g, 1, 100, Map.of(1, new int[][] {{0, 0, 0x90, 57, 127}}, 90, new int[][] {{0, 0, 0x80, 57, 0}}), Map.of(50, after));
        assertThat(a.ons).as("the held note was not restarted").isEqualTo(1);
        assertThat(a.offs).as("the note-off after the edit reached it").isEqualTo(1);
        // A clean 220 Hz sine of amplitude A has |second difference| ≤ A·(2π·220/48000)²; the swap and the glide must stay within it.
        double bound = 0.25 * Math.pow(2 * Math.PI * 220 / RATE, 2);
        double worst = 0;
        for (int i = 3 * BLOCK; i < 89 * BLOCK; i++) worst = Math.max(worst, Math.abs(out[0][i + 1] - 2 * out[0][i] + out[0][i - 1]));
        assertThat(worst).isLessThan(bound * 1.05);
        double g12 = Math.pow(10, -12 / 20.0);
        assertThat(amplitude(out[0], 60 * BLOCK, 88 * BLOCK, 220)).isCloseTo(0.25 * g12, within(0.25 * g12 * 0.01));
    }

    /**
     * Edits faster than a fade (one per block; on a loaded machine a stalled audio thread adopts them back to back): a
     * −12 dB gain node put in, kept by the next edit, taken out, put in again. Its dry ↔ wet share must turn around where
     * it is — never restart at full wet — so the output stays a sine times a gain that moves at most one fade's slope.
     */
    @Test
    void editsFasterThanAFadeTurnItAroundWhereItIs() {
        Tone a = new Tone(1), b = new Tone(1);
        Lane lane = new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1)));
        double cut = Math.pow(10, -12 / 20.0);
        GraphSpec without = spec(List.of(new InstrumentNode(1, a), new OutputNode(10, 0)), List.of(Connection.of(1, 10)), List.of(lane));
        GraphSpec with = spec(List.of(new InstrumentNode(1, a), new EffectNode(5, EffectKind.GAIN_PAN, Map.of("gain", -12.0)), new OutputNode(10, 0)),
                List.of(Connection.of(1, 5), Connection.of(5, 10)), List.of(lane));
        GraphSpec withOther = spec(List.of(new InstrumentNode(1, a), new InstrumentNode(2, b), new EffectNode(5, EffectKind.GAIN_PAN, Map.of("gain", -12.0)),
                new OutputNode(10, 0)), List.of(Connection.of(1, 5), Connection.of(5, 10), Connection.of(2, 10)), List.of(lane));
        List<GraphSpec> cycle = List.of(with, withOther, without);
        Map<Integer, GraphSpec> edits = new java.util.HashMap<>();
        for (int blk = 20; blk < 45; blk++) edits.put(blk, cycle.get((blk - 20) % 3)); // the last, at block 44: with
        GraphRuntime g = new GraphRuntime(RATE, BLOCK);
        g.publish(without);
        float[][] out = render(g, 1, 80, Map.of(1, new int[][] {{0, 0, 0x90, 57, 127}}), edits);

        // y = x·G with x a 220 Hz sine of amplitude A and G the gain share, linear in the fade's progress: |ΔG| ≤ s = (1 − cut)/fade
        // frames, and where a fade turns around its slope changes by at most 2s. So |Δ²y| ≤ A·ω² + 2·s·A·ω + A·2s.
        double amp = 0.25, w = 2 * Math.PI * 220 / RATE, s = (1 - cut) / (RATE / 50.0);
        double bound = amp * w * w + 2 * s * amp * w + amp * 2 * s;
        double worst = 0;
        for (int i = 2 * BLOCK; i < 79 * BLOCK; i++) worst = Math.max(worst, Math.abs(out[0][i + 1] - 2 * out[0][i] + out[0][i - 1]));
        assertThat(worst).as("largest second difference across 25 edits a block apart (a dry/wet share restarted steps by ~0.1)").isLessThan(bound);
        assertThat(a.ons).isEqualTo(1);
        assertThat(amplitude(out[0], 60 * BLOCK, 79 * BLOCK, 220)).as("the last edit's gain, reached").isCloseTo(amp * cut, within(amp * cut * 0.01));
    }

    /**
     * An EQ put into a sounding chain fades from dry to wet linearly over 20 ms (rate / 50 frames): its wet share, measured
     * frame by frame from the rendered audio, is j / (rate / 50) at the j-th frame of the block that adopted it, and full
     * from then on — not before. The note and the edit come in the same block, so the EQ's input starts from silence as it
     * does in a render where the EQ was there from the start (it stays at rest through silence): that render is the wet
     * signal w, one without the EQ the dry x, and the faded output is y = x + u·(w − x).
     */
    @Test
    void anInsertedEffectFadesInOverTwentyMilliseconds() {
        int at = 4, fade = RATE / 50; // 960 frames
        Lane lane = new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1)));
        Map<Integer, int[][]> note = Map.of(at, new int[][] {{0, 0, 0x90, 57, 127}});
        java.util.function.Function<Tone, GraphSpec> without = t -> spec(List.of(new InstrumentNode(1, t), new OutputNode(10, 0)),
                List.of(Connection.of(1, 10)), List.of(lane));
        java.util.function.Function<Tone, GraphSpec> with = t -> spec(List.of(new InstrumentNode(1, t),
                        new EffectNode(6, EffectKind.EQ4, Map.of("band2_freq", 220.0, "band2_gain", -6.0)), new OutputNode(10, 0)),
                List.of(Connection.of(1, 6), Connection.of(6, 10)), List.of(lane));
        Tone a = new Tone(1), b = new Tone(1), c = new Tone(1);
        GraphRuntime dryG = new GraphRuntime(RATE, BLOCK), wetG = new GraphRuntime(RATE, BLOCK), edited = new GraphRuntime(RATE, BLOCK);
        dryG.publish(without.apply(a));
        wetG.publish(with.apply(b));
        edited.publish(without.apply(c));
        float[] x = render(dryG, 1, at + 12, note, Map.of())[0], w = render(wetG, 1, at + 12, note, Map.of())[0];
        float[] y = render(edited, 1, at + 12, note, Map.of(at, with.apply(c)))[0];
        int measured = 0, lastPartial = -1;
        for (int j = 0; j < 12 * BLOCK; j++) {
            int i = at * BLOCK + j;
            double d = w[i] - x[i];
            if (Math.abs(d) < 0.02) continue; // near the difference's zero crossings the share cannot be read
            double u = (y[i] - x[i]) / d, want = Math.min(1.0, (double) j / fade);
            assertThat(u).as("wet share %d frames into the fade", j).isCloseTo(want, within(1e-4));
            if (u < 1 - 1e-5) lastPartial = j;
            measured++;
        }
        assertThat(measured).as("frames where the share was read").isGreaterThan(10 * BLOCK);
        assertThat(lastPartial).as("the last frame short of full wet").isBetween(fade - 10, fade - 1);
        assertThat(amplitude(y, (at + 6) * BLOCK, (at + 12) * BLOCK, 220)).as("then the EQ's −6 dB at 220 Hz")
                .isCloseTo(0.25 * Math.pow(10, -6 / 20.0), within(0.25 * 0.01));
    }

    @Test
    void aTargetRemovedWhileANoteIsHeldGetsItsNoteOff() {
        Tone a = new Tone(1), b = new Tone(1);
        GraphSpec both = spec(List.of(new InstrumentNode(1, a), new InstrumentNode(2, b), new OutputNode(10, 0)),
                List.of(Connection.of(1, 10), Connection.of(2, 10)), List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1), LaneTarget.all(2)))));
        GraphSpec onlyA = spec(List.of(new InstrumentNode(1, a), new InstrumentNode(2, b), new OutputNode(10, 0)),
                List.of(Connection.of(1, 10), Connection.of(2, 10)), List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1)))));
        GraphRuntime g = new GraphRuntime(RATE, BLOCK);
        g.publish(both);
        render(g, 1, 6, Map.of(0, new int[][] {{0, 0, 0x90, 60, 100}}, 5, new int[][] {{0, 0, 0x80, 60, 0}}), Map.of(3, onlyA));
        assertThat(b.offs).as("b left the lane: its note ended at the edit").isEqualTo(1);
        assertThat(b.activeVoices()).isZero();
        assertThat(a.offs).as("a stayed: its note-off came with the note-off event").isEqualTo(1);
    }

    @Test
    void aBadGraphIsRefusedWholeWithItsReason() {
        Tone a = new Tone(1);
        GraphRuntime g = new GraphRuntime(RATE, BLOCK);
        GraphSpec ok = spec(List.of(new InstrumentNode(1, a), new OutputNode(10, 0)), List.of(Connection.of(1, 10)),
                List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1)))));
        g.publish(ok);
        List<GraphSpec.Node> loop = List.of(new InstrumentNode(1, a), new EffectNode(5, EffectKind.DELAY, Map.of()),
                new EffectNode(6, EffectKind.CHORUS, Map.of()), new OutputNode(10, 0));
        assertThatThrownBy(() -> g.publish(spec(loop, List.of(Connection.of(1, 5), Connection.of(5, 6), Connection.of(6, 5), Connection.of(6, 10)), List.of())))
                .isInstanceOf(GraphException.class).hasMessageContaining("effect nodes [5, 6] feed each other in a loop");
        assertThatThrownBy(() -> g.publish(spec(List.of(new InstrumentNode(1, a), new OutputNode(10, 0)), List.of(Connection.of(1, 11)), List.of())))
                .hasMessage("connection 1 → 11: no node 11");
        assertThatThrownBy(() -> g.publish(spec(List.of(new EffectNode(5, EffectKind.REVERB, Map.of("room", 1.0))), List.of(), List.of())))
                .hasMessageContaining("effect node 5 (reverb): no parameter 'room'; known: [size, decay, damping, preDelay, width, mix]");
        assertThatThrownBy(() -> g.publish(spec(List.of(new InstrumentNode(1, a), new OutputNode(10, 0)), List.of(), List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(10)))))))
                .hasMessage("lane on port 0: target 10 is not an instrument node");
        // The running graph is untouched: a note still plays.
        float[][] out = render(g, 1, 10, Map.of(0, new int[][] {{0, 0, 0x90, 69, 127}}), Map.of());
        assertThat(amplitude(out[0], BLOCK, 10 * BLOCK, 440)).isCloseTo(0.25, within(0.003));
    }
}
