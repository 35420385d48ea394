package dev.loophole.cli;

import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.AudioUnavailableException;
import dev.loophole.signal.driver.JackDriver;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A private JACK server for {@code loophole bench --live}: {@code jackd [--no-realtime|--realtime] -n NAME -d dummy},
 * so a measurement never touches the user's server and always has the block size it asks for.
 */
final class DummyJack implements AutoCloseable {
    final String name;
    private final Process process;
    private final Path log;

    private DummyJack(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Path jackd() {
        String path = System.getenv("PATH");
        if (path == null) return null;
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "jackd");
            if (Files.isExecutable(p)) return p;
        }
        return null;
    }

    /** Starts {@code jackd -d dummy -r rate -p period} and waits until a client can connect. */
    static DummyJack start(String name, int rate, int period) throws IOException, InterruptedException { return start(name, rate, period, false); }

    /**
     * With {@code realtime}, jackd runs with SCHED_FIFO ({@code -R}, needs the rights: root or an rtprio limit) and so do
     * its clients' process threads; without, it runs as a normal process, whose every scheduling delay is an xrun.
     */
    static DummyJack start(String name, int rate, int period, boolean realtime) throws IOException, InterruptedException {
        Path jackd = jackd();
        if (jackd == null) throw new Errors.UserError("jackd is not installed (Debian: apt-get install jackd2); bench --live starts its own dummy JACK server");
        Path log = Files.createTempFile(name, ".log");
        Process p = new ProcessBuilder(jackd.toString(), realtime ? "--realtime" : "--no-realtime", "-n", name, "-d", "dummy", "-r", "" + rate, "-p", "" + period)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        DummyJack server = new DummyJack(name, p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true) {
            try (JackDriver probe = JackDriver.open(AudioConfig.defaults("probe").withJackServer(name).withMidiInputs(null))) {
                return server;
            } catch (AudioUnavailableException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    String text = Files.readString(log);
                    server.close();
                    throw new Errors.UserError("jackd did not come up: " + text.strip(), e);
                }
                Thread.sleep(100);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        try (var files = Files.list(Path.of("/dev/shm"))) { // clients of a dead server leave semaphores behind
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
