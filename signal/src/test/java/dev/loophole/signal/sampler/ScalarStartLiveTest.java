package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * After the live warm-up, the cubic read's first calls allocate nothing, whatever shape a chunk takes. Measured in a
 * fresh JVM (the test JVM has warmed everything up long before), with the surefire line's Vector API flags; the same
 * child without the warm-up is the control that shows the probe sees an allocation at all.
 */
class ScalarStartLiveTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Pos, offset, step, frames, stereo: forward in the window, too wide, backward, at the end, across binades, offsets. */
    private static final double[][] SHAPES = {
            {1033.25, 0, 0.9, 32, 0}, {1032.5, 0, 1.8, 32, 1}, {2062.5, 0, -0.9, 32, 0}, {4064.5, 0, 0.3, 32, 0},
            {1023.25, 0, 1.0001, 32, 0}, {1025.25, 0.5, 0.9, 32, 1}, {2000.125, -3, 0.5, 31, 1}};

    @Test
    void theFirstReadsOfEveryChunkShapeAfterTheLiveWarmUpAllocateNothing() throws Exception {
        assertThat(child("warm")).as("bytes allocated by each shape's first read after warmUpLive").containsOnly(0L);
        assertThat(Arrays.stream(child("cold")).sum()).as("the same first reads without a warm-up allocate").isPositive();
    }

    private static long[] child(String mode) throws IOException, InterruptedException {
        return ChildJvm.numbers(ScalarStartLiveTest.class, mode, List.of(), f -> f);
    }

    /** The child: {@code warm} runs {@link ScalarStart#warmUpLive} first; prints each shape's bytes on its first read. */
    public static void main(String[] args) {
        if (args[0].equals("warm")) ScalarStart.warmUpLive();
        float[] d = new float[4096], l = new float[32], r = new float[32];
        for (int i = 0; i < d.length; i++) d[i] = (float) Math.sin(i * 0.01);
        int[] at = new int[32];
        StringBuilder s = new StringBuilder();
        for (double[] x : SHAPES) {
            boolean stereo = x[4] != 0;
            long before = THREADS.getCurrentThreadAllocatedBytes();
            CubicRun.run(d, stereo ? d : null, l, stereo ? r : null, 0, (int) x[3], x[0], x[1], x[2], at, true);
            s.append(THREADS.getCurrentThreadAllocatedBytes() - before).append(' ');
        }
        System.out.println(s.toString().strip());
    }
}
