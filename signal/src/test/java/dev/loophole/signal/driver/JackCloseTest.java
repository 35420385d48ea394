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
    @Timeout(value = 40, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // server start ≤ 15 s + blocks ≤ 10 s + close ≤ 10 s, with room
    void aCallbackRunningAtCloseFinishes() throws Exception {
        closeDuringALongCallback("loophole-close");
    }

    /**
     * The same where the thread's end cannot be seen (no pthread_tryjoin_np, or not JACK2; here forced with
     * loophole.jack.reap=false): the close waits for the callback to answer "stop" and a grace, never deactivating at once.
     */
    @Test
    @Timeout(value = 40, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void withoutReapingACallbackRunningAtCloseFinishesToo() throws Exception {
        System.setProperty("loophole.jack.reap", "false");
        try {
            closeDuringALongCallback("loophole-close-noreap");
        } finally {
            System.clearProperty("loophole.jack.reap");
        }
    }

    /**
     * A callback still running after {@link ProcessThreadStop#STOP_MILLIS} (a long GC pause, a process stopped with
     * Ctrl-Z): the close must not take the silence for a server that stopped running us and cancel the thread in it.
     */
    @Test
    @Timeout(value = 40, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // server start ≤ 15 s + blocks ≤ 10 s + close ≤ 10 s
    void aCallbackLongerThanTheStopWaitStillFinishes() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        SlowOnce callback = new SlowOnce(ProcessThreadStop.STOP_MILLIS + 500);
        try (JackServer server = JackServer.start()) {
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-close-slow").withJackServer(server.name).withMidiInputs(null)
                    .withConnectOutputs(false));
            try {
                callback.startAndEnterTheSlowCall(driver);
            } finally {
                driver.close();
            }
            callback.assertEveryCallFinished();
        }
    }

    /**
     * A callback still inside after every bounded wait (here shortened to 0.2 s + 0.5 s): the close gives up without
     * deactivating or closing the client — either would cancel the thread in Java — and returns; the callback finishes
     * afterwards, untouched, and JACK's thread then answers the stop and leaves on its own.
     */
    @Test
    @Timeout(value = 40, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aCallbackInsidePastEveryWaitIsLeftAloneNotCancelled() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        SlowOnce callback = new SlowOnce(2_000);
        System.setProperty("loophole.jack.stopMillis", "200");
        System.setProperty("loophole.jack.endMillis", "500");
        try (JackServer server = JackServer.start()) {
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-close-left").withJackServer(server.name).withMidiInputs(null)
                    .withConnectOutputs(false));
            long closeNanos;
            try {
                callback.startAndEnterTheSlowCall(driver);
            } finally {
                long t0 = System.nanoTime();
                driver.close();
                closeNanos = System.nanoTime() - t0;
            }
            assertThat(closeNanos / 1e9).as("seconds the close waited: it gave up at its cap (0.7 s), the callback still inside").isBetween(0.65, 1.9);
            assertThat(driver.stopAnswers()).as("stop answers when the close gave up").isZero();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (driver.stopAnswers() == 0 && System.nanoTime() < until) Thread.sleep(10);
            assertThat(driver.stopAnswers()).as("the thread, out of its long callback, answered the stop: never cancelled").isPositive();
            callback.assertEveryCallFinished();
        } finally {
            System.clearProperty("loophole.jack.stopMillis");
            System.clearProperty("loophole.jack.endMillis");
        }
    }

    /** Counts the calls JACK starts and finishes; once asked, one call spins {@code slowMillis} (a GC pause, a stopped process). */
    private static final class SlowOnce implements AudioCallback {
        private final AtomicInteger entered = new AtomicInteger(), finished = new AtomicInteger();
        private final java.util.concurrent.atomic.AtomicBoolean slow = new java.util.concurrent.atomic.AtomicBoolean();
        private final java.util.concurrent.CountDownLatch inSlow = new java.util.concurrent.CountDownLatch(1);
        private final long slowNanos;

        SlowOnce(long slowMillis) { slowNanos = TimeUnit.MILLISECONDS.toNanos(slowMillis); }

        @Override public void process(float[][] out, int frames, EventBuffer events) {
            entered.incrementAndGet();
            if (slow.getAndSet(false)) {
                inSlow.countDown();
                long end = System.nanoTime() + slowNanos;
                while (System.nanoTime() < end) Thread.onSpinWait();
            }
            finished.incrementAndGet();
        }

        @Override public int activeVoices() { return 0; }

        /** Starts {@code driver} on this, lets three calls finish, and returns once a call is inside its long spin. */
        void startAndEnterTheSlowCall(JackDriver driver) throws InterruptedException {
            driver.start(this);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (finished.get() < 3 && System.nanoTime() < deadline) Thread.sleep(5);
            assertThat(finished.get()).as("callbacks before the slow one").isGreaterThanOrEqualTo(3);
            slow.set(true);
            assertThat(inSlow.await(10, TimeUnit.SECONDS)).as("a callback entered its long spin").isTrue();
        }

        /** A thread killed mid-call would never finish it; one that finished stays finished. */
        void assertEveryCallFinished() throws InterruptedException {
            Thread.sleep(50);
            assertThat(finished.get()).as("every callback JACK started ran to its end (%d entered)", entered.get()).isEqualTo(entered.get());
        }
    }

    private static void closeDuringALongCallback(String client) throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        AtomicInteger entered = new AtomicInteger(), finished = new AtomicInteger();
        try (JackServer server = JackServer.start()) {
            JackDriver driver = JackDriver.open(AudioConfig.defaults(client).withJackServer(server.name).withMidiInputs(null)
                    .withConnectOutputs(false));
            try {
                driver.start(counting(entered, finished, 20_000_000)); // 20 ms: almost four periods, so close finds it running
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

    /**
     * Closing while freewheeling: callbacks run back to back and libjack's End() (after our "stop" answer) waits
     * ~5 s on the server's reply to deactivate. The close must wait for that thread rather than close the client
     * under it, every callback JACK started must finish, and a new client on the same server must run afterwards.
     */
    @Test
    @Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // start 15 s + switches 2×20 s + close ≤ 11 s + rerun 10 s
    void closingWhileFreewheelingWaitsForTheThreadAndLeavesTheServerUsable() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/jack_freewheel")), "jack_freewheel (from jackd2) is not installed");
        AtomicInteger entered = new AtomicInteger(), finished = new AtomicInteger();
        try (JackServer server = JackServer.start()) {
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-fwclose").withJackServer(server.name).withMidiInputs(null)
                    .withConnectOutputs(false));
            long closeNanos;
            try {
                driver.start(counting(entered, finished, 200_000)); // 0.2 ms: freewheel runs ~5000 cycles a second
                JackFreewheelTest.freewheel(server, "y");
                assertThat(JackFreewheelTest.waitFor(driver.stats()::freewheeling)).as("freewheel on").isTrue();
                int before = finished.get();
                assertThat(JackFreewheelTest.waitFor(() -> finished.get() > before + 100)).as("cycles while freewheeling").isTrue();
            } finally {
                long t0 = System.nanoTime();
                driver.close();
                closeNanos = System.nanoTime() - t0;
            }
            System.out.printf("close while freewheeling: %.2f s, %d callbacks%n", closeNanos / 1e9, entered.get());
            assertThat(closeNanos).as("close returns within STOP + END").isLessThan(TimeUnit.MILLISECONDS.toNanos(
                    ProcessThreadStop.STOP_MILLIS + ProcessThreadStop.END_MILLIS + 1_000));
            assertThat(driver.processThreadEndedBeforeClose()).as("JACK's thread left libjack's End() before the client was closed").isTrue();
            Thread.sleep(50);
            assertThat(finished.get()).as("every callback JACK started ran to its end").isEqualTo(entered.get());
            JackFreewheelTest.freewheel(server, "n");

            AtomicInteger again = new AtomicInteger(), againDone = new AtomicInteger();
            JackDriver next = JackDriver.open(AudioConfig.defaults("loophole-fwclose2").withJackServer(server.name).withMidiInputs(null)
                    .withConnectOutputs(false));
            try {
                next.start(counting(again, againDone, 0));
                assertThat(JackFreewheelTest.waitFor(() -> againDone.get() >= 20)).as("a new client runs on the same server").isTrue();
            } finally {
                next.close();
            }
            assertThat(againDone.get()).isEqualTo(again.get());
        }
    }

    /** An audio callback that closes its own driver is refused at once (it would wait for its own thread to leave). */
    @Test
    @Timeout(value = 40, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void closeFromTheAudioCallbackIsRefused() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        var refused = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        AtomicInteger cycles = new AtomicInteger();
        try (JackServer server = JackServer.start()) {
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-selfclose").withJackServer(server.name).withMidiInputs(null)
                    .withConnectOutputs(false));
            JackDriver[] self = {driver};
            try {
                driver.start(new AudioCallback() {
                    @Override public void process(float[][] out, int frames, EventBuffer events) {
                        if (cycles.incrementAndGet() == 5) {
                            long t0 = System.nanoTime();
                            try {
                                self[0].close();
                                refused.set(new AssertionError("close() from the callback returned"));
                            } catch (Throwable t) {
                                refused.set(System.nanoTime() - t0 > 100_000_000 ? new AssertionError("refused only after a wait", t) : t);
                            }
                        }
                    }

                    @Override public int activeVoices() { return 0; }
                });
                assertThat(JackFreewheelTest.waitFor(() -> cycles.get() >= 20)).as("cycles go on after the refused close").isTrue();
                assertThat(refused.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("process thread");
                assertThat(driver.isRunning()).isTrue();
            } finally {
                driver.close();
            }
            assertThat(driver.isRunning()).isFalse();
        }
    }

    /**
     * The cycle that answers "stop" writes silence. Each period we render holds its own number; a listener connected to
     * our output must not hear the last one twice. Left untouched, our port kept the previous period, which JACK passed
     * on once more in the stop cycle.
     */
    @Test
    @Timeout(value = 40, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theLastCycleIsSilent() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        AtomicInteger periods = new AtomicInteger(), heard = new AtomicInteger();
        var repeats = new java.util.concurrent.ConcurrentLinkedQueue<Integer>(); // periods heard twice
        try (JackServer server = JackServer.start()) {
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-lastcycle").withJackServer(server.name).withMidiInputs(null)
                    .withConnectOutputs(false));
            org.jaudiolibs.jnajack.JackClient capture = org.jaudiolibs.jnajack.Jack.getInstance().openClient("capture",
                    java.util.EnumSet.of(org.jaudiolibs.jnajack.JackOptions.JackNoStartServer), java.util.EnumSet.noneOf(org.jaudiolibs.jnajack.JackStatus.class));
            org.jaudiolibs.jnajack.JackPort in = capture.registerPort("in", org.jaudiolibs.jnajack.JackPortType.AUDIO,
                    org.jaudiolibs.jnajack.JackPortFlags.JackPortIsInput);
            float[] last = {0};
            StoppableProcess listen = new StoppableProcess((c, n) -> {
                float v = in.getFloatBuffer().get(0);
                if (v != 0) {
                    heard.incrementAndGet();
                    if (v == last[0]) repeats.add((int) v);
                }
                last[0] = v;
                return true;
            });
            capture.setProcessCallback(listen);
            try {
                driver.start(new AudioCallback() {
                    @Override public void process(float[][] out, int frames, EventBuffer events) {
                        java.util.Arrays.fill(out[0], 0, frames, periods.incrementAndGet()); // exact up to 2^24
                    }

                    @Override public int activeVoices() { return 0; }
                });
                capture.activate();
                org.jaudiolibs.jnajack.Jack.getInstance().connect(capture, driver.outputPorts().get(0), in.getName());
                assertThat(JackFreewheelTest.waitFor(() -> heard.get() >= 20)).as("the listener hears us").isTrue();
                driver.close();
                Thread.sleep(100); // the listener's cycles after ours ended
            } finally {
                driver.close();
                listen.close(capture);
            }
            System.out.printf("last cycle: %d periods rendered, %d heard, heard twice: %s%n", periods.get(), heard.get(), repeats);
            // A late cycle on a loaded machine may repeat one mid-stream (the listener ran without our new period); the
            // stop cycle repeats the last.
            assertThat(driver.stopAnswers()).as("a cycle answered the close's stop (else there was no stop cycle to hear)").isPositive();
            assertThat(repeats).as("periods heard twice").doesNotContain(periods.get());
        }
    }

    private static AudioCallback counting(AtomicInteger entered, AtomicInteger finished, long spinNanos) {
        return new AudioCallback() {
            @Override public void process(float[][] out, int frames, EventBuffer events) {
                entered.incrementAndGet();
                long end = System.nanoTime() + spinNanos;
                while (System.nanoTime() < end) Thread.onSpinWait();
                finished.incrementAndGet();
            }

            @Override public int activeVoices() { return 0; }
        };
    }
}
