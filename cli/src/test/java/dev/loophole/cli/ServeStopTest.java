package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.ipc.EditRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.ProjectNotification;
import dev.loophole.ipc.ProjectRequest;
import dev.loophole.ipc.SessionRequest;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.store.ProjectStore;
import dev.loophole.signal.driver.JackServer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loophole serve} stopped by SIGTERM while a render job it started over IPC is writing its file (a JVM started
 * from a shell without job control ignores SIGINT, so SIGTERM is what reaches it). The JVM halts as soon as its hook
 * returns, and the hook waits at most 3 s: before, the job was cancelled only after the sockets closed (its client never
 * heard) and the close could run past the hook's wait.
 */
class ServeStopTest {
    @TempDir
    Path dir;
    // Fields, so a timed-out test (its thread left blocked) still stops them: a left JVM and jackd would outlive the suite.
    private volatile Process serve;
    private volatile JackServer server;

    @AfterEach
    void stopWhatIsLeft() throws InterruptedException {
        if (serve != null) serve.destroyForcibly();
        if (server != null) server.close();
    }

    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void sigtermCancelsARunningRenderTellsItsClientKeepsTheSavedProjectAndExits143() throws Exception {
        Path song = project();
        Path out = dir.resolve("long.wav");
        boolean jack = JackServer.jackd() != null;
        server = jack ? JackServer.start() : null;
        Path errFile = dir.resolve("serve.err");
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.loophole.cli.Main", "serve", song.toString(), "--library", dir.resolve("library.db").toString()));
        if (!jack) cmd.add("--no-audio");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(errFile.toFile());
        if (jack) pb.environment().put("JACK_DEFAULT_SERVER", server.name); // its audio on this test's own server
        Process p = serve = pb.start();
        double exitSeconds;
        ProjectNotification.Rendered ended;
        String part;
        try (BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            Matcher m = Pattern.compile("Loophole serving at http://127\\.0\\.0\\.1:(\\d+)/\\?token=([0-9a-f]{32})").matcher(String.valueOf(stdout.readLine()));
            assertThat(m.matches()).as(Files.readString(errFile)).isTrue();
            try (IpcClient c = IpcClient.connect(URI.create("ws://127.0.0.1:" + m.group(1) + "/ipc?token=" + m.group(2)))) {
                c.call(new SessionRequest.Initialize("stop-test", 1), SessionRequest.ServerInfo.class);
                // Saved: a fifth note. Not saved: a sixth. The file must hold exactly the first.
                c.call(new EditRequest.AddNote("c1", 72, 90, 2, 1));
                c.call(new ProjectRequest.Save(null));
                c.call(new EditRequest.AddNote("c1", 74, 90, 3, 1));
                // An hour at 192 kHz: it is still writing when the signal comes.
                String job = c.call(new ProjectRequest.Render(out.toString(), 3600.0, 192000, null), ProjectRequest.RenderStarted.class).jobId();
                assertThat(job).isEqualTo("render-1");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                ProjectNotification.RenderProgress progress;
                do progress = c.expect(ProjectNotification.RenderProgress.class, 30_000);
                while (progress.framesDone() < 192000 && System.nanoTime() < deadline);
                part = "." + out.getFileName() + "." + p.pid() + "-render-1.part";
                assertThat(dir.resolve(part)).as("the job's partial file, being written").isRegularFile();
                assertThat(Files.size(dir.resolve(part))).as("bytes written before the stop").isGreaterThan(192000L * 6);

                long t0 = System.nanoTime();
                p.destroy(); // SIGTERM
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("exited after SIGTERM").isTrue();
                exitSeconds = (System.nanoTime() - t0) / 1e9;
                ended = c.expect(ProjectNotification.Rendered.class, 5_000);
            }
        } finally {
            p.destroyForcibly();
            if (server != null) server.close();
            server = null;
        }
        String err = Files.readString(errFile);
        System.out.printf("serve stopped by SIGTERM during a render: exit %d after %.2f s (%s)%n", p.exitValue(), exitSeconds, jack ? "JACK" : "no audio");
        assertThat(p.exitValue()).as("the status of a run ended by SIGTERM: " + err).isEqualTo(143);
        // A guard against a hang only: the "stopped" line below is what shows the close finished inside the hook's 3 s.
        assertThat(exitSeconds).as("seconds to exit").isLessThan(10.0);
        // The client heard why, before its socket closed.
        assertThat(ended.jobId()).isEqualTo("render-1");
        assertThat(ended.outcome()).isEqualTo(ProjectNotification.RenderOutcome.CANCELLED);
        assertThat(ended.error()).isEqualTo("the server is stopping");
        assertThat(ended.path()).isNull();
        // Printed after everything closed, so its presence shows the close finished inside the hook's wait.
        assertThat(err.lines().toList()).as(err).contains("stopped; cancelled render-1 (no partial file kept)" + (jack ? "; audio closed" : ""));
        assertThat(err).as("no stack trace").doesNotContain("Exception").doesNotContain("\tat ");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(f -> f.getFileName().toString())).as("no output and no partial file left")
                    .doesNotContain("long.wav", part).noneMatch(n -> n.endsWith(".part"));
        }
        // The project file holds what was saved: the saved note, not the unsaved one.
        List<Integer> keys = ProjectStore.load(song).tracks().getFirst().lanes().getFirst().clips().getFirst().notes().stream().map(Note::key).toList();
        assertThat(keys).containsExactlyInAnyOrder(60, 64, 67, 69, 72);
    }

    /** A one-track project: a sine SFZ and four notes in clip c1. */
    private Path project() throws Exception {
        float[] sine = new float[48000];
        for (int i = 0; i < sine.length; i++) sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 48000));
        WavWriter.write(dir.resolve("sine.wav"), new AudioData(new float[][] {sine}, 48000, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        Files.writeString(dir.resolve("sine.sfz"), "<region> sample=sine.wav pitch_keycenter=69 loop_mode=loop_continuous\n");
        InstrumentNode node = InstrumentNode.sampler("n1", "sine", dev.loophole.formats.sfz.SfzImporter.load(dir.resolve("sine.sfz")));
        Clip clip = new Clip("c1", "c", 0, 1920, ClipTarget.LANE,
                List.of(Note.of(1, 60, 100, 0, 480), Note.of(2, 64, 90, 480, 480), Note.of(3, 67, 80, 960, 480), Note.of(4, 69, 70, 1440, 480)), List.of());
        Lane lane = Lane.midi("l1", "notes", List.of(LaneTarget.all("n1"))).withClips(List.of(clip));
        Project p = new Project("stop", 960, 48000, TempoTrack.DEFAULT, List.of(new Track("t1", "sine", NodeGraph.single(node), List.of(lane), null, null)));
        Path song = dir.resolve("song.loophole");
        ProjectStore.save(p, song);
        return song;
    }
}
