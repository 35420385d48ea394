package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.project.EffectKind;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.engine.NoMidi;
import dev.loophole.signal.engine.RenderWorkers;
import dev.loophole.signal.graph.GraphRuntime;
import dev.loophole.signal.graph.GraphSpec;
import dev.loophole.signal.graph.GraphSpec.Connection;
import dev.loophole.signal.graph.GraphSpec.EffectNode;
import dev.loophole.signal.graph.GraphSpec.InstrumentNode;
import dev.loophole.signal.graph.GraphSpec.Lane;
import dev.loophole.signal.graph.GraphSpec.LaneTarget;
import dev.loophole.signal.graph.GraphSpec.MidiFx;
import dev.loophole.signal.graph.GraphSpec.OutputNode;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An offline graph runs its independent effect chains (a project's tracks: sends and channel strip) side by side on
 * its render workers: one, two and four threads give the same bits in every block with effect automation moving, the
 * helper runs chains, neither thread allocates per block, and a parameter jump lands on its frame in every chain.
 */
class EffectChainThreadsTest {
    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int BLOCK = 256, TRACKS = 3;

    /** Track t: sampler 10t+1 → reverb 10t+2 (main at 0.5) and chorus 10t+3 (its chorus send) → channel 10t+4 → bus t/2 (tracks 0 and 1 share bus 0). */
    private static GraphSpec tracks() { return tracks(samplers(), true, true); }

    private static SamplerInstrument[] samplers() {
        Fixtures f = AudioThreadAllocationTest.busyProgram();
        SamplerInstrument[] s = new SamplerInstrument[TRACKS];
        for (int t = 0; t < TRACKS; t++)
            s[t] = new SamplerInstrument(new PatchCompiler(f.provider(), Fixtures.RATE).compile(f.program()), Fixtures.RATE, 8, 31 + t, null, VoiceThread.AUDIO);
        return s;
    }

    /** As {@link #tracks()} with these instruments, each track's reverb and chorus there or not (an edit fades them in or out). */
    private static GraphSpec tracks(SamplerInstrument[] samplers, boolean reverb, boolean chorus) {
        List<GraphSpec.Node> nodes = new ArrayList<>();
        List<Connection> cs = new ArrayList<>();
        List<Lane> lanes = new ArrayList<>();
        for (int t = 0; t < TRACKS; t++) {
            int s = 10 * t + 1, rev = s + 1, cho = s + 2, ch = s + 3, out = s + 4;
            nodes.add(new InstrumentNode(s, samplers[t]));
            if (reverb) nodes.add(new EffectNode(rev, EffectKind.REVERB, Map.of("mix", 100.0)));
            if (chorus) nodes.add(new EffectNode(cho, EffectKind.CHORUS, Map.of("mix", 100.0)));
            nodes.add(new EffectNode(ch, EffectKind.GAIN_PAN, Map.of("gain", -3.0)));
            nodes.add(new OutputNode(out, t / 2));
            cs.addAll(List.of(Connection.of(s, ch), Connection.of(ch, out)));
            if (reverb) cs.addAll(List.of(new Connection(s, 0, rev, 0.5), Connection.of(rev, ch)));
            if (chorus) cs.addAll(List.of(new Connection(s, SamplerInstrument.CHORUS_SEND, cho, 1), Connection.of(cho, ch)));
            lanes.add(new Lane(t + 1, MidiFx.NONE, List.of(LaneTarget.all(s))));
        }
        return new GraphSpec(nodes, cs, lanes);
    }

    private static int floatBits(double v) { return Float.floatToRawIntBits((float) v); }

    /** Notes on the tracks' lanes, and each block a move of some track's channel gain or reverb mix (glide or jump). */
    private static void events(Random rnd, EventBuffer ev) {
        ev.clear();
        for (int i = 0, n = rnd.nextInt(9), off = 0; i < n; i++) {
            off = Math.min(BLOCK - 1, off + rnd.nextInt(40));
            int t = rnd.nextInt(TRACKS), ch = rnd.nextInt(3), key = 30 + rnd.nextInt(70);
            switch (rnd.nextInt(5)) {
                case 0, 1 -> ev.add(t + 1, off, 0x90 | ch, key, 1 + rnd.nextInt(127));
                case 2 -> ev.add(t + 1, off, 0x80 | ch, key, 0);
                case 3 -> ev.add(10 * t + 4, off, rnd.nextBoolean() ? GraphRuntime.PARAMETER : GraphRuntime.PARAMETER_JUMP, 0, floatBits(-20 + 20 * rnd.nextDouble()));
                default -> ev.add(10 * t + 2, off, GraphRuntime.PARAMETER, 5, floatBits(100 * rnd.nextDouble())); // reverb "mix"
            }
        }
    }

    @Test
    void tracksRenderTheSameBitsOnOneTwoAndFourThreadsAndAllocateNothing() {
        try (RenderWorkers two = new RenderWorkers(2); RenderWorkers four = new RenderWorkers(4)) {
            GraphRuntime one = new GraphRuntime(Fixtures.RATE, BLOCK).offline(null), g2 = new GraphRuntime(Fixtures.RATE, BLOCK).offline(two),
                    g4 = new GraphRuntime(Fixtures.RATE, BLOCK).offline(four);
            for (GraphRuntime g : List.of(one, g2, g4)) g.publish(tracks());
            Thread helper = two.helpers()[0];
            int compared = 1_500, warmUp = 8_000, blocks = warmUp + 2_000; // warm-up: past a one-off 112 bytes near block 6,150 (main too: the JIT)
            Random rnd = new Random(11);
            EventBuffer ev = new EventBuffer(64);
            float[][] a = new float[4][BLOCK], b = new float[4][BLOCK], c = new float[4][BLOCK];
            long differing = 0, mainBytes = 0, helperBefore = 0;
            double[] energy = new double[2];
            for (int k = 0; k < blocks; k++) {
                events(rnd, ev);
                if (k == warmUp) helperBefore = MX.getThreadAllocatedBytes(helper.threadId());
                if (k < compared) { one.process(a, BLOCK, ev); g4.process(c, BLOCK, ev); }
                long before = MX.getCurrentThreadAllocatedBytes();
                g2.process(b, BLOCK, ev);
                if (k >= warmUp) mainBytes += MX.getCurrentThreadAllocatedBytes() - before;
                if (k >= compared) continue;
                for (int ch = 0; ch < 4; ch++) {
                    if (!Arrays.equals(a[ch], b[ch]) || !Arrays.equals(a[ch], c[ch])) differing++;
                    for (float x : a[ch]) energy[ch / 2] += (double) x * x;
                }
            }
            long helperBytes = MX.getThreadAllocatedBytes(helper.threadId()) - helperBefore;
            assertThat(energy[0] / (compared * 2.0 * BLOCK)).as("mean square of bus 0 (tracks 0 and 1): heard").isGreaterThan(1e-4);
            assertThat(energy[1] / (compared * 2.0 * BLOCK)).as("mean square of bus 1 (track 2): heard").isGreaterThan(1e-5);
            assertThat(differing).as("block channels that differ between 1, 2 and 4 threads").isZero();
            assertThat(two.helperTasks()).as("tasks (nodes and chains) the helper ran").isGreaterThan(blocks / 4);
            assertThat(mainBytes).as("bytes the render thread allocated over 2,000 blocks").isZero();
            assertThat(helperBytes).as("bytes the helper allocated over 2,000 blocks").isZero();
        }
    }

    /** A constant level on every output: what a gain stage does to it is read straight off its output. */
    private record Dc(float level) implements NoMidi {
        @Override public int activeVoices() { return 1; } // always sounding: a silent instrument's block is skipped
        @Override public void allSoundOff() { }

        @Override
        public void render(float[] left, float[] right, int from, int to) {
            for (int i = from; i < to; i++) { left[i] += level; right[i] += level; }
        }
    }

    @Test
    void aGainJumpLandsOnItsFrameInEveryChainWhileTheHelperRunsChains() {
        try (RenderWorkers two = new RenderWorkers(2)) {
            // One source, three chains (a gain stage each) to buses 0, 1, 2: the source is a single task, so a chain the
            // helper ran shows in its count.
            List<GraphSpec.Node> nodes = new ArrayList<>(List.of(new InstrumentNode(1, new Dc(0.5f))));
            List<Connection> cs = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                nodes.add(new EffectNode(5 + k, EffectKind.GAIN_PAN, Map.of("gain", 0.0)));
                nodes.add(new OutputNode(20 + k, k));
                cs.add(Connection.of(1, 5 + k));
                cs.add(Connection.of(5 + k, 20 + k));
            }
            GraphSpec spec = new GraphSpec(nodes, cs, List.of());
            GraphRuntime g2 = new GraphRuntime(Fixtures.RATE, BLOCK).offline(two), g1 = new GraphRuntime(Fixtures.RATE, BLOCK).offline(null);
            g2.publish(spec);
            g1.publish(spec);
            double[] gainDb = new double[3];
            float[][] out = new float[6][BLOCK], ref = new float[6][BLOCK];
            EventBuffer ev = new EventBuffer(8);
            Random rnd = new Random(5);
            long wrong = 0, differing = 0, checkedBlocks = 0;
            long until = System.nanoTime() + 10_000_000_000L;
            for (int k = 0; k < 3_000 || (two.helperTasks() == 0 && System.nanoTime() < until); k++, checkedBlocks++) {
                int chain = k % 3, at = rnd.nextInt(BLOCK);
                double before = gainDb[chain], after = -30 + 30 * rnd.nextDouble();
                ev.clear();
                ev.add(5 + chain, at, GraphRuntime.PARAMETER_JUMP, 0, floatBits(after));
                gainDb[chain] = (float) after;
                g2.process(out, BLOCK, ev);
                g1.process(ref, BLOCK, ev);
                for (int ch = 0; ch < 6; ch++) if (!Arrays.equals(out[ch], ref[ch])) differing++;
                for (int i = 0; i < BLOCK; i++) {
                    double expect = 0.5 * Math.pow(10, (i < at ? before : gainDb[chain]) / 20);
                    for (int side = 0; side < 2; side++) // a centred gain stage: both channels at the gain
                        if (Math.abs(out[2 * chain + side][i] - expect) > 1e-6 * Math.max(expect, 1e-3) + 1e-9) wrong++;
                }
            }
            assertThat(wrong).as("frames of the moved chain off their gain (before the jump's frame: the old, from it: the new)").isZero();
            assertThat(differing).as("block channels that differ between 1 and 2 threads").isZero();
            assertThat(two.helperTasks()).as("chains the helper ran (the source alone is no round)").isPositive();
            assertThat(checkedBlocks).isGreaterThanOrEqualTo(3_000);
        }
    }

    @Test
    void editsFadingEffectsOnEveryTrackAtOnceGiveTheSameBitsOnOneTwoAndFourThreads() {
        // Every 40 blocks the tracks' sends change shape together (an effect taken out fades to dry on every chain in the
        // same blocks, one put in fades in), sometimes twice one block apart, while the first swap still waits on its fade.
        try (RenderWorkers two = new RenderWorkers(2); RenderWorkers four = new RenderWorkers(4)) {
            GraphRuntime[] g = {new GraphRuntime(Fixtures.RATE, BLOCK).offline(null), new GraphRuntime(Fixtures.RATE, BLOCK).offline(two),
                    new GraphRuntime(Fixtures.RATE, BLOCK).offline(four)};
            SamplerInstrument[][] inst = {samplers(), samplers(), samplers()};
            for (int i = 0; i < 3; i++) g[i].publish(tracks(inst[i], true, true));
            boolean[][] shapes = {{false, true}, {true, false}, {false, false}, {true, true}, {true, false}, {false, true}};
            Random rnd = new Random(23);
            EventBuffer ev = new EventBuffer(64);
            float[][][] out = new float[3][4][BLOCK];
            long differing = 0, edits = 0;
            double energy = 0;
            for (int k = 0; k < 1_200; k++) {
                if (k % 40 == 20 || k % 120 == 21) {
                    boolean[] shape = shapes[(int) (edits++ % shapes.length)];
                    for (int i = 0; i < 3; i++) g[i].publish(tracks(inst[i], shape[0], shape[1]));
                }
                events(rnd, ev);
                for (int i = 0; i < 3; i++) g[i].process(out[i], BLOCK, ev);
                for (int ch = 0; ch < 4; ch++) {
                    if (!Arrays.equals(out[0][ch], out[1][ch]) || !Arrays.equals(out[0][ch], out[2][ch])) differing++;
                    for (float x : out[0][ch]) energy += (double) x * x;
                }
            }
            assertThat(edits).isGreaterThanOrEqualTo(35);
            assertThat(energy / (1_200 * 4.0 * BLOCK)).as("mean square over the buses: heard").isGreaterThan(1e-5);
            assertThat(differing).as("block channels that differ between 1, 2 and 4 threads across the edits").isZero();
            assertThat(two.helperTasks()).as("tasks the helper ran").isPositive();
        }
    }
}
