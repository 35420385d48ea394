package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.loophole.model.project.EffectKind;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.engine.NoMidi;
import dev.loophole.signal.engine.ProgramBank;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An offline graph ({@link GraphRuntime#offline}) renders its instrument nodes side by side: two plain samplers and a
 * multi-out kit sharing the main pair, one of them through an effect, and a bank of three programs. One, two and four
 * threads give the same bits in every block; the result is the straight (live) render but for summation order; the
 * helper renders nodes; neither thread allocates per block; a node failing on the helper fails the block at once.
 */
class GraphThreadsTest {
    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int BLOCK = 256;

    private static SamplerInstrument sampler(dev.loophole.model.Program program, Fixtures f, long seed) {
        return new SamplerInstrument(new PatchCompiler(f.provider(), Fixtures.RATE).compile(program), Fixtures.RATE, 8, seed, null, VoiceThread.AUDIO);
    }

    /** Nodes 1, 2 (plain), 3 (a multi-out kit: main to the output, output 1 through a gain node), 4 (a bank); lane p+1 → node p+1. */
    private static GraphSpec graph() {
        Fixtures f = AudioThreadAllocationTest.busyProgram();
        ProgramBank bank = new ProgramBank(Map.of(0, sampler(f.program(), f, 21), 1, sampler(f.program(), f, 22), 2, sampler(f.program(), f, 23)));
        List<GraphSpec.Node> nodes = List.of(new InstrumentNode(1, sampler(f.program(), f, 11)), new InstrumentNode(2, sampler(f.program(), f, 12)),
                new InstrumentNode(3, sampler(AudioThreadAllocationTest.multiOut(f.program()), f, 13)), new InstrumentNode(4, bank),
                new EffectNode(5, EffectKind.GAIN_PAN, Map.of("gain", -3.0)), new OutputNode(10, 0));
        List<Connection> cs = List.of(Connection.of(1, 10), Connection.of(2, 10), Connection.of(3, 10), new Connection(3, 1, 5, 1),
                Connection.of(5, 10), Connection.of(4, 10));
        List<Lane> lanes = new ArrayList<>();
        for (int n = 1; n <= 4; n++) lanes.add(new Lane(n, MidiFx.NONE, List.of(LaneTarget.all(n))));
        return new GraphSpec(nodes, cs, lanes);
    }

    private static void events(Random rnd, EventBuffer ev) {
        ev.clear();
        for (int i = 0, n = rnd.nextInt(9), off = 0; i < n; i++) {
            off = Math.min(BLOCK - 1, off + rnd.nextInt(40));
            int port = 1 + rnd.nextInt(4), ch = rnd.nextInt(3), key = 30 + rnd.nextInt(70);
            switch (rnd.nextInt(6)) {
                case 0, 1 -> ev.add(port, off, 0x90 | ch, key, 1 + rnd.nextInt(127));
                case 2 -> ev.add(port, off, 0x80 | ch, key, 0);
                case 3 -> ev.add(port, off, 0xC0 | ch, rnd.nextInt(3), 0);
                case 4 -> ev.add(port, off, 0xB0 | ch, 1, rnd.nextInt(128));
                default -> ev.add(port, off, 0xE0 | ch, rnd.nextInt(128), rnd.nextInt(128));
            }
        }
    }

    @Test
    void oneTwoAndFourThreadsGiveTheSameBitsAsEachOtherAndAllocateNothing() {
        try (RenderWorkers two = new RenderWorkers(2); RenderWorkers four = new RenderWorkers(4)) {
            GraphRuntime live = new GraphRuntime(Fixtures.RATE, BLOCK), one = new GraphRuntime(Fixtures.RATE, BLOCK).offline(null),
                    g2 = new GraphRuntime(Fixtures.RATE, BLOCK).offline(two), g4 = new GraphRuntime(Fixtures.RATE, BLOCK).offline(four);
            for (GraphRuntime g : List.of(live, one, g2, g4)) g.publish(graph());
            Thread helper = two.helpers()[0];
            int compared = 1_500, warmUp = 6_000, blocks = warmUp + 2_000; // past `compared`, the two-thread graph alone
            Random rnd = new Random(7);
            EventBuffer ev = new EventBuffer(64);
            float[][] l = new float[2][BLOCK], a = new float[2][BLOCK], b = new float[2][BLOCK], c = new float[2][BLOCK];
            long differing = 0, mainBytes = 0, helperBefore = 0;
            double signal = 0, error = 0;
            int maxVoices = 0;
            for (int k = 0; k < blocks; k++) {
                events(rnd, ev);
                if (k == warmUp) helperBefore = MX.getThreadAllocatedBytes(helper.threadId());
                if (k < compared) { live.process(l, BLOCK, ev); one.process(a, BLOCK, ev); g4.process(c, BLOCK, ev); }
                long before = MX.getCurrentThreadAllocatedBytes();
                g2.process(b, BLOCK, ev);
                if (k >= warmUp) mainBytes += MX.getCurrentThreadAllocatedBytes() - before;
                maxVoices = Math.max(maxVoices, g2.activeVoices());
                if (k >= compared) continue;
                for (int ch = 0; ch < 2; ch++) {
                    if (!java.util.Arrays.equals(a[ch], b[ch]) || !java.util.Arrays.equals(a[ch], c[ch])) differing++;
                    for (int i = 0; i < BLOCK; i++) { signal += (double) l[ch][i] * l[ch][i]; error += (double) (a[ch][i] - l[ch][i]) * (a[ch][i] - l[ch][i]); }
                }
            }
            long helperBytes = MX.getThreadAllocatedBytes(helper.threadId()) - helperBefore;
            double db = 10 * Math.log10(error / signal);
            assertThat(maxVoices).as("the nodes really were busy").isGreaterThan(20);
            assertThat(signal / (compared * 2.0 * BLOCK)).as("mean square of the mix: it is heard").isGreaterThan(1e-4);
            assertThat(differing).as("block channels that differ between 1, 2 and 4 threads").isZero();
            assertThat(db).as("the recorded render against the straight one, dB RMS (summation order only)").isLessThan(-120);
            assertThat(two.helperTasks()).as("tasks (nodes and programs) the helper rendered").isGreaterThan(blocks / 4);
            assertThat(four.helperTasks()).as("tasks the four-thread helpers rendered").isPositive();
            assertThat(mainBytes).as("bytes the render thread allocated over 2,000 blocks").isZero();
            assertThat(helperBytes).as("bytes the helper allocated over 2,000 blocks").isZero();
        }
    }

    /** Renders silence, and fails when a helper thread renders it (the render thread never gets to it first here). */
    private static final class FailsOnHelper implements NoMidi {
        volatile boolean rendered;
        @Override public int activeVoices() { return 0; }
        @Override public void allSoundOff() { }

        @Override
        public void render(float[] left, float[] right, int from, int to) {
            rendered = true;
            if (Thread.currentThread().getName().startsWith("graph-test")) throw new IllegalStateException("node 2 cannot render: its sample is gone");
        }
    }

    /** Holds the render thread in its part until the other node has been rendered (bounded), so the helper takes that one. */
    private static final class Waits implements NoMidi {
        private final FailsOnHelper other;
        Waits(FailsOnHelper other) { this.other = other; }
        @Override public int activeVoices() { return 0; }
        @Override public void allSoundOff() { }

        @Override
        public void render(float[] left, float[] right, int from, int to) {
            long until = System.nanoTime() + 50_000_000;
            while (!other.rendered && System.nanoTime() < until) Thread.onSpinWait();
        }
    }

    @Test
    void aNodeFailingOnTheHelperFailsTheBlockWithItsMessage() {
        try (RenderWorkers workers = new RenderWorkers(2, "graph-test", 20_000)) {
            FailsOnHelper fails = new FailsOnHelper();
            GraphRuntime g = new GraphRuntime(Fixtures.RATE, BLOCK).offline(workers);
            g.publish(new GraphSpec(List.of(new InstrumentNode(1, new Waits(fails)), new InstrumentNode(2, fails), new OutputNode(10, 0)),
                    List.of(Connection.of(1, 10), Connection.of(2, 10)), List.of()));
            float[][] out = new float[2][BLOCK];
            EventBuffer none = new EventBuffer(1);
            IllegalStateException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(IllegalStateException.class, () -> {
                for (int k = 0; k < 10_000; k++) { fails.rendered = false; g.process(out, BLOCK, none); }
            }));
            assertThat(e).as("thrown only on a helper thread: the helper's failure reached the render thread").hasMessage("node 2 cannot render: its sample is gone");
        }
    }

    @Test
    void aGraphThatRanCannotStartRecordingButMayChangeItsWorkers() {
        float[][] out = new float[2][BLOCK];
        EventBuffer none = new EventBuffer(1);
        GraphRuntime live = new GraphRuntime(Fixtures.RATE, BLOCK);
        live.process(out, BLOCK, none);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> live.offline(null));
        assertThat(e.getMessage()).contains("cannot start recording");

        GraphRuntime offline = new GraphRuntime(Fixtures.RATE, BLOCK).offline(null);
        offline.process(out, BLOCK, none);
        try (RenderWorkers workers = new RenderWorkers(2, "graph-test", 20_000)) {
            offline.offline(workers); // already recording: only the workers change
            offline.process(out, BLOCK, none);
        }
    }
}
