package dev.loophole.signal.driver;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A private JACK server for a test ({@link DummyJackServer} at 48 kHz, 256 frames, not real-time, under a
 * unique name), so tests never touch a user's server and can run side by side. Shared with the cli tests
 * (signal's test jar).
 */
public final class JackServer implements AutoCloseable {
    public static final int RATE = 48_000, PERIOD = 256;
    private static final AtomicInteger COUNTER = new AtomicInteger();

    public final String name;
    public final Path log;
    private final DummyJackServer server;

    private JackServer(DummyJackServer server) {
        this.server = server;
        this.name = server.name;
        this.log = server.log;
    }

    /** The jackd executable on the PATH, or null. */
    public static Path jackd() { return DummyJackServer.jackd(); }

    /** Starts a server and waits until a client can connect. */
    public static JackServer start() throws IOException, InterruptedException { return start(PERIOD); }

    /** Starts a server with {@code period} frames per cycle. */
    public static JackServer start(int period) throws IOException, InterruptedException {
        return start("loophole-test-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet(), period);
    }

    /** Starts a server under a given name (a restart: the old one with that name must be gone). */
    public static JackServer start(String name, int period) throws IOException, InterruptedException {
        return new JackServer(DummyJackServer.start(name, RATE, period, false));
    }

    /** The server process (tests kill it to see a driver notice). */
    public Process process() { return server.process(); }

    @Override
    public void close() throws InterruptedException { server.close(); }
}
