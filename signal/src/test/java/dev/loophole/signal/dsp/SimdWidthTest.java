package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On a CPU whose vectors hold four floats the Vector API would box every eight-float vector (allocating on the audio
 * thread), so the scalar forms must run there. A child JVM told to use only 128-bit AVX stands in for such a CPU.
 */
class SimdWidthTest {
    private static String vectorIn(String... flags) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var cmd = new java.util.ArrayList<>(List.of(java, "--add-modules", "jdk.incubator.vector"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), SimdWidthTest.class.getName()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).isZero();
        return out;
    }

    public static void main(String[] args) { System.out.println(Simd.VECTOR); }

    @Test
    void fourFloatVectorsRunTheScalarForms() throws Exception {
        assumeTrue(System.getProperty("os.arch").matches("amd64|x86_64"), "UseAVX is an x86 flag");
        assertThat(vectorIn("-XX:UseAVX=1")).isEqualTo("false");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        boolean avx2 = java.nio.file.Files.exists(cpuinfo) && java.nio.file.Files.readString(cpuinfo).contains(" avx2");
        if (avx2) assertThat(vectorIn("-XX:UseAVX=2")).isEqualTo("true"); // eight floats: the vector forms
    }
}
