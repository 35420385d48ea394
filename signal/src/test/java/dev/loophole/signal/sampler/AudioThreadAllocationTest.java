package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.media.SampleMetadata;
import dev.loophole.model.Choke;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.Trigger;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.model.project.EffectKind;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The real-time rule, measured: a busy sampler allocates nothing per block once warmed up. */
class AudioThreadAllocationTest {

    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** A program that exercises every per-voice feature: loops, filters, envelopes, LFOs, the matrix, chokes, release triggers. */
    static Fixtures busyProgram() {
        float[] tone = Fixtures.sine(220, 48_000, 0.3);
        SampleMetadata loop = new SampleMetadata(57, 0, List.of(new SampleMetadata.SampleLoop(1000, 1000 + 218 * 20 - 1, 0)));
        Fixtures f = new Fixtures().sample("tone", tone, loop).sample("hit", Fixtures.sine(1000, 3000, 0.5));
        for (int k = 0; k < 4; k++) {
            int pos = k + 1;
            f.region("tone", b -> {
                b.keyRange = new IntRange(0, 100);
                // every loop type round the round robin, the last forward one with a crossfade
                b.loop = new Loop(LoopMode.LOOP_SUSTAIN, dev.loophole.model.LoopType.values()[pos % 3], -1, -1, pos == 3 ? 0.02 : 0, 0);
                // a filter, filter envelope and v1 LFOs, so per-voice modulation is measured too
                // (a two-pole one on half: those voices render in lock step, their filters in lanes, see VoiceBatch)
                b.filters.add(new dev.loophole.model.Filter(pos % 2 == 0 ? "lpf_2p" : "lpf_4p", 1500, 6, 50, 60, 600, 0));
                // dynamic envelopes (half the amplitude ones): controller moves re-time them while voices play
                b.envelopes = new dev.loophole.model.Envelopes(dev.loophole.model.Envelope.AMP_DEFAULT.withDynamic(pos % 2 == 0),
                        new dev.loophole.model.Envelope(0, 0, 0.01, 0, 0.3, 0.5, 0.2, 2400, 0, 0.02, 0, 0, 0, 0, 0).withDynamic(true),
                        dev.loophole.model.Envelope.MOD_DEFAULT);
                b.otherOpcodes.put("pitchlfo_freq", "5.5");
                b.otherOpcodes.put("pitchlfo_depth", "20");
                b.otherOpcodes.put("amplfo_freq", "3");
                b.otherOpcodes.put("amplfo_depth", "2");
                b.otherOpcodes.put("fillfo_freq", "0.7");
                b.otherOpcodes.put("fillfo_depth", "600");
                b.conditions = new RegionConditions(IntRange.CHANNELS, Map.of(1, new IntRange(0, 127)), IntRange.BEND,
                        0, 1, 4, pos, Trigger.ATTACK, null, -1, -1, -1, -1, null);
                // the modulation matrix: v2 LFOs with a sub-wave and steps, flex envelopes (one as the amplitude
                // envelope), smoothed and curved controller routings, a depth routing, filter 2, EQ, note-start targets
                b.lfos.add(new dev.loophole.model.Lfo(1, 4, 1, 0.05, 0.1, 0.25, 0, List.of(), 0.01, 0,
                        List.of(new dev.loophole.model.Lfo.SubWave(2, pos == 1 ? 12 : 2, 3, 0.5, 0)))); // S&H (renders alone) on one
                b.lfos.add(new dev.loophole.model.Lfo(2, 2, 1, 0, 0, 0, 0, List.of(10.0, -50.0, 80.0, 0.0), 0, 0, List.of()));
                b.egs.add(new dev.loophole.model.FlexEnvelope(1, List.of(new dev.loophole.model.FlexEnvelope.Point(0, 0, 0),
                        new dev.loophole.model.FlexEnvelope.Point(0.02, 1, 2), new dev.loophole.model.FlexEnvelope.Point(0.3, 0.6, -1),
                        new dev.loophole.model.FlexEnvelope.Point(0.2, 0, 0)), 2, 0, 0, pos == 1, false));
                b.modulation.add(dev.loophole.model.Modulation.of("lfo1", "pitch", 15));
                b.modulation.add(dev.loophole.model.Modulation.of("lfo2", "cutoff", 300));
                b.modulation.add(dev.loophole.model.Modulation.of("eg1", "cutoff2", 1200));
                b.modulation.add(new dev.loophole.model.Modulation("cc1", "volume", -12, 4, 20, 0));
                b.modulation.add(new dev.loophole.model.Modulation("cc1", "lfo1_pitch", 30, 0, 0, 5));
                b.modulation.add(dev.loophole.model.Modulation.of("cc128", "pan", 40));
                b.modulation.add(dev.loophole.model.Modulation.of("cc136", "eq1_gain", 6));
                b.modulation.add(dev.loophole.model.Modulation.of("cc1", "ampeg_release", 0.3));
                b.modulation.add(dev.loophole.model.Modulation.of("cc1", "fileg_sustain", 20));
                b.modulation.add(dev.loophole.model.Modulation.of("cc1", "amp_veltrack", -40));
                b.filters.add(new dev.loophole.model.Filter("hpf_2p", 80, 0, 0, 60, 0, 0));
                b.eq.add(new dev.loophole.model.EqBand(1, 800, 1.5, 3, 0, 0, "peak"));
                b.tuning = b.tuning.withBend(1, 5).withPitchRandom(3);
            });
        }
        f.region("hit", b -> { b.keyRange = new IntRange(101, 127); b.choke = new Choke(1, 1, null, 0, 0, 0); });
        f.region("hit", b -> { b.keyRange = new IntRange(0, 127); b.conditions = new RegionConditions(IntRange.CHANNELS, Map.of(),
                IntRange.BEND, 0, 1, 1, 1, Trigger.RELEASE, null, -1, -1, -1, -1, null); });
        return f;
    }

