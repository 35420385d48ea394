package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.demo.DemoContent;
import dev.loophole.demo.GmSongs;
import dev.loophole.media.WavReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instruments rendered side by side ({@code render --threads N}): a project of eight tracks (the General
 * MIDI band song imported with the demo's keys SFZ on channel 1, its drum SFZ on channel 10 and FluidR3 on the
 * rest), and a {@code --midi} render of the demo song through two {@code --instrument CH=FILE}, each write the same
 * file on one, two and four threads.
 */
class ProjectRenderThreadsTest {
    @TempDir Path dir;

    private Path render(String threads, String name, String... args) {
        Path out = dir.resolve(name);
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--out", out.toString(), "--float", "--tail", "0.5", "--threads", threads)).toArray(String[]::new);
        CliRun r = CliRun.of(all);
        assertThat(r.status()).as(r.err()).isZero();
        return out;
    }

    private static void assertHeard(Path wav, double seconds) throws Exception {
        float[] left = WavReader.read(wav).channels()[0];
        float peak = 0;
        for (float x : left) peak = Math.max(peak, Math.abs(x));
        assertThat(left.length).as("frames of " + wav.getFileName()).isGreaterThan((int) (seconds * 48_000));
        assertThat(peak).as("the song is heard in " + wav.getFileName()).isGreaterThan(0.05f);
    }

    private static void assertSameFiles(Path one, Path two, Path four) throws Exception {
        assertThat(Files.mismatch(one, two)).as("first byte that differs, 1 thread vs 2").isEqualTo(-1);
        assertThat(Files.mismatch(one, four)).as("first byte that differs, 1 thread vs 4").isEqualTo(-1);
    }

    @Test
    void aProjectOfEightTracksWritesTheSameFileOnOneTwoAndFourThreads() throws Exception {
        assertThat(MidiRenderIdentityTest.FLUID).as("FluidR3_GM.sf2 (Debian: fluid-soundfont-gm; .ci/run installs it)").isRegularFile();
        DemoContent.DemoFiles demo = DemoContent.write(dir.resolve("demo"));
        Path song = GmSongs.write(dir, true).band(), project = dir.resolve("band.loophole");
        CliRun imported = CliRun.of("project", "import", "--midi", song.toString(), "--instrument", MidiRenderIdentityTest.FLUID.toString(),
                "--instrument", "1=" + demo.keysSfz(), "--instrument", "10=" + demo.drumsSfz(), "--out", project.toString());
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).as("one track per channel of the band song").contains("8 tracks");
        Path one = render("1", "one.wav", "render", project.toString()), two = render("2", "two.wav", "render", project.toString()),
                four = render("4", "four.wav", "render", project.toString());
        assertHeard(one, 8);
        assertSameFiles(one, two, four);
    }

    @Test
    void aMidiRenderThroughTwoInstrumentsWritesTheSameFileOnOneTwoAndFourThreads() throws Exception {
        DemoContent.DemoFiles demo = DemoContent.write(dir.resolve("demo"));
        String[] args = {"render", "--midi", demo.song().toString(), "--instrument", "1=" + demo.keysSfz(), "--instrument", "10=" + demo.drumsSfz()};
        Path one = render("1", "one.wav", args), two = render("2", "two.wav", args), four = render("4", "four.wav", args);
        assertHeard(one, 25);
        assertSameFiles(one, two, four);
    }
}
