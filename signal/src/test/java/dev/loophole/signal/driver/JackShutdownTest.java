package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.signal.engine.Engine;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JACK server that goes away is noticed and reported, and closing afterwards is safe. */
class JackShutdownTest {

    @Test
    void aServerShutdownStopsTheDriverWithAReason() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        try (JackServer server = JackServer.start()) {
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-shutdown").withJackServer(server.name).withMidiInputs(null));
            Engine engine = new Engine(driver.sampleRate(), AudioConfig.MAX_BLOCK);
            engine.route(0, new SineOrgan(driver.sampleRate()));
            driver.start(new EngineCallback(engine));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (driver.stats().blocks() < 50 && System.nanoTime() < deadline) Thread.sleep(10);
            assertThat(driver.isRunning()).isTrue();
            assertThat(driver.stopReason()).isNull();

            server.process().destroy();
            assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).as("jackd stopped").isTrue();
            while (driver.isRunning() && System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(5)) Thread.sleep(10);
            assertThat(driver.isRunning()).isFalse();
            assertThat(driver.stopReason()).isEqualTo("the JACK server '" + server.name + "' shut down");
            driver.close();
            driver.close(); // idempotent
        }
    }
}
