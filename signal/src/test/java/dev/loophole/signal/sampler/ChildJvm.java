package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/** A fresh JVM running a test class's {@code main} with the surefire line's Vector API flags: what a first warm-up sees. */
final class ChildJvm {
    private ChildJvm() {}

    /**
     * Runs {@code main(mode)} in a child JVM with {@code extra} flags, then this JVM's {@code --add-modules} and
     * {@code -XX:CompileCommand} flags as {@code flag} turns them; the numbers it printed on one line, separated by spaces.
     */
    static long[] numbers(Class<?> main, String mode, List<String> extra, UnaryOperator<String> flag) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(extra);
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (a.startsWith("--add-modules") || a.startsWith("-XX:CompileCommand")) cmd.add(flag.apply(a));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), mode));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        assertThat(p.waitFor()).as("child exit, printed: %s", out).isZero();
        return Arrays.stream(out.split(" ")).mapToLong(Long::parseLong).toArray();
    }
}
