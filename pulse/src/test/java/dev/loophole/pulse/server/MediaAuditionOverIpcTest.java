package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.MediaRequest;
import dev.loophole.ipc.RpcError;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.ScanListener;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.media.MediaService;
import dev.loophole.signal.audition.Auditioner;
import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.DummyJackServer;
import dev.loophole.signal.driver.JackDriver;
import dev.loophole.signal.store.SampleStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** media.audition and media.stopAudition over a real socket, sounding through a private dummy JACK server. */
class MediaAuditionOverIpcTest {
    @TempDir Path tmp;

    @Test
    void aNewAuditionReplacesTheLastAndStopSilencesIt() throws Exception {
        assumeTrue(DummyJackServer.jackd() != null, "jackd2 is not installed");
        Path root = tmp.resolve("Samples");
        Files.createDirectories(root);
        Fixtures.sine(root.resolve("Pad Long.wav"), 220, 3.0);
        Fixtures.sine(root.resolve("Pad Other.wav"), 330, 3.0);
        String name = "media-ipc-" + ProcessHandle.current().pid();
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"));
             DummyJackServer jack = DummyJackServer.start(name, 48000, 256, false);
             MediaService media = new MediaService(lib, () -> new Auditioner(JackDriver.open(AudioConfig.defaults("loophole-audition")
                     .withJackServer(name).withMidiInputs(null).withConnectOutputs(false)), new SampleStore(Long.MAX_VALUE, false)));
             PulseServer server = new PulseServer(ServerConfig.defaults(), Project.empty("a"), null, null, media, Duration.ofSeconds(5)).start();
             IpcClient c = IpcClient.connect(server.webSocketUri())) {
            lib.add(List.of(root), ScanListener.NONE);
            List<MediaRequest.Hit> pads = c.call(new MediaRequest.Search("pad", null), MediaRequest.Hits.class).hits();
            assertThat(pads).hasSize(2);

            MediaRequest.Hit playing = c.call(new MediaRequest.Audition(pads.getFirst().mediaId()), MediaRequest.Hit.class);
            assertThat(playing.path()).isEqualTo(pads.getFirst().path());
            await(media::auditionVoices, v -> v > 0, "the first pad sounds");
            c.call(new MediaRequest.Audition(pads.getLast().mediaId()));
            // The second replaces the first (both are 3 s long: were the first not stopped, two would sound).
            Thread.sleep(200);
            assertThat(media.auditionVoices()).as("one audition at a time").isEqualTo(1);

            long stop = System.currentTimeMillis();
            c.call(new MediaRequest.StopAudition());
            await(media::auditionVoices, v -> v == 0, "silence after media.stopAudition");
            assertThat(System.currentTimeMillis() - stop).as("long before the pad's 3 s end").isLessThan(1500);

            Files.delete(Path.of(pads.getFirst().path()));
            lib.checkStatus(true);
            assertThatThrownBy(() -> c.call(new MediaRequest.Audition(pads.getFirst().mediaId())))
                    .isInstanceOfSatisfying(IpcClient.Error.class, e -> {
                        assertThat(e.error().code()).isEqualTo(RpcError.REJECTED);
                        assertThat(e.error().message()).contains("is missing");
                    });
        }
    }

    private static void await(IntSupplier value, java.util.function.IntPredicate ok, String what) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (!ok.test(value.getAsInt()) && System.currentTimeMillis() < end) Thread.sleep(5);
        assertThat(ok.test(value.getAsInt())).as(what).isTrue();
    }
}
