package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.media.SampleMetadata;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.expression.MidiScale;
import dev.loophole.signal.expression.UmpDecoder;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The real-time rule under per-note traffic: MPE, poly aftertouch and UMP per-note messages allocate nothing per block. */
class MpeAllocationTest {

    @Test
    void busyMpeAndUmpTrafficAllocatesZeroBytes() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SampleMetadata loop = new SampleMetadata(57, 0, List.of(new SampleMetadata.SampleLoop(1000, 1000 + 218 * 20 - 1, 0)));
        Fixtures f = new Fixtures().sample("tone", Fixtures.sine(220, 48_000, 0.3), loop);
        f.region("tone", b -> {
            b.keyRange = new IntRange(0, 127);
            b.loop = new Loop(LoopMode.LOOP_SUSTAIN, null, -1, -1, 0, 0);
            b.filters.add(new dev.loophole.model.Filter("lpf_2p", 2000, 3, 0, 60, 0, 0));
            b.otherOpcodes.put("pitchlfo_freq", "5");
            b.otherOpcodes.put("pitchlfo_depth", "10");
        });
        Patch patch = new PatchCompiler(f.provider(), Fixtures.RATE).compile(f.program());
        SamplerInstrument inst = new SamplerInstrument(patch, Fixtures.RATE, 48, 3);
        Engine engine = new Engine(Fixtures.RATE, 256);
        for (int c = 0; c < 16; c++) engine.route(c, inst);

        int warmUp = 15_000, blocks = warmUp + 10_000;
        Random rnd = new Random(5);
        int[][] ev = new int[blocks][];
        for (int b = 0; b < blocks; b++) {
            int n = rnd.nextInt(8);
            ev[b] = new int[n * 4];
            int off = 0;
            for (int i = 0; i < n; i++) {
                off = Math.min(255, off + rnd.nextInt(40));
                int member = 1 + rnd.nextInt(10), key = 30 + rnd.nextInt(90), status, d1, d2;
                switch (rnd.nextInt(10)) {
                    case 0 -> { status = 0x90 | member; d1 = key; d2 = 1 + rnd.nextInt(127); }
                    case 1 -> { status = 0x80 | member; d1 = key; d2 = 64; }
                    case 2 -> { status = 0xE0 | member; d1 = rnd.nextInt(128); d2 = rnd.nextInt(128); }
                    case 3 -> { status = 0xD0 | member; d1 = rnd.nextInt(128); d2 = 0; }
                    case 4 -> { status = 0xB0 | member; d1 = 74; d2 = rnd.nextInt(128); }
                    case 5 -> { status = 0xE0; d1 = rnd.nextInt(128); d2 = rnd.nextInt(128); } // manager bend
                    case 6 -> { status = 0xA0 | 12; d1 = key; d2 = rnd.nextInt(128); }        // poly aftertouch, outside the zone
                    case 7 -> { status = Engine.UMP; d1 = UmpDecoder.word0(0x9, 13, key, 0); d2 = MidiScale.velocity16(90) << 16; }
                    case 8 -> { status = Engine.UMP; d1 = UmpDecoder.word0(0x6, 13, key, 0); d2 = rnd.nextInt(); }
                    default -> { status = Engine.UMP; d1 = UmpDecoder.word0(0x8, 13, key, 0); d2 = 0; }
                }
                ev[b][i * 4] = off; ev[b][i * 4 + 1] = status; ev[b][i * 4 + 2] = d1; ev[b][i * 4 + 3] = d2;
            }
        }
        float[] l = new float[256], r = new float[256];
        EventBuffer buf = new EventBuffer(64);
        buf.add(0, 0xB0, 101, 0); buf.add(0, 0xB0, 100, 6); buf.add(0, 0xB0, 6, 10); // lower zone, 10 members
        engine.process(l, r, 256, buf);
        long before = 0;
        int maxVoices = 0;
        for (int b = 0; b < blocks; b++) {
            if (b == warmUp) before = mx.getCurrentThreadAllocatedBytes();
            buf.clear();
            int[] e = ev[b];
            for (int i = 0; i < e.length; i += 4) buf.add(e[i], e[i + 1], e[i + 2], e[i + 3]);
            engine.process(l, r, 256, buf);
            maxVoices = Math.max(maxVoices, inst.activeVoices());
        }
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertThat(engine.mpe().members(0)).isEqualTo(10);
        assertThat(maxVoices).as("the program really was busy").isGreaterThan(20);
        assertThat(allocated).as("bytes allocated over 10,000 blocks of MPE and UMP traffic").isZero();
    }
}