    /** Pre-generated events per block (offset, status, data1, data2 rows flattened) on channels 0 and 1. */
    private static int[][] randomEvents(int blocks, long seed) {
        Random rnd = new Random(seed);
        int[][] ev = new int[blocks][];
        for (int b = 0; b < blocks; b++) {
            int n = rnd.nextInt(6);
            ev[b] = new int[n * 4];
            int off = 0;
            for (int i = 0; i < n; i++) {
                off = Math.min(255, off + rnd.nextInt(60));
                int kind = rnd.nextInt(5), ch = rnd.nextInt(2), key = 30 + rnd.nextInt(98);
                int status = switch (kind) { case 0, 1 -> 0x90; case 2 -> 0x80; case 3 -> 0xB0; default -> 0xE0; } | ch;
                int d1 = kind == 3 ? (rnd.nextBoolean() ? 64 : 1) : kind == 4 ? rnd.nextInt(128) : key;
                ev[b][i * 4] = off; ev[b][i * 4 + 1] = status; ev[b][i * 4 + 2] = d1; ev[b][i * 4 + 3] = 1 + rnd.nextInt(127);
            }
        }
        return ev;
    }

    @Test
    void steadyStateProcessingAllocatesZeroBytes() {
        Fixtures f = busyProgram();
        // Two compiled patches (control side) swapped every 100 blocks, as an editor's changes would be.
        Patch[] patches = {new PatchCompiler(f.provider(), Fixtures.RATE).compile(f.program()),
                new PatchCompiler(f.provider(), Fixtures.RATE).compile(f.program())};
        SamplerInstrument inst = new SamplerInstrument(patches[0], Fixtures.RATE, 48, 3);
        SamplerInstrument drums = new SamplerInstrument(patches[1], Fixtures.RATE, 48, 5);
        Engine engine = new Engine(Fixtures.RATE, 256);
        for (int c = 0; c < 16; c++) engine.route(c, inst);
        engine.route(1, drums, 1); // channel 2 on its own output bus: the multi-output path is measured too

        // Pre-generated events so the loop under test does nothing but feed and process.
        int[][] ev = randomEvents(Steady.MAX_BLOCKS, 11);
        float[] l = new float[256], r = new float[256];
        float[][] buses = new float[4][256];
        EventBuffer buf = new EventBuffer(64);
        int[] maxVoices = {0};
        Steady steady = Steady.run(b -> {
            long before = MX.getCurrentThreadAllocatedBytes();
            if (b % 100 == 0) inst.swapPatch(patches[(b / 100) % 2]);
            buf.clear();
            int[] e = ev[b];
            for (int i = 0; i < e.length; i += 4) buf.add(e[i], e[i + 1], e[i + 2], e[i + 3]);
            if (b % 2 == 0) engine.process(l, r, 256, buf); // offline shape: every bus in one pair
            else engine.process(buses, 256, buf);          // live shape: one pair per bus
            maxVoices[0] = Math.max(maxVoices[0], inst.activeVoices() + drums.activeVoices());
            return MX.getCurrentThreadAllocatedBytes() - before;
        });
        assertThat(maxVoices[0]).as("the program really was busy").isGreaterThan(20);
        assertThat(steady.allocated()).as("bytes allocated over %,d blocks after %,d of warm-up", Steady.MEASURED, steady.warmUp()).isZero();
    }

