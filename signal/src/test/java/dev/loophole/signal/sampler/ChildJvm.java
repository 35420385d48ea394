package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** A fresh JVM running a test class's {@code main} with the surefire line's Vector API flags: what a first warm-up sees. */
final class ChildJvm {
    private ChildJvm() {}

    /** Far beyond a child's seconds (the hand-over's waits up to 20 s), short of a stuck suite. */
    private static final int DEADLINE_SECONDS = 90;

    /**
     * Runs {@code main(mode)} in a child JVM with {@code extra} flags, then this JVM's {@code --add-modules} and
     * {@code -XX:CompileCommand} flags as {@code flag} turns them; the numbers it printed on one line, separated by spaces.
     */
    static long[] numbers(Class<?> main, String mode, List<String> extra, UnaryOperator<String> flag) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(extra);
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (a.startsWith("--add-modules") || a.startsWith("-XX:CompileCommand")) cmd.add(flag.apply(a));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName(), mode));
        Path out = Files.createTempFile("child-jvm", ".out"), err = Files.createTempFile("child-jvm", ".err");
        Process p = null;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            // a deadline, so a child that hangs fails its test instead of the whole suite
            if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError("child JVM still running after " + DEADLINE_SECONDS + " s: " + Files.readString(err).strip());
            }
            String printed = Files.readString(out, StandardCharsets.US_ASCII).strip();
            assertThat(p.exitValue()).as("child exit, printed: %s, said: %s", printed, Files.readString(err).strip()).isZero();
            return Arrays.stream(printed.split(" ")).mapToLong(Long::parseLong).toArray();
        } finally {
            if (p != null && p.isAlive()) p.destroyForcibly(); // interrupted or failed: no orphan
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
