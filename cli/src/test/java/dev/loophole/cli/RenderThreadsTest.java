package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.demo.GmSongs;
import dev.loophole.media.WavReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code render --threads N}: a General MIDI song through FluidR3 (one bank, seven programs and the kit, with
 * program changes) gives the same file on one thread and on two, and again on two; a bad N is a wrong command line,
 * with --midi or a project.
 */
class RenderThreadsTest {
    @TempDir Path dir;

    private Path render(Path song, String threads, String name) throws Exception {
        Path out = dir.resolve(name);
        CliRun r = CliRun.of("render", "--midi", song.toString(), "--instrument", MidiRenderIdentityTest.FLUID.toString(),
                "--out", out.toString(), "--float", "--tail", "0.5", "--threads", threads);
        assertThat(r.status()).as(r.err()).isZero();
        return out;
    }

    @Test
    void oneThreadAndTwoWriteTheSameFile() throws Exception {
        assertThat(MidiRenderIdentityTest.FLUID).as("FluidR3_GM.sf2 (Debian: fluid-soundfont-gm; .ci/run installs it)").isRegularFile();
        Path song = GmSongs.write(dir, true).band();
        Path one = render(song, "1", "one.wav"), two = render(song, "2", "two.wav"), again = render(song, "2", "again.wav");
        float[] left = WavReader.read(one).channels()[0];
        float peak = 0;
        for (float x : left) peak = Math.max(peak, Math.abs(x));
        assertThat(left.length).as("frames: 8 s of song and the tail").isGreaterThan(8 * 48_000);
        assertThat(peak).as("the song is heard").isGreaterThan(0.05f);
        assertThat(Files.mismatch(one, two)).as("first byte that differs, 1 thread vs 2").isEqualTo(-1);
        assertThat(Files.mismatch(two, again)).as("first byte that differs, 2 threads twice").isEqualTo(-1);
    }

    @Test
    void aThreadCountOutsideItsRangeIsAWrongCommandLine() {
        for (String bad : new String[] {"0", "-1", "65", "two"}) {
            CliRun r = CliRun.of("render", "--midi", "song.mid", "--instrument", "x.sf2", "--out", dir.resolve("x.wav").toString(), "--threads", bad);
            assertThat(r.status()).as(bad).isEqualTo(2);
            assertThat(r.err()).as(bad).contains("--threads");
        }
        for (String bad : new String[] {"0", "65"}) {
            CliRun project = CliRun.of("render", dir.resolve("song.loophole").toString(), "--out", dir.resolve("x.wav").toString(), "--threads", bad);
            assertThat(project.status()).as("a project with --threads " + bad).isEqualTo(2);
            assertThat(project.err()).as(bad).contains("--threads " + bad + " is outside 1..64");
        }
    }
}