    /**
     * Runs blocks until the warm-up is over, then {@link #MEASURED} more, and sums what those allocated on this thread.
     * The JVM's one-time linking of freshly compiled call sites allocates a few bytes on the thread that runs them,
     * which is not our code: the warm-up runs at least {@link #MIN_WARM_UP} blocks, then on until {@link #QUIET} windows
     * of {@link #WINDOW} blocks in a row allocated nothing, and at most {@link #MAX_WARM_UP} (what the fixed warm-up was).
     * Measured (printing each window): the graphs' last warm-up bytes fall in their first 3,000 blocks, their CPU per
     * block is flat from the first 1,000 (C2 is done with the block path), and the compiles that go on later (the
     * control side's publishing, a rarely taken branch) allocated nothing on this thread in any window up to 15,000.
     * So a case runs ≈ 15,000 blocks instead of 25,000; the blocks measured are as many as before.
     */
    record Steady(int warmUp, long allocated) {
        static final int MIN_WARM_UP = 3_000, WINDOW = 1_000, QUIET = 2, MAX_WARM_UP = 15_000, MEASURED = 10_000,
                MAX_BLOCKS = MAX_WARM_UP + MEASURED;

        /** {@code block}: runs block {@code k}, returns the bytes its measured part allocated. */
        static Steady run(java.util.function.IntToLongFunction block) {
            int k = 0, quiet = 0;
            long windowBytes = 0;
            while (k < MAX_WARM_UP) {
                windowBytes += block.applyAsLong(k++);
                if (k % WINDOW != 0) continue;
                quiet = windowBytes == 0 ? quiet + 1 : 0;
                windowBytes = 0;
                if (k >= MIN_WARM_UP && quiet >= QUIET) break;
            }
            int warmUp = k;
            System.out.printf("AudioThreadAllocationTest: warmed up in %,d blocks%n", warmUp);
            long allocated = 0;
            while (k < warmUp + MEASURED) allocated += block.applyAsLong(k++);
            return new Steady(warmUp, allocated);
        }
    }

