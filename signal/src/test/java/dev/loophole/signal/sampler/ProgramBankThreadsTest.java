package dev.loophole.signal.sampler;

import static dev.loophole.signal.dsp.Interpolation.SINC_64;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.engine.ProgramBank;
import dev.loophole.signal.engine.RenderWorkers;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A bank of busy samplers rendered with a helper thread ({@link RenderWorkers}) against the same bank on one
 * thread: every block the same bits, whichever thread rendered which program, while program changes move
 * channels between programs; and neither the render thread nor the helper allocates per block.
 */
class ProgramBankThreadsTest {
    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Three programs, each with its own compiled patch (a patch's round-robin counters are its program's). */
    private static ProgramBank bank() { return bank(VoiceThread.AUDIO, -1); }

    /** As {@link #bank()}, with voices for {@code thread} and at {@code quality} (negative: the instrument's default). */
    private static ProgramBank bank(VoiceThread thread, int quality) {
        Fixtures f = AudioThreadAllocationTest.busyProgram();
        Map<Integer, Instrument> programs = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            SamplerInstrument s = new SamplerInstrument(new PatchCompiler(f.provider(), Fixtures.RATE).compile(f.program()), Fixtures.RATE, 16,
                    7 + p, null, thread);
            if (quality >= 0) s.setQuality(quality);
            programs.put(p, s);
        }
        return new ProgramBank(programs);
    }

    /**
     * As a render builds them: offline voices at sinc64 (tables, stretch tables and the vector forms' switch made at first
     * use, on whichever thread a program's block runs), keys far above and below the root. One thread and two, the
     * same bits in every block.
     */
    @Test
    void offlineSincProgramsGiveTheSameBitsOnTwoThreads() {
        try (RenderWorkers workers = new RenderWorkers(2)) {
            Engine one = new Engine(Fixtures.RATE, 256), two = new Engine(Fixtures.RATE, 256).workers(workers);
            ProgramBank alone = bank(VoiceThread.OFFLINE, SINC_64), shared = bank(VoiceThread.OFFLINE, SINC_64);
            for (int c = 0; c < 16; c++) { one.route(c, alone); two.route(c, shared); }
            Random rnd = new Random(11);
            EventBuffer ev = new EventBuffer(64);
            float[] al = new float[256], ar = new float[256], bl = new float[256], br = new float[256];
            long differing = 0;
            for (int k = 0; k < 400; k++) {
                ev.clear();
                for (int i = 0, n = rnd.nextInt(5), off = 0; i < n; i++) {
                    off = Math.min(255, off + rnd.nextInt(60));
                    int ch = rnd.nextInt(3);
                    if (rnd.nextInt(4) == 0) ev.add(off, 0xC0 | ch, rnd.nextInt(3), 0);
                    else if (rnd.nextBoolean()) ev.add(off, 0x90 | ch, 20 + rnd.nextInt(90), 1 + rnd.nextInt(127));
                    else ev.add(off, 0x80 | ch, 20 + rnd.nextInt(90), 0);
                }
                one.process(al, ar, 256, ev);
                two.process(bl, br, 256, ev);
                if (!Arrays.equals(al, bl) || !Arrays.equals(ar, br)) differing++;
            }
            assertThat(workers.helperTasks()).as("the helper rendered programs").isPositive();
            assertThat(differing).as("blocks that differ between one thread and two").isZero();
        }
    }

    @Test
    void twoThreadsGiveTheSameBitsAsOneAndAllocateNothingPerBlock() {
        try (RenderWorkers workers = new RenderWorkers(2)) {
            Engine one = new Engine(Fixtures.RATE, 256), two = new Engine(Fixtures.RATE, 256).workers(workers);
            ProgramBank alone = bank(), shared = bank();
            for (int c = 0; c < 16; c++) { one.route(c, alone); two.route(c, shared); }
            Thread helper = workers.helpers()[0];
            int compared = 2_000, warmUp = 8_000, blocks = warmUp + 3_000; // after `compared`, the two-thread bank alone
            Random rnd = new Random(5);
            EventBuffer ev = new EventBuffer(64);
            float[][] a = new float[6][256], b = new float[6][256]; // main and both sends: the multi-output path
            float[] al = new float[256], ar = new float[256], bl = new float[256], br = new float[256];
            long mainBytes = 0, helperBefore = 0, differing = 0;
            int maxVoices = 0;
            for (int k = 0; k < blocks; k++) {
                ev.clear();
                for (int i = 0, n = rnd.nextInt(7), off = 0; i < n; i++) {
                    off = Math.min(255, off + rnd.nextInt(50));
                    int ch = rnd.nextInt(3), kind = rnd.nextInt(6), key = 30 + rnd.nextInt(70);
                    switch (kind) {
                        case 0, 1 -> ev.add(off, 0x90 | ch, key, 1 + rnd.nextInt(127));
                        case 2 -> ev.add(off, 0x80 | ch, key, 0);
                        case 3 -> ev.add(off, 0xC0 | ch, rnd.nextInt(3), 0);      // a program change inside the block
                        case 4 -> ev.add(off, 0xB0 | ch, 1, rnd.nextInt(128));
                        default -> ev.add(off, 0xE0 | ch, rnd.nextInt(128), rnd.nextInt(128));
                    }
                }
                if (k == warmUp) helperBefore = MX.getThreadAllocatedBytes(helper.threadId());
                if (k % 2 == 0) {
                    if (k < compared) one.process(a, 256, ev);
                    long before = MX.getCurrentThreadAllocatedBytes();
                    two.process(b, 256, ev);
                    if (k >= warmUp) mainBytes += MX.getCurrentThreadAllocatedBytes() - before;
                    for (int p = 0; p < 6 && k < compared; p++) if (!Arrays.equals(a[p], b[p])) differing++;
                } else {
                    if (k < compared) one.process(al, ar, 256, ev);
                    long before = MX.getCurrentThreadAllocatedBytes();
                    two.process(bl, br, 256, ev);
                    if (k >= warmUp) mainBytes += MX.getCurrentThreadAllocatedBytes() - before;
                    if (k < compared && (!Arrays.equals(al, bl) || !Arrays.equals(ar, br))) differing++;
                }
                maxVoices = Math.max(maxVoices, shared.activeVoices());
            }
            long helperBytes = MX.getThreadAllocatedBytes(helper.threadId()) - helperBefore;
            assertThat(maxVoices).as("the programs really were busy").isGreaterThan(12);
            assertThat(workers.helperTasks()).as("the helper rendered programs").isGreaterThan(blocks / 4);
            assertThat(differing).as("blocks (pairs) that differ between one thread and two").isZero();
            assertThat(mainBytes).as("bytes the render thread allocated over 3,000 blocks").isZero();
            assertThat(helperBytes).as("bytes the helper allocated over 3,000 blocks").isZero();
        }
    }
}
