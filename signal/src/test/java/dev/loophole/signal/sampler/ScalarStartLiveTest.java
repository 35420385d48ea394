package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** After the live warm-up, the cubic read's first calls on a fresh thread-like path allocate nothing, whatever shape a chunk takes. */
class ScalarStartLiveTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void theFirstReadsOfEveryChunkShapeAfterTheLiveWarmUpAllocateNothing() {
        ScalarStart.warmUpLive();
        float[] d = new float[4096], l = new float[32], r = new float[32];
        for (int i = 0; i < d.length; i++) d[i] = (float) Math.sin(i * 0.01);
        int[] at = new int[32];
        long[] bytes = new long[7];
        double[][] shapes = { // pos, offset, step, frames, stereo
                {1033.25, 0, 0.9, 32, 0}, {1032.5, 0, 1.8, 32, 1}, {2062.5, 0, -0.9, 32, 0}, {4064.5, 0, 0.3, 32, 0},
                {1023.25, 0, 1.0001, 32, 0}, {1025.25, 0.5, 0.9, 32, 1}, {2000.125, -3, 0.5, 31, 1}};
        for (int s = 0; s < shapes.length; s++) {
            double[] x = shapes[s];
            boolean stereo = x[4] != 0;
            long before = THREADS.getCurrentThreadAllocatedBytes();
            CubicRun.run(d, stereo ? d : null, l, stereo ? r : null, 0, (int) x[3], x[0], x[1], x[2], at, true);
            bytes[s] = THREADS.getCurrentThreadAllocatedBytes() - before;
        }
        assertThat(bytes).as("bytes allocated by each shape's first read").containsOnly(0L);
    }
}
