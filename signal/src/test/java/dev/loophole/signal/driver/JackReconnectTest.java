package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.signal.engine.Engine;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.concurrent.TimeUnit;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackStatus;
import org.junit.jupiter.api.Test;

/** A JACK server that restarts under the same name gets our client, ports and connections back, and the engine plays on. */
class JackReconnectTest {

    @Test
    void theDriverReconnectsWhenTheServerComesBack() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        JackServer first = JackServer.start();
        String name = first.name;
        JackServer second = null;
        JackDriver driver = null;
        try {
            driver = JackDriver.open(AudioConfig.defaults("loophole-reconnect").withJackServer(name).withMidiInputs(null).withReconnect(true));
            Engine engine = new Engine(driver.sampleRate(), AudioConfig.MAX_BLOCK);
            engine.route(0, new SineOrgan(driver.sampleRate()));
            driver.start(new EngineCallback(engine));
            DriverStats stats = driver.stats();
            waitFor(() -> stats.blocks() > 50, 10);

            first.close(); // SIGTERM: the server goes away under the running client
            assertThat(waitFor(stats::reconnecting, 10)).as("the driver noticed the server leaving").isTrue();
            assertThat(driver.isRunning()).as("still running while it waits").isTrue();
            assertThat(stats.line()).startsWith("JACK server '" + name + "' went away, reconnecting… (0 reconnects so far");
            long blocksWhileGone = stats.blocks(), frameWhileGone = driver.streamFrame();
            Thread.sleep(700); // at least one failed retry
            assertThat(stats.reconnects()).isZero();

            long t0 = System.nanoTime();
            second = JackServer.start(name, JackServer.PERIOD);
            assertThat(waitFor(() -> stats.reconnects() == 1 && stats.blocks() > blocksWhileGone + 50, 10)).as("callbacks resumed").isTrue();
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(stats.reconnecting()).isFalse();
            assertThat(driver.streamFrame()).as("the stream clock continues from where it stopped").isGreaterThan(frameWhileGone);
            assertThat(stats.line()).contains("1 reconnect");

            JackClient probe = Jack.getInstance().openClient("reconnect-probe", EnumSet.of(JackOptions.JackNoStartServer), EnumSet.noneOf(JackStatus.class));
            try {
                String[] ports = Jack.getInstance().getPorts(probe, "loophole-reconnect:", null, null);
                assertThat(ports).containsExactlyInAnyOrder("loophole-reconnect:out_L", "loophole-reconnect:out_R", "loophole-reconnect:midi_in");
                assertThat(Jack.getInstance().getAllConnections(probe, "loophole-reconnect:out_L")).containsExactly("system:playback_1");
                assertThat(Jack.getInstance().getAllConnections(probe, "loophole-reconnect:out_R")).containsExactly("system:playback_2");
                System.out.printf("JACK reconnect: back %.2f s after the new server started; ports %s; %s%n", seconds, Arrays.toString(ports), stats.line());
            } finally {
                probe.close();
            }
        } finally {
            if (driver != null) driver.close();
            if (second != null) second.close();
            first.close();
        }
    }

    static boolean waitFor(java.util.function.BooleanSupplier condition, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(10);
        }
        return true;
    }
}
