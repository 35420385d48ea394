package dev.loophole.pulse.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.ScanListener;
import dev.loophole.model.SampleRef;
import dev.loophole.signal.audition.Auditioner;
import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.DummyJackServer;
import dev.loophole.signal.driver.JackDriver;
import dev.loophole.signal.store.SampleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The calls the IPC server makes, on a library on disk and a private JACK server. */
class MediaServiceTest {
    @TempDir Path tmp;

    @Test
    void searchAssignStatusAndAudition() throws Exception {
        assumeTrue(DummyJackServer.jackd() != null, "jackd2 is not installed");
        Path root = tmp.resolve("Samples");
        Path kick = tone(root.resolve("Drums/Kick Round.wav"), 60, 3.0);
        Path lead = tone(root.resolve("Leads/Lead A4.wav"), 440, 0.3);
        String name = "media-service-" + ProcessHandle.current().pid();
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"));
             DummyJackServer jack = DummyJackServer.start(name, 48000, 256, false);
             MediaService media = new MediaService(lib, () -> new Auditioner(JackDriver.open(AudioConfig.defaults("loophole-audition")
                     .withJackServer(name).withMidiInputs(null).withConnectOutputs(false)), new SampleStore(Long.MAX_VALUE, false)))) {
            lib.add(List.of(root), ScanListener.NONE);
            List<MediaService.Hit> hits = media.search("kick", 10);
            assertThat(hits).singleElement().satisfies(h -> {
                assertThat(h.path()).isEqualTo(kick.toString());
                assertThat(h.seconds()).isEqualTo(3.0);
                assertThat(h.sampleRate()).isEqualTo(48000);
                assertThat(h.tags()).contains("kick");
                assertThat(h.status()).isEqualTo("online");
            });
            assertThatThrownBy(() -> media.search("kick bogus:1", 10)).hasMessageContaining("unknown filter 'bogus:'");

            long leadId = media.search("lead", 10).getFirst().mediaId();
            SampleRef ref = media.sampleRef(leadId);
            assertThat(ref.path()).isEqualTo(lead.toString());
            assertThat(ref.media().relativePath()).isEqualTo("Leads/Lead A4.wav");
            assertThat(ref.media().root()).isEqualTo(lib.roots().getFirst().uuid());

            media.audition(hits.getFirst().mediaId());
            long deadline = System.currentTimeMillis() + 5000;
            while (media.auditionVoices() == 0 && System.currentTimeMillis() < deadline) Thread.sleep(5);
            assertThat(media.auditionVoices()).as("the kick sounds").isPositive();
            long stop = System.currentTimeMillis();
            media.stopAudition();
            while (media.auditionVoices() > 0 && System.currentTimeMillis() < stop + 5000) Thread.sleep(5);
            assertThat(System.currentTimeMillis() - stop).as("silenced long before its 3 s end").isLessThan(1500);

            List<MediaService.SampleStatus> notices = new CopyOnWriteArrayList<>();
            media.onSampleStatus(notices::add);
            Files.delete(lead);
            lib.checkStatus(true);
            assertThat(notices).containsExactly(new MediaService.SampleStatus(leadId, lead.toString(), "missing"));
            assertThatThrownBy(() -> media.audition(leadId)).hasMessageContaining("is missing");
        }
    }

    private static Path tone(Path file, double hz, double seconds) throws Exception {
        Files.createDirectories(file.getParent());
        float[] x = new float[(int) (seconds * 48000)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / 48000));
        WavWriter.write(file, new AudioData(new float[][]{x}, 48000, SampleFormat.PCM_16, SampleMetadata.NONE));
        return file;
    }
}
