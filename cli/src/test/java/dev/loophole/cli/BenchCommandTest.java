package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    private static final Pattern LINE = Pattern.compile(
            "(\\S+): audio ([0-9.]+) s, wall ([0-9.]+) s, ([0-9.]+)× realtime, ([0-9.]+) voices/s, peak RSS ([0-9]+|\\?) MB(.*)");

    @TempDir Path dir;

    @Test
    void quickBenchPrintsOneParsableLinePerWorkloadAndAConsistentTotal() {
        CliRun run = CliRun.of("bench", "--quick", "--work", dir.resolve("work").toString());
        assertThat(run.status()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        boolean gm = Files.isRegularFile(BenchCommand.FLUID_R3);
        assertThat(lines).hasSize(gm ? 6 : 4);
        if (!gm) assertThat(run.err()).contains("skipped the GM workloads").contains("fluid-soundfont-gm");
        double audio = 0, wall = 0;
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = LINE.matcher(lines.get(i));
            assertThat(m.matches()).as(lines.get(i)).isTrue();
            double a = Double.parseDouble(m.group(2)), w = Double.parseDouble(m.group(3)), x = Double.parseDouble(m.group(4));
            double voices = Double.parseDouble(m.group(5));
            assertThat(a).as("audio seconds").isPositive();
            assertThat(w).as("wall seconds").isPositive();
            assertThat(x).as("× realtime is audio s / wall s").isCloseTo(a / w, within(0.006 + 0.006 / w + 0.0006 * a / w / w));
            assertThat(voices).as("voices/s").isPositive();
            if (!m.group(6).equals("?")) assertThat(Long.parseLong(m.group(6))).as("peak RSS").isPositive();
            boolean total = i == lines.size() - 1;
            assertThat(m.group(1).equals("total")).isEqualTo(total);
            if (total) {
                assertThat(a).as("total audio").isCloseTo(audio, within(0.01 * lines.size()));
                assertThat(w).as("total wall").isCloseTo(wall, within(0.001 * lines.size()));
                assertThat(m.group(7)).contains("load average");
            } else {
                audio += a;
                wall += w;
            }
        }
        assertThat(lines.getFirst()).startsWith(gm ? "gm-band/" : "piano-dense/keys.sfz");
        assertThat(dir.resolve("work/renders")).as("renders are removed unless --keep").isEmptyDirectory();
    }

    @Test
    void aMissingSoundFontSkipsTheGmWorkloadsAndSaysHowToGetIt() {
        CliRun run = CliRun.of("bench", "--quick", "--only", "drums", "--soundfont", dir.resolve("none.sf2").toString(),
                "--work", dir.resolve("work").toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("skipped the GM workloads").contains("apt-get install fluid-soundfont-gm");
        assertThat(run.out().lines().toList()).hasSize(2).first().asString().startsWith("drums/drums.sfz: audio ");
    }

    @Test
    void helpDescribesTheWorkload() {
        CliRun run = CliRun.of("bench", "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("--quick").contains("FluidR3").contains("voices/s");
    }
}
