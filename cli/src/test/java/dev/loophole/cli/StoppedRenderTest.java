package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A render stopped from outside leaves no {@code .part} file: a real {@code loophole render} process is killed with
 * SIGTERM and with SIGINT (Ctrl-C) while it writes, and a part left by a process that is gone (SIGKILL) is swept by
 * the next render into the same folder.
 */
class StoppedRenderTest {
    static final int SIGINT = 2, SIGTERM = 15;
    @TempDir Path dir;
    Path lead, song, out;

    @BeforeEach
    void setUp() throws Exception {
        lead = RenderCommandTest.lead(dir, "loop_mode=loop_continuous loop_start=0 loop_end=47999");
        // One note held for 50 minutes (480 ppq, 120 BPM: 960 ticks a second): minutes of work to interrupt.
        song = dir.resolve("long.mid");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), List.of(
                new MidiEvent(0, 0x90, 69, 100, 0, 0), new MidiEvent(3000L * 960, 0x80, 69, 0, 0, 1))), song);
        out = dir.resolve("out.wav");
    }

    @Test
    void sigtermRemovesThePartFile() throws Exception {
        stopWhileWriting(SIGTERM);
    }

    @Test
    void ctrlCRemovesThePartFile() throws Exception {
        stopWhileWriting(SIGINT);
    }

    private void stopWhileWriting(int signal) throws Exception {
        Path log = dir.resolve("err.txt");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "render", "--midi", song.toString(), "--instrument", lead.toString(), "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (signal == SIGINT)
                assumeTrue(!ignored(p.pid(), SIGINT), "SIGINT is ignored in this process tree (started in the background), as a shell's Ctrl-C would be");
            Path part = awaitPart(p);
            assertThat(Files.size(part)).as("the render is writing").isPositive();
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor()).isZero();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the render stops").isTrue();
            assertThat(p.exitValue()).as("killed by the signal: 128 + %d", signal).isEqualTo(128 + signal);
            assertThat(parts()).as("part files after the signal").isEmpty();
            assertThat(Files.exists(out)).isFalse();
            assertThat(Files.readString(log)).doesNotContain("\tat ").doesNotContain("Exception");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aPartLeftByAProcessThatIsGoneIsSweptByTheNextRender() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path orphan = Files.writeString(dir.resolve(".out.wav." + gone.pid() + ".part"), "killed with -9");
        long living = ProcessHandle.current().parent().orElseThrow().pid();
        Path running = Files.writeString(dir.resolve(".out.wav." + living + ".part"), "another render still writing");
        Path other = Files.writeString(dir.resolve(".other.wav." + gone.pid() + ".part"), "another target's");
        Files.writeString(dir.resolve("short.sfz"), "<region> sample=a440.wav pitch_keycenter=69\n");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), List.of(
                new MidiEvent(0, 0x90, 69, 100, 0, 0), new MidiEvent(480, 0x80, 69, 0, 0, 1))), dir.resolve("short.mid"));
        CliRun run = CliRun.of("render", "--midi", dir.resolve("short.mid").toString(), "--instrument", dir.resolve("short.sfz").toString(),
                "--out", out.toString(), "--tail", "0");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(orphan).doesNotExist();
        assertThat(running).as("its process still runs").exists();
        assertThat(other).as("a part of another target is not ours to judge").exists();
    }

    private Path awaitPart(Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            assertThat(p.isAlive()).as("the render is still running").isTrue();
            List<Path> parts = parts();
            if (!parts.isEmpty() && Files.size(parts.getFirst()) > 0) return parts.getFirst();
            Thread.sleep(10);
        }
        throw new AssertionError("no .part file appeared within 60 s");
    }

    private List<Path> parts() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    /** Whether {@code signal} is ignored by the process ({@code SigIgn} in /proc/PID/status), as it is for background jobs. */
    static boolean ignored(long pid, int signal) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")))
            if (line.startsWith("SigIgn:")) return (Long.parseUnsignedLong(line.substring(7).strip(), 16) >> (signal - 1) & 1) != 0;
        return false;
    }
}
