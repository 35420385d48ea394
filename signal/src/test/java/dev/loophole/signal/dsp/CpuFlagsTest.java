package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/**
 * {@link CpuFlags}: a flag counts only as a whole word of the first {@code flags} line of a cpuinfo text — a Skylake
 * server's AVX-512 with DQ, a Knights Landing Xeon Phi's without it (the machine {@code CubicVector.WIDE} must not take),
 * a longer flag that starts with the one asked for, an Arm text with no flags line at all.
 */
class CpuFlagsTest {
    private static final String SKYLAKE_SP = """
            processor\t: 0
            vendor_id\t: GenuineIntel
            model name\t: Intel(R) Xeon(R) Gold 6148 CPU @ 2.40GHz
            flags\t\t: fpu vme sse sse2 ssse3 sse4_1 sse4_2 avx f16c avx2 fma bmi1 bmi2 avx512f avx512dq avx512cd avx512bw avx512vl
            bugs\t\t: spectre_v1

            processor\t: 1
            flags\t\t: fpu
            """;
    private static final String KNIGHTS_LANDING = """
            processor\t: 0
            model name\t: Intel(R) Xeon Phi(TM) CPU 7250 @ 1.40GHz
            flags\t\t: fpu vme sse sse2 ssse3 sse4_1 sse4_2 avx f16c avx2 fma bmi1 bmi2 avx512f avx512pf avx512er avx512cd
            """;
    private static final String ARM = """
            processor\t: 0
            Features\t: fp asimd evtstrm aes pmull sha1 sha2 crc32 sve
            CPU implementer\t: 0x46
            """;

    private static boolean has(String text, String flag) throws IOException { return CpuFlags.has(new StringReader(text), flag); }

    @Test
    void aFlagCountsAsAWholeWordOfTheFirstFlagsLine() throws IOException {
        assertThat(has(SKYLAKE_SP, "avx512dq")).as("Skylake-SP: DQ").isTrue();
        assertThat(has(SKYLAKE_SP, "avx512vl")).as("Skylake-SP: VL, last on the line").isTrue();
        assertThat(has(SKYLAKE_SP, "fpu")).as("first on the line").isTrue();
        assertThat(has(KNIGHTS_LANDING, "avx512f")).as("Knights Landing: AVX-512F").isTrue();
        assertThat(has(KNIGHTS_LANDING, "avx512dq")).as("Knights Landing: no DQ").isFalse();
        assertThat(has(SKYLAKE_SP, "avx512")).as("a prefix of a flag is not the flag").isFalse();
        assertThat(has(SKYLAKE_SP, "spectre_v1")).as("another line's word").isFalse();
        assertThat(has(ARM, "sve")).as("an Arm text has Features, no flags line").isFalse();
        assertThat(has("", "avx512dq")).as("an empty text").isFalse();
    }
}
