package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The voice path's kernel warm-up ({@link ScalarStart#warmUp}: a few rounds, then waiting for C2) leaves the cubic read's
 * and the mix's vector kernels compiled: their next calls allocate nothing (a boxed Vector API call allocates). Measured
 * in a fresh JVM under the surefire line's thresholds, and under the launcher's offline ones (C2's thresholds ×10, the
 * kernels' scaled by 0.0002); the child without the warm-up is the control that shows the probe sees the boxing.
 */
class KernelCompileTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    /** The launcher's C2 thresholds for offline commands (`loophole`, java_line). */
    private static final List<String> OFFLINE = List.of("-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=6000",
            "-XX:Tier4CompileThreshold=150000", "-XX:Tier4BackEdgeThreshold=400000");

    @Test
    void afterTheWarmUpTheKernelsAllocateNothing() throws Exception {
        assertThat(child("warm", false)).as("bytes of each kernel call after the warm-up, surefire's thresholds").containsOnly(0L);
        assertThat(child("warm", true)).as("the same, the launcher's offline thresholds").containsOnly(0L);
        assertThat(Arrays.stream(child("cold", false)).sum()).as("the same calls without a warm-up allocate").isPositive();
    }

    private static long[] child(String mode, boolean offline) throws IOException, InterruptedException {
        return ChildJvm.numbers(KernelCompileTest.class, mode, offline ? OFFLINE : List.of(), f ->
                offline && f.startsWith("-XX:CompileCommand=CompileThresholdScaling") ? f.substring(0, f.lastIndexOf(',')) + ",0.0002" : f);
    }

    /** The child: {@code warm} runs {@link ScalarStart#warmUp} first; prints the bytes of each kernel's next call. */
    public static void main(String[] args) {
        if (args[0].equals("warm")) ScalarStart.warmUp();
        CubicVector.Exercise x = CubicVector.Exercise.make();
        MixVector.Exercise m = MixVector.Exercise.make();
        StringBuilder s = new StringBuilder();
        for (int c = 0; c < CubicVector.Exercise.CASES; c++) { int k = c; s.append(bytes(() -> x.run(k))).append(' '); }
        s.append(bytes(m));
        System.out.println(s.toString().strip());
    }

    private static long bytes(Runnable call) {
        long before = THREADS.getCurrentThreadAllocatedBytes();
        call.run();
        return THREADS.getCurrentThreadAllocatedBytes() - before;
    }
}
