package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.ipc.AuditionRequest;
import dev.loophole.ipc.EditRequest;
import dev.loophole.ipc.EditRequest.Created;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.ProjectNotification.TransportState;
import dev.loophole.ipc.ProjectRequest;
import dev.loophole.ipc.RpcError;
import dev.loophole.ipc.TransportRequest;
import dev.loophole.media.AudioData;
import dev.loophole.media.WavReader;
import dev.loophole.model.project.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Editing then rendering over IPC, without an audio device: the note a client wrote sounds in the
 * WAV at the frame its beat falls on, at the sample's pitch, and the reported peak is the file's.
 */
class RenderOverIpcTest {
    @TempDir
    Path dir;

    @Test
    void aNoteWrittenOverIpcSoundsWhereAndAsItShould() throws Exception {
        Fixtures.sine(dir.resolve("a440.wav"), 440, 2.0);
        Path sfz = dir.resolve("sine.sfz");
        Files.writeString(sfz, "<region> sample=a440.wav lokey=0 hikey=127 pitch_keycenter=69 loop_mode=no_loop\n");
        try (PulseServer server = new PulseServer(ServerConfig.defaults(), Project.empty("r"), null).start();
             IpcClient c = IpcClient.connect(server.webSocketUri())) {
            c.call(new InstrumentRequest.LoadProgram(sfz.toString(), null));
            String lane = server.onPulse(() -> server.pulse().project().tracks().getFirst().lanes().getFirst().laneId());
            String clip = c.call(new EditRequest.AddClip(lane, 1, 2, null), Created.class).id();
            c.call(new EditRequest.AddNote(clip, 57, 127, 0, 1)); // an octave down: 220 Hz, from beat 1 (0.5 s at 120 BPM) for 0.5 s

            // Without a device the transport keeps its state; auditions are refused, saying why.
            assertThat(c.call(new TransportRequest.SetTempo(120), TransportState.class).bpm()).isEqualTo(120);
            assertThat(c.call(new TransportRequest.Play(null), TransportState.class).playing()).isTrue();
            assertThat(c.call(new TransportRequest.Stop(), TransportState.class).playing()).isFalse();
            assertThatThrownBy(() -> c.call(new AuditionRequest.Note("sine", 60, null, 100)))
                    .isInstanceOfSatisfying(IpcClient.Error.class, e -> {
                        assertThat(e.error().code()).isEqualTo(RpcError.REJECTED);
                        assertThat(e.error().message()).contains("no audio device");
                    });

            Path wav = dir.resolve("out.wav");
            var info = Fixtures.render(c, new ProjectRequest.Render(wav.toString(), 2.0, 48000, null));
            assertThat(info.outcome()).isEqualTo(dev.loophole.ipc.ProjectNotification.RenderOutcome.DONE);
            assertThat(info.path()).isEqualTo(wav.toString());
            assertThat(info.frames()).isEqualTo(96_000);
            AudioData audio = WavReader.read(wav);
            assertThat(audio.frames()).isEqualTo(96_000);
            float[] left = audio.channels()[0];
            int onset = -1;
            float peak = 0;
            for (int i = 0; i < left.length; i++) {
                peak = Math.max(peak, Math.abs(left[i]));
                if (onset < 0 && Math.abs(left[i]) > 1e-4) onset = i;
            }
            assertThat(onset).as("the note starts at beat 1 = 24,000 frames").isBetween(24_000, 24_010);
            assertThat(info.peakDb()).isCloseTo(20 * Math.log10(peak), org.assertj.core.data.Offset.offset(0.01));
            // Pitch: zero crossings over 0.3 s of the note's body.
            int crossings = 0;
            for (int i = 26_400; i < 26_400 + 14_400; i++) if ((left[i - 1] < 0) != (left[i] < 0)) crossings++;
            double hz = crossings / 2.0 / 0.3;
            assertThat(hz).isCloseTo(220, org.assertj.core.data.Offset.offset(4.0));
            // After the note and its release: silence.
            float after = 0;
            for (int i = 72_000; i < 96_000; i++) after = Math.max(after, Math.abs(left[i]));
            assertThat(after).isLessThan(1e-3f);
        }
    }
}
