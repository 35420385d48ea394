package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.signal.engine.Engine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Freewheel mode (JACK renders as fast as it can, e.g. for a bounce) is seen by the driver, on and off. */
class JackFreewheelTest {

    /**
     * In freewheel our callback runs back to back, so the close finds it running: the case where JACK's cancel of the
     * process thread hung the JVM (see {@link JackCloseTest}). Every wait below has its deadline; the timeout (separate
     * thread, so a call stuck in libjack fails the test instead of stalling the suite) covers their sum — server start
     * 15 s, two switches of ≤ 10 s for jack_freewheel plus ≤ 10 s for the notice, the close ≤ ProcessThreadStop.STOP_MILLIS + END_MILLIS
     * (10 s) — with room.
     */
    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void freewheelChangesAreCounted() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/jack_freewheel")), "jack_freewheel (from jackd2) is not installed");
        try (JackServer server = JackServer.start()) {
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-fw").withJackServer(server.name).withMidiInputs(null));
            try {
                Engine engine = new Engine(driver.sampleRate(), AudioConfig.MAX_BLOCK);
                engine.route(0, new SineOrgan(driver.sampleRate()));
                driver.start(new EngineCallback(engine));
                freewheel(server, "y");
                assertThat(waitFor(driver.stats()::freewheeling)).as("freewheel on").isTrue();
                freewheel(server, "n");
                assertThat(waitFor(() -> !driver.stats().freewheeling())).as("freewheel off").isTrue();
                assertThat(driver.stats().freewheelChanges()).isEqualTo(2);
            } finally {
                driver.close(); // before the server goes, freewheeling or not
            }
        }
    }

    static void freewheel(JackServer server, String onOff) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/jack_freewheel", onOff).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JACK_DEFAULT_SERVER", server.name);
        Process p = pb.start();
        try {
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("jack_freewheel %s finished", onOff).isTrue();
        } finally {
            p.destroyForcibly(); // no-op once it has exited
        }
    }

    static boolean waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) Thread.sleep(10);
        return condition.getAsBoolean();
    }
}
