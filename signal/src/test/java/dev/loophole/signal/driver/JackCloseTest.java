package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.signal.engine.EventBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Closing while JACK's process thread is inside our callback (a callback running late: a loaded machine, freewheel).
 * JACK2's jack_deactivate cancels that thread asynchronously wherever it is; killed inside Java it can take a JVM lock
 * with it and hang the JVM. The driver lets the thread finish its callback and leave on its own first.
 */
class JackCloseTest {
    @Test
    @Timeout(value = 40, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // server start ≤ 15 s + blocks ≤ 10 s + close ≤ 2 s, with room
    void aCallbackRunningAtCloseFinishes() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        AtomicInteger entered = new AtomicInteger(), finished = new AtomicInteger();
        try (JackServer server = JackServer.start()) {
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-close").withJackServer(server.name).withMidiInputs(null)
                    .withConnectOutputs(false));
            try {
                driver.start(new AudioCallback() {
                    @Override public void process(float[][] out, int frames, EventBuffer events) {
                        entered.incrementAndGet();
                        long end = System.nanoTime() + 20_000_000; // 20 ms: almost four periods, so close finds it running
                        while (System.nanoTime() < end) Thread.onSpinWait();
                        finished.incrementAndGet();
                    }

                    @Override public int activeVoices() { return 0; }
                });
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (finished.get() < 3 && System.nanoTime() < deadline) Thread.sleep(5);
                assertThat(finished.get()).as("callbacks before the close").isGreaterThanOrEqualTo(3);
            } finally {
                driver.close();
            }
            Thread.sleep(50); // a thread killed mid-callback would never finish it; one that finished stays finished
            assertThat(finished.get()).as("every callback JACK started ran to its end (%d entered)", entered.get()).isEqualTo(entered.get());
        }
    }
}
