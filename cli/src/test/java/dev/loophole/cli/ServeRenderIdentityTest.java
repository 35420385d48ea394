package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.ProjectNotification;
import dev.loophole.ipc.ProjectRequest;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.project.ChannelStrip;
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
import dev.loophole.pulse.server.PulseServer;
import dev.loophole.pulse.server.ServerConfig;
import dev.loophole.pulse.store.ProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A render job over IPC ({@code project.render} without a length) writes the very bytes {@code loophole render PROJECT} writes. */
class ServeRenderIdentityTest {
    @TempDir Path dir;

    @Test
    void theServersRenderIsTheCommandLinesByteForByte() throws Exception {
        float[] sine = new float[48000];
        for (int i = 0; i < sine.length; i++) sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 48000));
        WavWriter.write(dir.resolve("sine.wav"), new AudioData(new float[][] {sine}, 48000, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        // Random round robin between two regions: the seed matters, so the same seed must be used by both.
        Files.writeString(dir.resolve("rr.sfz"), "<group> seq_length=1 ampeg_release=0.05 amp_veltrack=0\n"
                + "<region> sample=sine.wav pitch_keycenter=69 lorand=0 hirand=0.5 volume=-3\n"
                + "<region> sample=sine.wav pitch_keycenter=69 lorand=0.5 hirand=1 volume=-9\n");
        InstrumentNode node = InstrumentNode.sampler("n1", "rr", SfzImporter.load(dir.resolve("rr.sfz")));
        Clip clip = new Clip("c1", "c", 0, 1920, ClipTarget.LANE,
                List.of(Note.of(1, 57, 100, 0, 240), Note.of(2, 64, 90, 480, 240), Note.of(3, 69, 80, 960, 480), Note.of(4, 62, 70, 1440, 240)), List.of());
        Lane lane = Lane.midi("l1", "notes", List.of(LaneTarget.all("n1"))).withClips(List.of(clip));
        Project p = new Project("same", 960, 48000, TempoTrack.DEFAULT,
                List.of(new Track("t1", "rr", NodeGraph.single(node), List.of(lane), null, new ChannelStrip(-1.5, 0.2, false, false))));
        Path song = dir.resolve("song.loophole");
        ProjectStore.save(p, song);

        CliRun cli = CliRun.of("render", song.toString(), "--out", dir.resolve("cli.wav").toString());
        assertThat(cli.status()).as(cli.err()).isZero();

        Path served = dir.resolve("served.wav");
        try (PulseServer server = new PulseServer(ServerConfig.defaults(), ProjectStore.load(song), song).start();
             IpcClient c = IpcClient.connect(server.webSocketUri())) {
            String job = c.call(new ProjectRequest.Render(served.toString(), null, null, null), ProjectRequest.RenderStarted.class).jobId();
            ProjectNotification.Rendered done = c.expect(ProjectNotification.Rendered.class, 60_000);
            assertThat(done.jobId()).isEqualTo(job);
            assertThat(done.outcome()).isEqualTo(ProjectNotification.RenderOutcome.DONE);
            byte[] a = Files.readAllBytes(dir.resolve("cli.wav")), b = Files.readAllBytes(served);
            assertThat(b.length).as("header + 24-bit stereo frames").isEqualTo(a.length);
            assertThat(done.frames() * 6).isLessThanOrEqualTo(b.length).isGreaterThan(b.length - 200L);
            assertThat(java.util.Arrays.mismatch(a, b)).as("the first byte that differs (-1: none)").isEqualTo(-1);
        }
    }
}
