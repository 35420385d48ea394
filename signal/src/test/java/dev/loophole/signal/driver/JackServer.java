package dev.loophole.signal.driver;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A private JACK server for a test: {@code jackd --no-realtime -n <unique> -d dummy -r 48000 -p 256},
 * so tests never touch a user's server and can run side by side. Shared with the cli tests (signal's test jar).
 */
public final class JackServer implements AutoCloseable {
    public static final int RATE = 48_000, PERIOD = 256;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final String name;
    public final Path log;
    private final Process process;

    private JackServer(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** The jackd executable on the PATH, or null. */
    public static Path jackd() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "jackd");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Starts a server and waits until a client can connect. */
    public static JackServer start() throws IOException, InterruptedException { return start(PERIOD); }

    /** Starts a server with {@code period} frames per cycle. */
    public static JackServer start(int period) throws IOException, InterruptedException {
        return start("loophole-test-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet(), period);
    }

    /** Starts a server under a given name (a restart: the old one with that name must be gone). */
    public static JackServer start(String name, int period) throws IOException, InterruptedException {
        Path log = Files.createTempFile(name, ".log");
        Process p = new ProcessBuilder(jackd().toString(), "--no-realtime", "-n", name, "-d", "dummy", "-r", "" + RATE, "-p", "" + period)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        JackServer server = new JackServer(name, log, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (JackDriver probe = JackDriver.open(AudioConfig.defaults("probe").withJackServer(name).withMidiInputs(null))) {
                return server;
            } catch (AudioUnavailableException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    server.close();
                    throw new IOException("jackd did not come up: " + Files.readString(log), e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** The server process (tests kill it to see a driver notice). */
    public Process process() { return process; }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: jackd removes most of its /dev/shm files
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        // Clients of a server that died under them leave semaphores (jack_sem.0_<server>_<client>): remove this server's.
        try (var files = Files.list(Path.of("/dev/shm"))) {
            files.filter(f -> f.getFileName().toString().contains("_" + name + "_")).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Not Linux, or nothing to clean.
        }
    }
}
