package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A JVM that exits without closing its private JACK server (an exit mid-bench, a stopped test fork) stops and cleans it up too. */
class JackServerExitTest {
    /** The child: starts a server, prints jackd's pid, exits without closing it. */
    public static void main(String[] args) throws Exception {
        DummyJackServer server = DummyJackServer.start(args[0], 48_000, 256, false);
        System.out.println(server.process().pid() + " " + server.log);
        System.out.flush();
        System.exit(0);
    }

    @Test
    void aServerLeftOpenStopsWhenItsJvmExits() throws Exception {
        assumeTrue(DummyJackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String name = "loophole-exit-" + ProcessHandle.current().pid();
        Process child = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), JackServerExitTest.class.getName(), name))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(child.getInputStream().readAllBytes()).strip();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exits").isTrue();
        assertThat(child.exitValue()).isZero();
        String[] said = out.split(" ", 2);
        long jackd = Long.parseLong(said[0]);
        var handle = ProcessHandle.of(jackd);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (handle.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) Thread.sleep(50);
            assertThat(handle.map(ProcessHandle::isAlive).orElse(false)).as("jackd %d after its JVM exited", jackd).isFalse();
            assertThat(Path.of(said[1])).as("the server's log, cleaned up as close does").doesNotExist();
        } finally {
            handle.ifPresent(ProcessHandle::destroyForcibly);
        }
    }
}
