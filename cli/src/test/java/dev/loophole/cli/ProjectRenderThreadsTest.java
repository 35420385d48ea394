package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.demo.DemoContent;
import dev.loophole.demo.GmSongs;
import dev.loophole.media.WavReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several instruments rendered side by side ({@code render --threads N}): a project of eight tracks (the General
 * MIDI band song imported with the demo's keys SFZ on channel 1, its drum SFZ on channel 10 and FluidR3 on the
 * rest), and a {@code --midi} render of the demo song through two {@code --instrument CH=FILE}, each write the same
 * file on one, two and four threads; a project of two tracks on two threads is seen rendering on the helper thread.
 */
class ProjectRenderThreadsTest {
    private static final com.sun.management.ThreadMXBean MX = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
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

    /** What the helper threads of one render did, sampled while it ran: stacks inside an instrument's code, all stacks, CPU time. */
    private record HelperWatch(int rendering, int samples, long cpuNanos) { }

    /**
     * Runs the command line on a thread of its own and samples, until it ends, the stacks of the render helpers it starts
     * (threads named {@link #HELPER} that were not there before): a sample counts as rendering when a frame of it is in
     * the sampler's code (a voice or a SoundFont/SFZ instrument rendering a track's block). A helper that only waits
     * or spins for rounds shows RenderWorkers' frames alone.
     */
    private static HelperWatch watchHelpers(String... args) throws Exception {
        Set<Long> before = Arrays.stream(MX.getAllThreadIds()).boxed().collect(Collectors.toSet());
        CompletableFuture<CliRun> run = CliRun.start(new java.io.StringWriter(), args);
        Map<Long, Long> cpu = new HashMap<>();
        int rendering = 0, samples = 0;
        while (!run.isDone()) {
            for (ThreadInfo t : MX.getThreadInfo(MX.getAllThreadIds(), 64)) {
                if (t == null || before.contains(t.getThreadId()) || !t.getThreadName().startsWith(HELPER)) continue;
                samples++;
                if (Arrays.stream(t.getStackTrace()).anyMatch(f -> f.getClassName().startsWith("dev.loophole.signal.sampler."))) rendering++;
                long ns = MX.getThreadCpuTime(t.getThreadId());
                if (ns > 0) cpu.merge(t.getThreadId(), ns, Math::max); // -1 once it ended: keep the last reading
            }
            Thread.sleep(0, 200_000);
        }
        CliRun r = run.get();
        assertThat(r.status()).as(r.err()).isZero();
        return new HelperWatch(rendering, samples, cpu.values().stream().mapToLong(Long::longValue).sum());
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
        HelperWatch alone = watchHelpers("render", project.toString(), "--out", one.toString(), "--float", "--tail", "0.5", "--threads", "1");
        HelperWatch shared = watchHelpers("render", project.toString(), "--out", two.toString(), "--float", "--tail", "0.5", "--threads", "2");
        assertHeard(one, 25);
        assertThat(Files.mismatch(one, two)).as("first byte that differs, 1 thread vs 2").isEqualTo(-1);
        assertThat(alone.samples()).as("helper stacks sampled on one thread: there is no helper").isZero();
        assertThat(shared.samples()).as("helper stacks sampled on two threads").isPositive();
        assertThat(shared.rendering()).as("samples of the helper inside the sampler's code, of " + shared.samples()
                + " (helper CPU " + shared.cpuNanos() / 1_000_000 + " ms)").isPositive();
    }
}