    /**
     * The same rule for a node graph: three samplers on two lanes (a split and a layer with MIDI FX),
     * a per-pad style second chain, every built-in effect (12 nodes), swapped for an edited graph
     * every 100 blocks, with parameter events in every block (automation gliding an effect, a chase
     * jumping one and putting one back at rest, a node-level controller on an instrument, a node's
     * tune automated and put back at rest, and edited between graphs). Only the
     * audio thread's {@code process} calls are measured; publishing (the control side's compile)
     * allocates, by design, outside them.
     */
    @Test
    void aNodeGraphWithEffectsAllocatesZeroBytesPerBlock() {
        Fixtures f = busyProgram();
        PatchCompiler pc = new PatchCompiler(f.provider(), Fixtures.RATE);
        SamplerInstrument a = new SamplerInstrument(pc.compile(f.program()), Fixtures.RATE, 48, 3);
        SamplerInstrument b = new SamplerInstrument(pc.compile(f.program()), Fixtures.RATE, 48, 4);
        SamplerInstrument c = new SamplerInstrument(pc.compile(f.program()), Fixtures.RATE, 48, 5);
        GraphRuntime g = new GraphRuntime(Fixtures.RATE, 256);
        GraphSpec[] specs = new GraphSpec[2];
        for (int v = 0; v < 2; v++) {
            double edit = v * 3;
            specs[v] = new GraphSpec(List.of(new InstrumentNode(1, a, Map.of(20, 30 + v)), new InstrumentNode(2, b, Map.of(), 25 * v), new InstrumentNode(3, c),
                    new EffectNode(10, EffectKind.EQ4, Map.of("band2_gain", 4 + edit, "band3_gain", -3.0)),
                    new EffectNode(11, EffectKind.COMPRESSOR, Map.of("threshold", -24 + edit)),
                    new EffectNode(12, EffectKind.DELAY, Map.of("time", 120 + 40 * edit)),
                    new EffectNode(13, EffectKind.CHORUS, Map.of("depth", 2 + edit)),
                    new EffectNode(14, EffectKind.REVERB, Map.of("decay", 1.5 + edit, "mix", 100.0)),
                    new EffectNode(15, EffectKind.GAIN_PAN, Map.of("gain", -3 - edit, "pan", 0.3)),
                    new EffectNode(16, EffectKind.GAIN_PAN, Map.of("pan", -0.4)),
                    new OutputNode(20, 0), new OutputNode(21, 1)),
                    List.of(Connection.of(1, 10), Connection.of(2, 10), Connection.of(10, 11), Connection.of(11, 12), Connection.of(12, 13),
                            Connection.of(13, 15), new Connection(13, 0, 14, 0.3), Connection.of(14, 15), Connection.of(15, 20),
                            Connection.of(3, 16), Connection.of(16, 21)),
                    List.of(new Lane(0, MidiFx.NONE, List.of(new LaneTarget(1, 0, 63 + v, 1, 127, 0), new LaneTarget(2, 64 + v, 127, 1, 127, 0))),
                            new Lane(1, new MidiFx(v, 0.8, 5), List.of(LaneTarget.all(3), new LaneTarget(1, 0, 127, 1, 127, 12)))));
        }
        assertGraphAllocatesNothing(g, specs, 12);
    }

    /**
     * Runs {@code g} on random events (channel 0 to lane 0, channel 1 to lane 1), publishing {@code specs} in turn every
     * 100 blocks; once warmed up ({@link Steady}), the audio thread's {@code process} must allocate 0 bytes over 10,000 blocks.
     */
    private static void assertGraphAllocatesNothing(GraphRuntime g, GraphSpec[] specs, long seed) {
        g.publish(specs[0]);
        int[][] ev = randomEvents(Steady.MAX_BLOCKS, seed);
        float[][] out = new float[4][256];
        EventBuffer buf = new EventBuffer(64);
        int[] maxVoices = {0};
        Steady steady = Steady.run(k -> {
            if (k % 100 == 0) g.publish(specs[(k / 100) % 2]);
            buf.clear();
            int[] e = ev[k];
            for (int i = 0; i < e.length; i += 4) buf.add(e[i + 1] & 1, e[i], e[i + 1], e[i + 2], e[i + 3]);
            buf.add(15, 255, GraphRuntime.PARAMETER, 0, Float.floatToRawIntBits(-6f - k % 7));
            buf.add(10, 255, GraphRuntime.PARAMETER_JUMP, 6, Float.floatToRawIntBits(k % 5));
            buf.add(12, 255, GraphRuntime.PARAMETER_REST, 4, 0);
            buf.add(1, 255, GraphRuntime.PARAMETER, 20, Float.floatToRawIntBits(k % 128));
            buf.add(1, 255, GraphRuntime.PARAMETER, GraphRuntime.TUNE, Float.floatToRawIntBits(k % 200 - 100f));
            buf.add(2, 255, GraphRuntime.PARAMETER_REST, GraphRuntime.TUNE, 0);
            long before = MX.getCurrentThreadAllocatedBytes();
            g.process(out, 256, buf);
            long after = MX.getCurrentThreadAllocatedBytes();
            maxVoices[0] = Math.max(maxVoices[0], g.activeVoices());
            return after - before;
        });
        assertThat(maxVoices[0]).as("the graph really was busy").isGreaterThan(20);
        assertThat(steady.allocated()).as("bytes allocated by process over %,d blocks after %,d of warm-up", Steady.MEASURED, steady.warmUp()).isZero();
    }

