package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.demo.DemoContent;
import dev.loophole.demo.GmSongs;
import dev.loophole.media.WavReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instruments rendered side by side ({@code render --threads N}): a project of eight tracks (the General
 * MIDI band song imported with the demo's keys SFZ on channel 1, its drum SFZ on channel 10 and FluidR3 on the
 * rest), and a {@code --midi} render of the demo song through two {@code --instrument CH=FILE}, each write the same
 * file on one, two and four threads; a project of two tracks on two threads is seen rendering on the helper thread.
 */
class ProjectRenderThreadsTest {
    /** The helper threads of a render's workers are named so (RenderWorkers.forRender): loophole-render-1, … */
    private static final String HELPER = "loophole-render-";

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

    /** What JFR's execution sampler saw of the render helpers during one render: their samples, and those inside the sampler's code. */
    private record HelperSamples(int rendering, int samples) { }

    /**
     * Runs the command line under a JFR recording that samples Java stacks every millisecond and counts the samples of
     * threads named {@link #HELPER}: a sample counts as rendering when a frame of it is in the sampler's code (a voice or
     * an SFZ instrument rendering a track's block); a helper that only waits or spins for rounds shows RenderWorkers'
     * frames alone. JFR interrupts a thread wherever it runs (a stack taken at a safepoint would show a compiled render
     * loop only where it polls: never inside it, once C2 has it).
     */
    private HelperSamples sampleHelpers(String... args) throws Exception {
        Path jfr = dir.resolve("render-" + System.nanoTime() + ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(1));
            recording.start();
            CliRun r = CliRun.of(args);
            recording.stop();
            assertThat(r.status()).as(r.err()).isZero();
            recording.dump(jfr);
        }
        int rendering = 0, samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            RecordedThread t = e.getThread("sampledThread");
            if (t == null || t.getJavaName() == null || !t.getJavaName().startsWith(HELPER) || e.getStackTrace() == null) continue;
            samples++;
            if (e.getStackTrace().getFrames().stream().anyMatch(f -> f.getMethod().getType().getName().startsWith("dev.loophole.signal.sampler."))) rendering++;
        }
        return new HelperSamples(rendering, samples);
    }

    @Test
    void aProjectOfTwoTracksOnTwoThreadsRendersOnTheHelperAndWritesTheSameFileAsOneThread() throws Exception {
        DemoContent.DemoFiles demo = DemoContent.write(dir.resolve("demo"));
        Path project = dir.resolve("two.loophole");
        CliRun imported = CliRun.of("project", "import", "--midi", demo.song().toString(), "--instrument", "1=" + demo.keysSfz(),
                "--instrument", "10=" + demo.drumsSfz(), "--out", project.toString());
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).as("keys and drums, one track each").contains("2 tracks");
        Path one = dir.resolve("one.wav"), two = dir.resolve("two.wav");
        HelperSamples alone = sampleHelpers("render", project.toString(), "--out", one.toString(), "--float", "--tail", "0.5", "--threads", "1");
        HelperSamples shared = sampleHelpers("render", project.toString(), "--out", two.toString(), "--float", "--tail", "0.5", "--threads", "2");
        assertHeard(one, 25);
        assertThat(Files.mismatch(one, two)).as("first byte that differs, 1 thread vs 2").isEqualTo(-1);
        assertThat(alone.samples()).as("helper samples on one thread: there is no helper").isZero();
        assertThat(shared.rendering()).as("samples of the helper inside the sampler's code, of " + shared.samples()).isPositive();
        // one of two tracks' work: 29-38 % of the helper's samples here, even with the JVM on one core; 8.2 % seen at load ≈ 5
        // (its other samples wait for the next block): a helper that took no real share would sit near 0
        assertThat(shared.rendering() / (double) shared.samples()).as("share of the helper's samples inside the sampler's code").isGreaterThanOrEqualTo(0.04);
    }
}
