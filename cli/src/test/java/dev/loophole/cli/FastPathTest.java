package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code loophole --version} answered before picocli loads, with the line picocli's own path prints. */
class FastPathTest {

    @ParameterizedTest
    @ValueSource(strings = {"--version", "-V"})
    void aChildJvmPrintsPicocliVersionLineWithoutLoadingPicocli(String flag) throws Exception {
        StringWriter out = new StringWriter();
        int status = Main.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), flag); // picocli's path
        assertThat(status).isZero();
        String expected = out.toString().strip();
        assertThat(expected).startsWith("loophole ").contains("(Java " + Runtime.version() + ")");

        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xlog:class+load=info", "-cp", System.getProperty("java.class.path"), Main.class.getName(), flag)
                .redirectErrorStream(true).start();
        String child = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        List<String> lines = child.lines().toList();
        List<String> printed = lines.stream().filter(l -> !l.startsWith("[")).toList();
        assertThat(printed).containsExactly(expected);
        assertThat(lines).anyMatch(l -> l.contains("dev.loophole.cli.FastPath")); // the log is the one we think
        assertThat(lines).noneMatch(l -> l.contains(" picocli."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--help", "--versions", "render"})
    void otherCommandLinesAreNotFastPaths(String arg) {
        var sink = new java.io.ByteArrayOutputStream();
        assertThat(FastPath.answer(new String[] {arg}, new java.io.PrintStream(sink))).isFalse();
        assertThat(FastPath.answer(new String[] {"--version", "--verbose"}, new java.io.PrintStream(sink))).isFalse();
        assertThat(sink.size()).isZero();
    }
}