    /**
     * The busy program as a multi-out kit: its regions on program outputs 0, 1 and 2 in turn, one of them a
     * multi-mic region (its sample on outputs 1 and 2 at once), and effect sends on.
     */
    static dev.loophole.model.Program multiOut(dev.loophole.model.Program p) {
        List<dev.loophole.model.SampleGroup> groups = p.groups().stream().map(g -> {
            List<dev.loophole.model.SampleRegion> rs = new java.util.ArrayList<>();
            for (int i = 0; i < g.regions().size(); i++) {
                dev.loophole.model.SampleRegion r = g.regions().get(i);
                dev.loophole.model.SampleRegion.Builder b = r.toBuilder();
                dev.loophole.model.SampleRef s = r.sample();
                b.samples = new java.util.ArrayList<>(i == 1 ? List.of(s.asMic(0, -30, 1), s.asMic(-6, 30, 2)) : List.of(s.asMic(0, 0, i % 3)));
                b.otherOpcodes.put("effect1", "20");
                b.otherOpcodes.put("effect2", "10");
                rs.add(b.build());
            }
            return new dev.loophole.model.SampleGroup(g.groupId(), g.name(), rs);
        }).toList();
        return p.withGroups(groups);
    }

    /**
     * Multi-out instruments in a graph of 12 nodes: a kit's main output through an EQ and a compressor, its
     * output 1 through its own gain node, its output 2 taken by nothing (folded into the main path), its sends
     * into a reverb and a chorus; a second kit's output 1 through a delay. Edited every 100 blocks.
     */
    @Test
    void aMultiOutGraphAllocatesZeroBytesPerBlock() {
        Fixtures f = busyProgram();
        PatchCompiler pc = new PatchCompiler(f.provider(), Fixtures.RATE);
        dev.loophole.model.Program kit = multiOut(f.program());
        SamplerInstrument a = new SamplerInstrument(pc.compile(kit), Fixtures.RATE, 48, 3);
        SamplerInstrument b = new SamplerInstrument(pc.compile(kit), Fixtures.RATE, 48, 4);
        assertThat(a.outputs()).as("main, two sends, outputs 1 and 2").isEqualTo(5);
        int out1 = SamplerInstrument.engineOutput(1);
        GraphRuntime g = new GraphRuntime(Fixtures.RATE, 256);
        GraphSpec[] specs = new GraphSpec[2];
        for (int v = 0; v < 2; v++) {
            double edit = v * 3;
            specs[v] = new GraphSpec(List.of(new InstrumentNode(1, a), new InstrumentNode(2, b),
                    new EffectNode(10, EffectKind.EQ4, Map.of("band2_gain", 4 + edit)),
                    new EffectNode(11, EffectKind.COMPRESSOR, Map.of("threshold", -24 + edit)),
                    new EffectNode(12, EffectKind.DELAY, Map.of("time", 120 + 40 * edit)),
                    new EffectNode(13, EffectKind.CHORUS, Map.of("depth", 2 + edit)),
                    new EffectNode(14, EffectKind.REVERB, Map.of("decay", 1.5 + edit, "mix", 100.0)),
                    new EffectNode(15, EffectKind.GAIN_PAN, Map.of("gain", -3 - edit)),
                    new EffectNode(16, EffectKind.GAIN_PAN, Map.of("pan", -0.4)),
                    new EffectNode(17, EffectKind.GAIN_PAN, Map.of("gain", -6.0)),
                    new OutputNode(20, 0), new OutputNode(21, 1)),
                    List.of(Connection.of(1, 10), Connection.of(10, 11), Connection.of(11, 20),
                            new Connection(1, out1, 15, 1), Connection.of(15, 20),
                            new Connection(1, SamplerInstrument.REVERB_SEND, 14, 1), Connection.of(14, 20),
                            new Connection(1, SamplerInstrument.CHORUS_SEND, 13, 1), Connection.of(13, 21),
                            Connection.of(2, 16), Connection.of(16, 21), new Connection(2, out1, 12, 1), Connection.of(12, 17), Connection.of(17, 21)),
                    List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1))), new Lane(1, new MidiFx(v, 0.8, 5), List.of(LaneTarget.all(2)))));
        }
        assertGraphAllocatesNothing(g, specs, 21);
    }
}
