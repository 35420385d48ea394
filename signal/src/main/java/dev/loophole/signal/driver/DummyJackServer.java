package dev.loophole.signal.driver;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private JACK server on the dummy backend: {@code jackd [--no-realtime|--realtime] -n NAME -d dummy -r RATE
 * -p PERIOD}, so a measurement or a test never touches the user's server and always has the block size it
 * asks for. {@link #start} returns once a client can connect; {@link #close} stops it and removes what its
 * clients leave in /dev/shm.
 */
public final class DummyJackServer implements AutoCloseable {
    public final String name;
    public final Path log;
    private final Process process;
    /** Stops the server if the JVM exits without {@link #close} (an exit mid-measurement, a test fork stopped). */
    private final Thread onExit;

    private DummyJackServer(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
        this.onExit = new Thread(this::stop, "jackd-" + name + "-stop");
        Runtime.getRuntime().addShutdownHook(onExit);
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

    /**
     * Starts the server and waits (15 s at most) until a client can connect. With {@code realtime}, jackd runs
     * with SCHED_FIFO ({@code -R}: needs root or an rtprio limit) and so do its clients' process threads; without,
     * every scheduling delay of the normal process is an xrun.
     *
     * @throws IOException with jackd's own output when it is not installed or does not come up
     */
    public static DummyJackServer start(String name, int rate, int period, boolean realtime) throws IOException, InterruptedException {
        Path jackd = jackd();
        if (jackd == null) throw new IOException("jackd is not installed (Debian: apt-get install jackd2)");
        Path log = Files.createTempFile(name, ".log");
        Process p = new ProcessBuilder(jackd.toString(), realtime ? "--realtime" : "--no-realtime", "-n", name, "-d", "dummy",
                "-r", "" + rate, "-p", "" + period).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DummyJackServer server = new DummyJackServer(name, log, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (JackDriver probe = JackDriver.open(AudioConfig.defaults("probe").withJackServer(name).withMidiInputs(null))) {
                return server;
            } catch (AudioUnavailableException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    String text = Files.readString(log).strip();
                    server.close();
                    throw new IOException("jackd did not come up: " + text, e);
                }
                Thread.sleep(100);
            }
        }
    }

    /** SIGTERM (jackd removes most of its /dev/shm files), then SIGKILL if it lingers; waits, so this JVM reaps it. */
    private void stopNow() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }

    /** The shutdown hook: what {@link #close} does. */
    private void stop() {
        try {
            stopNow();
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
        cleanUp();
    }

    /** The server process (tests kill it to see a driver notice). */
    public Process process() { return process; }

    @Override
    public void close() throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException e) {
            // The JVM is already exiting: the hook stops the server anyway.
        }
        stopNow();
        cleanUp();
    }

    private void cleanUp() {
        // Clients of a server that died under them leave semaphores (jack_sem.0_<server>_<client>): remove this server's.
        try (var files = Files.list(Path.of("/dev/shm"))) {
            files.filter(f -> f.getFileName().toString().contains("_" + name + "_")).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // Not Linux, or nothing to clean.
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // A temporary file; harmless.
        }
    }
}
