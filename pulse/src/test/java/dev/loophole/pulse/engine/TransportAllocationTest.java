package dev.loophole.pulse.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.signal.engine.EventBuffer;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transport on the audio thread allocates nothing while it chases: a loop of 0.25 s round a
 * note's start, wrapping every 47 blocks, and a locate every 60 blocks, each putting CC7, CC74, bend and an automated
 * node volume at their values (ChaseTest's project), parameter events split out on the way.
 * Measured with ThreadMXBean around each {@code process} call, after a warm-up for the JIT.
 */
class TransportAllocationTest {
    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void chasingOnLoopsAndLocatesAllocatesZeroBytes(@TempDir Path dir) throws Exception {
        int block = 256, warmUp = 15_000, window = 2_000, windows = 5, beat = ChaseTest.BEAT_FRAMES;
        long[] allocated = new long[windows];
        try (ProjectEngine e = ChaseTest.engine(ChaseTest.project(ChaseTest.program(dir), true, true))) {
            Transport t = e.transport();
            long loopStart = 4L * beat - 6000; // the second note starts inside the loop: every pass plays it
            t.loop(loopStart, loopStart + 47 * block);
            t.play();
            float[][] out = new float[2][block];
            EventBuffer none = new EventBuffer(1);
            for (int k = 0; k < warmUp + windows * window; k++) {
                if (k % 60 == 0) t.locate((k / 60) % 2 == 0 ? 3L * beat : 4L * beat);
                e.streamer().fillAll();
                long before = MX.getCurrentThreadAllocatedBytes();
                t.process(out, block, none);
                long after = MX.getCurrentThreadAllocatedBytes();
                if (k >= warmUp) allocated[(k - warmUp) / window] += after - before;
            }
            assertThat(t.dropped()).isZero();
        }
        // Every window holds 33 locates and as many loop wraps: an allocation on those paths shows in each. The JVM's
        // one-time linking of code the JIT finishes late (a loaded machine) can put a hundred bytes in one window; not twice.
        assertThat(Arrays.stream(allocated).filter(b -> b > 0).count())
                .as("windows of 2,000 blocks that allocated: %s bytes", Arrays.toString(allocated)).isLessThanOrEqualTo(1);
    }
}
