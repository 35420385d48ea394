package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.signal.engine.Engine;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The reconnect paths that fail, on real servers: a driver (with reconnect) in a child JVM whose JACK server is killed
 * (SIGTERM) under it. Not restarted: every try fails, naming the server, and the driver keeps running. Restarted, but
 * killed again between the new client's open and its activation: activation fails, the new client is closed (it must
 * be closed before it is marked gone, or the close skips the stop handshake) and the driver goes on trying. Restarted
 * for good: it reconnects and plays. Killed once more and closed while away: the close returns at once and the JVM
 * exits with 0. In a child JVM because a JVM wedged inside libjack would stall the suite, and "exits cleanly" is part
 * of what is checked (each server-gone upcall lingers 300 ms in the child, so every close of a gone client overlaps
 * it: a close that does not wait for the upcall's threads hangs the child, which the parent sees within 20 s); runs by default, as JackReconnectTest and JackShutdownTest do: each wait is bounded and every server stopped with SIGTERM.
 */
class JackReconnectFailureTest {
    /** The child: a reconnecting driver on server {@code args[0]}; answers "status", "go" and "close" on stdin. */
    public static void main(String[] args) throws Exception {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        CountDownLatch go = new CountDownLatch(1);
        AtomicBoolean held = new AtomicBoolean();
        // Every server-gone upcall lingers, so the reconnect's close of that client always overlaps it: closed without
        // waiting for the upcall's threads, jack_client_close cancels one inside the JVM and this JVM hangs.
        // It spins in Java rather than parks: a parked thread is safepoint-safe wherever it is cancelled.
        JackDriver.afterServerGoneNotice = () -> {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(LINGER_MILLIS);
            while (System.nanoTime() < end) Thread.onSpinWait();
        };
        // The first reactivation waits while the parent kills the server it just connected to.
        JackDriver.beforeReactivation = () -> {
            if (held.getAndSet(true)) return;
            out.println("reactivating");
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-refail").withJackServer(args[0]).withMidiInputs(null).withReconnect(true));
        Engine engine = new Engine(driver.sampleRate(), AudioConfig.MAX_BLOCK);
        engine.route(0, new SineOrgan(driver.sampleRate()));
        driver.start(new EngineCallback(engine));
        DriverStats stats = driver.stats();
        // Every distinct reason a try failed, in order (each stays ~500 ms, until the next try): polled, not missed.
        List<String> failures = new CopyOnWriteArrayList<>();
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                String f = stats.lastRetryFailure();
                if (f != null && (failures.isEmpty() || !failures.getLast().equals(f))) failures.add(f);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        out.println("started");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            switch (line) {
                case "go" -> go.countDown();
                case "status" -> out.println("status\t" + driver.isRunning() + "\t" + stats.reconnecting() + "\t" + stats.reconnects() + "\t"
                        + stats.blocks() + "\t" + stats.line() + "\t" + String.join(" | ", failures));
                case "close" -> {
                    long t0 = System.nanoTime();
                    driver.close();
                    out.printf("closed %.3f%n", (System.nanoTime() - t0) / 1e9);
                    System.exit(0);
                }
                default -> out.println("unknown " + line);
            }
        }
    }

    /** How long each server-gone upcall lingers in the child. */
    static final long LINGER_MILLIS = 300;
    /** How long the parent waits for any one line of the child's: past it the child is taken as hung and ended. */
    static final long LINE_SECONDS = 20;

    private record Status(boolean running, boolean reconnecting, long reconnects, long blocks, String line, String failures) {
        static Status parse(String s) {
            String[] f = s.split("\t", -1);
            return new Status(Boolean.parseBoolean(f[1]), Boolean.parseBoolean(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]), f[5], f[6]);
        }
    }

    /** The parent's end of the child's stdin and stdout. */
    private static final class Child {
        private static final String END = "\0end";
        final Process process;
        final BlockingQueue<String> out = new LinkedBlockingQueue<>();
        final PrintWriter in;

        Child(Process p) {
            process = p;
            in = new PrintWriter(p.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread.ofPlatform().daemon().start(() -> { // read aside, so a hung child fails the test instead of stalling it
                try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) out.add(line);
                } catch (java.io.IOException e) {
                    // ended: as end of input
                }
                out.add(END);
            });
        }

        String expect(String prefix) throws Exception {
            while (true) {
                String line = out.poll(LINE_SECONDS, TimeUnit.SECONDS);
                if (line == null) {
                    process.destroyForcibly();
                    throw new AssertionError("the child said nothing for " + LINE_SECONDS + " s while we waited for '" + prefix + "': hung");
                }
                if (line.equals(END)) throw new AssertionError("the child ended before '" + prefix + "'");
                if (line.startsWith(prefix)) return line;
            }
        }

        Status status() throws Exception {
            in.println("status");
            return Status.parse(expect("status\t"));
        }

        Status waitFor(java.util.function.Predicate<Status> condition, int seconds, String what) throws Exception {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            Status s = status();
            while (!condition.test(s) && System.nanoTime() < deadline) {
                Thread.sleep(20);
                s = status();
            }
            assertThat(condition.test(s)).as(what + ": " + s).isTrue();
            return s;
        }
    }

    @Test
    @Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // three server starts ≤ 15 s each, waits ≤ 10 s each
    void aFailedReconnectIsSaidNamingTheServerAndTheDriverRecoversAndClosesCleanly() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        long t0 = System.nanoTime();
        List<JackServer> servers = new ArrayList<>();
        JackServer first = JackServer.start();
        servers.add(first);
        String name = first.name, away = "JACK server '" + name + "' went away, reconnecting…";
        Path err = Files.createTempFile("refail", ".err");
        Process p = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), JackReconnectFailureTest.class.getName(), name)
                .redirectError(err.toFile()).start();
        Child child = new Child(p);
        try {
            child.expect("started");
            Status s = child.waitFor(x -> x.blocks() > 50, 10, "playing");

            // 1. Killed, not restarted: the driver runs on, says which server went away and why each try fails.
            kill(first);
            s = child.waitFor(x -> x.reconnecting() && x.failures().contains("no JACK server"), 10, "a failed try, said");
            assertThat(s.running()).as("still running while it waits").isTrue();
            assertThat(s.line()).startsWith(away + " (0 reconnects so far; last try: no JACK server '" + name + "' is running)");
            Thread.sleep(3 * JackDriver.RETRY_MILLIS);
            s = child.status();
            assertThat(s.reconnecting()).isTrue();
            assertThat(s.reconnects()).isZero();

            // 2. Back, but killed again between the new client's open and its activation: that reconnect fails.
            JackServer second = JackServer.start(name, JackServer.PERIOD);
            servers.add(second);
            child.expect("reactivating");
            kill(second);
            child.in.println("go");
            s = child.waitFor(x -> x.failures().contains("refused the restarted client"), 10, "the failed activation, said");
            assertThat(s.failures()).as("the failures in order").contains("the JACK server '" + name + "' refused the restarted client: ");
            assertThat(s.running()).isTrue();
            assertThat(s.reconnects()).isZero();
            long blocksBefore = s.blocks();

            // 3. Back for good: the next try reconnects and the engine plays on.
            servers.add(JackServer.start(name, JackServer.PERIOD));
            s = child.waitFor(x -> x.reconnects() == 1 && !x.reconnecting() && x.blocks() > blocksBefore + 50, 15, "reconnected and playing");
            assertThat(s.line()).contains(", 1 reconnect").doesNotContain("went away");

            // 4. Killed once more, and the driver closed while it waits: the close returns at once, the JVM exits with 0.
            kill(servers.getLast());
            child.waitFor(x -> x.reconnecting() && x.line().contains("last try: no JACK server"), 10, "away again");
            child.in.println("close");
            double closeSeconds = Double.parseDouble(child.expect("closed ").substring("closed ".length()));
            assertThat(p.waitFor(10, TimeUnit.SECONDS)).as("the child JVM exits after the close").isTrue();
            assertThat(p.exitValue()).as("exit status: " + Files.readString(err)).isZero();
            assertThat(closeSeconds).as("seconds the close took while the server was away").isLessThan(1.0);
            assertThat(Files.readString(err)).as("the child's stderr").doesNotContain("Exception").doesNotContain("#  SIGSEGV").doesNotContain("fatal error");
            System.out.printf("JACK reconnect failures: close while away %.3f s; the whole test %.1f s%n", closeSeconds, (System.nanoTime() - t0) / 1e9);
        } finally {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            for (JackServer server : servers) server.close();
            // A server stopped under a client leaves its slot in JACK2's registry (8, machine-wide) taken: seen, one per
            // run. A server of the same name reclaims it, and stopped with no client it frees it.
            try {
                JackServer.start(name, JackServer.PERIOD).close();
            } catch (Exception | AssertionError e) {
                System.err.println("could not free JACK server slot '" + name + "': " + e); // the test's own failure stays the one reported
            } finally {
                Files.deleteIfExists(err);
            }
        }
    }

    /**
     * SIGTERM, not SIGKILL: JACK2 frees a server's slot in its shared registry (8 slots, machine-wide) only when that
     * server exits or one of the same name starts; killed with SIGKILL under unique names, eight runs leave no server
     * able to start on the machine ("Too many servers already active").
     */
    private static void kill(JackServer server) throws InterruptedException {
        server.process().destroy();
        assertThat(server.process().waitFor(10, TimeUnit.SECONDS)).as("jackd stopped").isTrue();
    }
}
