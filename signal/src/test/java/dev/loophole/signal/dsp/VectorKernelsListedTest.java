package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every Vector API kernel of signal (a class named *Vector, loaded behind {@link Simd#VECTOR}) has its C2 thresholds
 * scaled in the JVM that runs it: the root pom's surefire argLine names each, and the launcher reads its list from
 * that line. A kernel left out is compiled after 20,000 calls instead of a few thousand: its warm-up no longer
 * compiles it.
 */
class VectorKernelsListedTest {
    @Test
    void everyVectorKernelHasItsCompileThresholdScaled() throws Exception {
        Path classes = Path.of(SincKernelsVector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> kernels;
        try (Stream<Path> all = Files.walk(classes)) {
            kernels = all.map(p -> classes.relativize(p).toString())
                    .filter(n -> n.endsWith("Vector.class") && !n.contains("$"))
                    .map(n -> n.substring(0, n.length() - ".class".length()).replace('/', '.')).sorted().toList();
        }
        assertThat(kernels).as("the kernels found").contains("dev.loophole.signal.dsp.SincKernelsVector",
                "dev.loophole.signal.sampler.CubicVector", "dev.loophole.signal.sampler.MixVector");
        List<String> scaled = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-XX:CompileCommand=CompileThresholdScaling,"))
                .map(a -> a.split(",")[1]).map(m -> m.substring(0, m.indexOf("::"))).sorted().toList();
        assertThat(scaled).isEqualTo(kernels);
    }
}
