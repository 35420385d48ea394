package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
    /** The launcher (`loophole`, java_line), read rather than copied so the test follows it. */
    private static final String LAUNCHER = launcher();
    /** Its C2 thresholds for offline commands. */
    private static final List<String> OFFLINE = Pattern.compile("-XX:Tier4\\w+=\\d+").matcher(LAUNCHER).results()
            .map(MatchResult::group).toList();
    /** Its scale of the vector kernels' thresholds for offline commands (the one set beside those thresholds). */
    private static final String OFFLINE_SCALE = only(Pattern.compile("\\n\\s*vscale=([0-9.]+) ;;").matcher(LAUNCHER));

    @Test
    void afterTheWarmUpTheKernelsAllocateNothing() throws Exception {
        assertThat(OFFLINE).as("the launcher's offline C2 thresholds").hasSize(4);
        assertThat(child("warm", false)).as("bytes of each kernel call after the warm-up, surefire's thresholds").containsOnly(0L);
        assertThat(child("warm", true)).as("the same, the launcher's offline thresholds").containsOnly(0L);
        assertThat(Arrays.stream(child("cold", false)).sum()).as("the same calls without a warm-up allocate").isPositive();
    }

    @Test
    void anOfflineRendersHandOverTakesTheVectorFormsOnceItsThreadHasCompiledThem() throws Exception {
        long[] r = child("handover", true);
        assertThat(r[0]).as("vector forms refused before the count").isZero();
        assertThat(r[1]).as("the hand-over's warm-up thread made the kernels warm (1) within 20 s").isOne();
        assertThat(Arrays.copyOfRange(r, 2, r.length)).as("bytes of each kernel call after it").containsOnly(0L);
    }

    private static long[] child(String mode, boolean offline) throws IOException, InterruptedException {
        return ChildJvm.numbers(KernelCompileTest.class, mode, offline ? OFFLINE : List.of(), f ->
                offline && f.startsWith("-XX:CompileCommand=CompileThresholdScaling") ? f.substring(0, f.lastIndexOf(',')) + "," + OFFLINE_SCALE : f);
    }

    private static String launcher() {
        try {
            return Files.readString(Path.of("..", "loophole"));
        } catch (IOException e) {
            throw new UncheckedIOException("the launcher next to the modules", e);
        }
    }

    private static String only(Matcher m) {
        if (!m.find()) throw new IllegalStateException("no offline vscale=… ;; line in the launcher");
        return m.group(1);
    }

    /** The child: {@code warm} runs {@link ScalarStart#warmUp} first; prints the bytes of each kernel's next call. */
    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("warm")) ScalarStart.warmUp();
        StringBuilder s = new StringBuilder();
        if (args[0].equals("handover")) { // a sinc render's voices: scalar for the count, then the thread of their own
            ScalarStart start = new ScalarStart();
            s.append(start.vector((int) ScalarStart.FRAMES - 1) ? 1 : 0).append(' ');
            start.vector(1);
            long end = System.nanoTime() + 20_000_000_000L;
            while (!start.warm() && System.nanoTime() < end) Thread.sleep(5);
            s.append(start.warm() && start.vector(32) ? 1 : 0).append(' ');
        }
        CubicVector.Exercise x = CubicVector.Exercise.make();
        MixVector.Exercise m = MixVector.Exercise.make();
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
