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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
    private static GraphSpec graph() { return graph(List.of()); }

    /** {@link #graph()} with {@code extra} silent nodes (ids 20, 21, …) into the output too. */
    private static GraphSpec graph(List<? extends NoMidi> extra) {
        Fixtures f = AudioThreadAllocationTest.busyProgram();
        ProgramBank bank = new ProgramBank(Map.of(0, sampler(f.program(), f, 21), 1, sampler(f.program(), f, 22), 2, sampler(f.program(), f, 23)));
        List<GraphSpec.Node> nodes = new ArrayList<>(List.of(new InstrumentNode(1, sampler(f.program(), f, 11)), new InstrumentNode(2, sampler(f.program(), f, 12)),
                new InstrumentNode(3, sampler(AudioThreadAllocationTest.multiOut(f.program()), f, 13)), new InstrumentNode(4, bank),
                new EffectNode(5, EffectKind.GAIN_PAN, Map.of("gain", -3.0)), new OutputNode(10, 0)));
        List<Connection> cs = new ArrayList<>(List.of(Connection.of(1, 10), Connection.of(2, 10), Connection.of(3, 10), new Connection(3, 1, 5, 1),
                Connection.of(5, 10), Connection.of(4, 10)));
        for (int i = 0; i < extra.size(); i++) { nodes.add(new InstrumentNode(20 + i, extra.get(i))); cs.add(Connection.of(20 + i, 10)); }
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
    void aGraphThatRanCannotStartRecording() {
        float[][] out = new float[2][BLOCK];
        EventBuffer none = new EventBuffer(1);
        GraphRuntime live = new GraphRuntime(Fixtures.RATE, BLOCK);
        live.process(out, BLOCK, none);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> live.offline(null));
        assertThat(e.getMessage()).contains("cannot start recording");
    }

    /** Renders silence and notes which thread rendered it into the set of the span the render thread is in. */
    private static final class Watch implements NoMidi {
        private final List<Set<String>> spans;
        private final AtomicInteger span;
        Watch(List<Set<String>> spans, AtomicInteger span) { this.spans = spans; this.span = span; }
        @Override public int activeVoices() { return 0; }
        @Override public void allSoundOff() { }
        @Override public void render(float[] left, float[] right, int from, int to) { spans.get(span.get()).add(Thread.currentThread().getName()); }
    }

    /**
     * A graph that is rendering is given other workers between blocks by a control thread, as a render's owner would:
     * none, two threads, four, none again. Silent watch nodes note which threads rendered them in each span: the render
     * thread alone without workers, the two-thread workers' helper and none of the four's in the second span, the four's
     * helpers (at least two of its three) and not the two's in the third, the render thread alone again in the last; the
     * workers left behind run no task after the switch. Every block is the same bits as a graph rendered on one thread.
     */
    @Test
    void aRunningGraphTakesUpOtherWorkersBetweenBlocksAndKeepsItsBits() throws Exception {
        List<Set<String>> spans = List.of(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet());
        List<Set<String>> ignored = List.of(ConcurrentHashMap.newKeySet());
        AtomicInteger span = new AtomicInteger(), none = new AtomicInteger();
        try (RenderWorkers two = new RenderWorkers(2, "two", 20_000); RenderWorkers four = new RenderWorkers(4, "four", 20_000)) {
            GraphRuntime one = new GraphRuntime(Fixtures.RATE, BLOCK).offline(null), g = new GraphRuntime(Fixtures.RATE, BLOCK).offline(null);
            one.publish(graph(List.of(new Watch(ignored, none), new Watch(ignored, none), new Watch(ignored, none))));
            g.publish(graph(List.of(new Watch(spans, span), new Watch(spans, span), new Watch(spans, span))));
            RenderWorkers[] next = {two, four, null};
            SynchronousQueue<Integer> asked = new SynchronousQueue<>(), done = new SynchronousQueue<>();
            long[] twoTasksAtSwitch = new long[1], fourTasksAtSwitch = new long[1];
            int[] blocksIn = new int[4];
            double[] heard = new double[1];
            long[] differing = new long[1];
            CompletableFuture<String> render = new CompletableFuture<>();
            Thread.ofPlatform().name("graph-render").daemon().start(() -> {
                try {
                    Random rnd = new Random(11);
                    EventBuffer ev = new EventBuffer(64);
                    float[][] a = new float[2][BLOCK], b = new float[2][BLOCK];
                    for (int s = 0; s < 4; s++) {
                        if (s > 0) { asked.put(s - 1); done.take(); span.set(s); } // the control thread swaps the workers between blocks
                        long until = System.nanoTime() + 20_000_000_000L; // each span's own (a slow one leaves the next its time)
                        if (s == 2) twoTasksAtSwitch[0] = two.helperTasks();
                        if (s == 3) fourTasksAtSwitch[0] = four.helperTasks();
                        for (int k = 0; k < 300 || (!helpersSeen(spans, s) && System.nanoTime() < until); k++, blocksIn[s]++) {
                            events(rnd, ev);
                            one.process(a, BLOCK, ev);
                            g.process(b, BLOCK, ev);
                            for (int ch = 0; ch < 2; ch++) {
                                if (!java.util.Arrays.equals(a[ch], b[ch])) differing[0]++;
                                for (float x : a[ch]) heard[0] += (double) x * x;
                            }
                        }
                    }
                    render.complete("rendered");
                } catch (Throwable t) {
                    render.completeExceptionally(t);
                }
            });
            for (int s = 0; s < 3; s++) {
                Integer which = null;
                long until = System.nanoTime() + 60_000_000_000L;
                while (which == null && !render.isDone() && System.nanoTime() < until) which = asked.poll(1, TimeUnit.SECONDS);
                if (which == null && render.isDone()) render.get(); // the render thread's own failure, if it died
                assertThat(which).as("the render thread asks for workers " + s).isNotNull();
                g.offline(next[which]);
                done.put(which);
            }
            assertThat(render.get(60, TimeUnit.SECONDS)).isEqualTo("rendered");
            int blocks = blocksIn[0] + blocksIn[1] + blocksIn[2] + blocksIn[3];
            assertThat(heard[0] / (blocks * 2.0 * BLOCK)).as("mean square of the mix: it is heard").isGreaterThan(1e-4);
            assertThat(differing[0]).as("block channels that differ from the one-thread graph, over " + blocks + " blocks").isZero();
            assertThat(spans.get(0)).as("threads that rendered the watch nodes without workers").containsExactly("graph-render");
            assertThat(spans.get(1)).as("threads that rendered the watch nodes on the two-thread workers").contains("two-1")
                    .allMatch(n -> n.equals("graph-render") || n.equals("two-1"));
            assertThat(fourHelpersSeen(spans.get(2))).as("helpers of the four-thread workers that rendered watch nodes, of 3: " + spans.get(2)).isGreaterThanOrEqualTo(2);
            assertThat(spans.get(2)).as("the four-thread workers' span: no thread of the two's").allMatch(n -> n.equals("graph-render") || n.startsWith("four-"));
            assertThat(spans.get(3)).as("threads that rendered the watch nodes after the workers were taken away").containsExactly("graph-render");
            assertThat(two.helperTasks()).as("tasks the two-thread workers ran after they were replaced").isEqualTo(twoTasksAtSwitch[0]);
            assertThat(four.helperTasks()).as("tasks the four-thread workers ran after they were taken away").isEqualTo(fourTasksAtSwitch[0]);
        }
    }

    private static int fourHelpersSeen(Set<String> names) { return (int) names.stream().filter(n -> n.startsWith("four-")).count(); }

    /** Whether span {@code s}'s helpers have been seen as the test asks (a busy machine may keep one off its core a while). */
    private static boolean helpersSeen(List<Set<String>> spans, int s) {
        return s == 1 ? spans.get(1).contains("two-1") : s != 2 || fourHelpersSeen(spans.get(2)) >= 2;
    }
}
