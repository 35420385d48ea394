package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code loophole bench --live}: the modes run end to end on their own dummy JACK server (figures are BENCHMARKS.md's job). */
class LiveBenchTest {
    static final Pattern LATENCY = Pattern.compile(
            "live latency, 256 frames \\(5\\.33 ms\\) at 48000 Hz: (\\d+) notes, MIDI event → first non-zero sample min (-?\\d+), median (-?\\d+), max (-?\\d+) frames");

    static final Pattern MAX_VOICES = Pattern.compile(
            "max voices, 256 frames \\(5\\.33 ms\\) at 48000 Hz: (\\d+) voices (with 0 xruns and no block over its period|over [\\d.]+ s with \\d+ of \\d+ blocks)");

    @Test
    void latencyIsMeasuredAndWithinThreePeriods() {
        assumeTrue(dev.loophole.signal.driver.DummyJackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2)");
        CliRun run = CliRun.of("bench", "--live", "--block-sizes", "256", "--notes", "8");
        assertThat(run.status()).as(run.err()).isZero();
        System.out.println(run.out().strip());
        Matcher m = LATENCY.matcher(run.out());
        assertThat(m.find()).as(run.out()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as("notes timed").isPositive();
        assertThat(Long.parseLong(m.group(2))).as("min latency, frames").isNotNegative();
        // Correctness, not speed: a note read in its own cycle sounds in that cycle; 3 periods would mean a lost block.
        assertThat(Long.parseLong(m.group(4))).as("max latency, frames").isLessThan(3 * 256);
    }

    @Test
    void maxVoicesModeRunsASearchAndAConfirmation() {
        assumeTrue(dev.loophole.signal.driver.DummyJackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2)");
        String[] args = {"bench", "--max-voices", "--block-sizes", "256", "--voice-limit", "32", "--probe-seconds", "0.3", "--confirm-seconds", "0.5"};
        CliRun run = CliRun.of(args);
        // Timing on a shared machine: a load spike can fail even the smallest count (seen at load ≈ 9); once more then.
        if (run.status() == 0 && run.out().contains("none found")) run = CliRun.of(args);
        assertThat(run.status()).as(run.err()).isZero();
        System.out.println(run.out().strip());
        // A count was confirmed (every voice sounding for the whole run), on the search's grid, within the limit: "none found" fails.
        Matcher m = MAX_VOICES.matcher(run.out());
        assertThat(m.find()).as("a confirmed voice count in: " + run.out()).isTrue();
        int voices = Integer.parseInt(m.group(1));
        assertThat(voices).as("confirmed voices").isBetween(VoiceCeiling.STEP, 32);
        assertThat(voices % VoiceCeiling.STEP).as("on the search's %d-voice grid", VoiceCeiling.STEP).isZero();
        assertThat(run.out()).contains("criterion: ");
    }

    @Test
    void badLiveOptionsAreUsageErrors() {
        assertThat(CliRun.of("bench", "--live", "--block-sizes", "100").status()).isEqualTo(2);
        assertThat(CliRun.of("bench", "--max-voices", "--voice-limit", "30").status()).isEqualTo(2);
        assertThat(CliRun.of("bench", "--help").out()).contains("--live").contains("--max-voices").contains("--realtime");
    }
}
