package dev.loophole.pulse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.ipc.AuditionRequest;
import dev.loophole.ipc.InstrumentRequest;
import dev.loophole.ipc.IpcClient;
import dev.loophole.ipc.SessionRequest;
import dev.loophole.ipc.SignalNotification;
import dev.loophole.model.project.Project;
import dev.loophole.pulse.engine.ProjectEngine;
import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.AudioDriver;
import dev.loophole.signal.driver.AudioDrivers;
import dev.loophole.signal.driver.DummyJackServer;
import dev.loophole.signal.sampler.VoiceThread;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Voice and level summaries through a private dummy JACK server: a client's subscription goes with its
 * connection (200 clients come, subscribe and go: none is left), and the one that stays hears each program's
 * own voices and the level of what sounds.
 */
@org.junit.jupiter.api.Timeout(value = 120, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD) // a wedged libjack fails, not hangs
class LiveMetersTest {
    @TempDir
    Path dir;

    @Test
    void subscriptionsGoWithTheirClientsAndVoicesAreCountedPerProgram() throws Exception {
        assumeTrue(DummyJackServer.jackd() != null, "jackd is not installed");
        Fixtures.sine(dir.resolve("a440.wav"), 440, 3.0);
        Path sfz = dir.resolve("sine.sfz");
        Files.writeString(sfz, "<region> sample=a440.wav lokey=0 hikey=127 pitch_keycenter=69 amp_veltrack=0 ampeg_release=0.001\n");
        String name = "lh-meters-" + ProcessHandle.current().pid();
        try (DummyJackServer jack = DummyJackServer.start(name, 48000, 256, false)) {
            AudioDriver driver = AudioDrivers.open("jack", AudioConfig.defaults("lh-meters").withJackServer(name).withMidiInputs(null).withConnectOutputs(false));
            try (PulseServer server = new PulseServer(ServerConfig.defaults(), Project.empty("m"), null, driver).start();
                 IpcClient stays = IpcClient.connect(server.webSocketUri())) {
                // The one decision for a project's live settings, as `loophole play PROJECT` takes it (PlayCommandTest).
                assertThat(server.sound().liveSettings()).as("the live engine's settings").isEqualTo(ProjectEngine.Settings.live(driver.sampleRate()))
                        .extracting(ProjectEngine.Settings::seed, ProjectEngine.Settings::polyphony, ProjectEngine.Settings::voices,
                                ProjectEngine.Settings::maxBlock, ProjectEngine.Settings::quality)
                        .containsExactly(0L, 256, VoiceThread.AUDIO, AudioConfig.MAX_BLOCK, dev.loophole.signal.dsp.Interpolation.CUBIC); // a render's defaults (RenderOptions), on an audio thread, the driver's largest block, cubic
                stays.call(new InstrumentRequest.LoadProgram(sfz.toString(), "lead"));
                stays.call(new InstrumentRequest.LoadProgram(sfz.toString(), "pad"));

                for (int i = 0; i < 200; i++) {
                    try (IpcClient passing = IpcClient.connect(server.webSocketUri())) {
                        passing.call(new SessionRequest.Subscribe(true, true, 50));
                    }
                }
                long end = System.currentTimeMillis() + 10_000;
                while ((server.ipc().clientCount() > 1 || server.subscriptions() > 0) && System.currentTimeMillis() < end) Thread.sleep(10);
                assertThat(server.ipc().clientCount()).as("only the client that stayed").isEqualTo(1);
                assertThat(server.subscriptions()).as("no subscription outlives its client").isZero();

                stays.call(new SessionRequest.Subscribe(true, true, 50));
                assertThat(server.subscriptions()).isEqualTo(1);
                stays.inbox().clear();
                stays.call(new AuditionRequest.Note("lead", 69, 100, 1500));
                stays.call(new AuditionRequest.Note("lead", 72, 100, 1500));
                stays.call(new AuditionRequest.Note("pad", 64, 100, 1500));
                Meter m = new Meter();
                m.until(stays, () -> m.voices.getOrDefault("lead", 0) == 2 && m.voices.getOrDefault("pad", 0) == 1);
                assertThat(m.voices).as("two notes on lead, one on pad").containsEntry("lead", 2).containsEntry("pad", 1);
                long listen = System.currentTimeMillis() + 800;
                m.until(stays, () -> System.currentTimeMillis() > listen);
                // Three half-scale sines at once: the level reads above one alone (−6 dBFS), and below their sum (+3.5 dBFS).
                assertThat(m.loudest).isBetween(-4.5, 3.6);
                stays.call(new AuditionRequest.Stop(null));
                m.until(stays, () -> m.voices.getOrDefault("lead", -1) == 0 && m.voices.getOrDefault("pad", -1) == 0);
                assertThat(m.voices).as("silent after audition.stop").containsEntry("lead", 0).containsEntry("pad", 0);
            } finally {
                driver.close();
            }
        }
    }

    /** The latest voice summary per program and the loudest level seen, from the client's notifications. */
    private static final class Meter {
        Map<String, Integer> voices = Map.of();
        double loudest = -1000;

        void until(IpcClient c, java.util.function.BooleanSupplier done) {
            long end = System.currentTimeMillis() + 5_000;
            while (!done.getAsBoolean() && System.currentTimeMillis() < end) {
                var n = c.next(500);
                if (n == null) continue;
                switch (n.path("method").asText()) {
                    case "signal.voices" -> voices = c.rpc().read(n.get("params"), SignalNotification.Voices.class).programs().stream()
                            .collect(Collectors.toMap(SignalNotification.ProgramVoices::programId, SignalNotification.ProgramVoices::voices));
                    case "signal.levels" -> loudest = Math.max(loudest, c.rpc().read(n.get("params"), SignalNotification.Levels.class).peakDb().getFirst());
                    default -> { }
                }
            }
        }
    }
}
