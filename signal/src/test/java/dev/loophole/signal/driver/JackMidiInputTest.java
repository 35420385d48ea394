package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.signal.engine.Engine;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackException;
import org.jaudiolibs.jnajack.JackMidi;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;
import org.junit.jupiter.api.Test;

/** JACK MIDI in: another client's events reach the instrument on their exact frame within the cycle. */
class JackMidiInputTest {
    static final int OFFSET = 100, EVERY = 20; // a note every 20 cycles, 100 frames into the cycle

    @Test
    void eventsFromAnotherClientArriveOnTheirFrame() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        try (JackServer server = JackServer.start()) {
            // The sender opens first so the driver finds its port by name at start.
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-midi").withJackServer(server.name)
                    .withMidiInputs(List.of("midi-sender")).withConnectOutputs(false));
            JackClient sender = Jack.getInstance().openClient("midi-sender", EnumSet.of(JackOptions.JackNoStartServer), EnumSet.noneOf(JackStatus.class));
            JackPort out = sender.registerPort("out", JackPortType.MIDI, JackPortFlags.JackPortIsOutput);
            byte[] on = {(byte) 0x90, 60, 100}, off = {(byte) 0x80, 60, 0};
            int[] cycle = {0};
            StoppableProcess senderProcess = new StoppableProcess((c, n) -> {
                try {
                    JackMidi.clearBuffer(out);
                    int k = cycle[0]++;
                    if (k % EVERY == 0) JackMidi.eventWrite(out, OFFSET, on, 3);
                    if (k % EVERY == EVERY / 2) JackMidi.eventWrite(out, OFFSET, off, 3);
                } catch (JackException e) {
                    return false;
                }
                return true;
            });
            sender.setProcessCallback(senderProcess);
            sender.activate();
            SineOrgan organ = new SineOrgan(driver.sampleRate());
            Engine engine = new Engine(driver.sampleRate(), AudioConfig.MAX_BLOCK);
            engine.route(0, organ);
            driver.stats().startAllocationProbe(2000); // the JIT recompiles the MIDI path once, late on a loaded machine (~1 KB, measured)
            try {
                driver.start(new EngineCallback(engine));
                assertThat(driver.midiInputs()).containsExactly("midi-sender:out");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (driver.stats().blocks() < 3000 && System.nanoTime() < deadline) Thread.sleep(20);
            } finally { // both clients before the server goes
                driver.close();
                senderProcess.close(sender);
            }

            int n = Math.min(organ.noteOns, organ.noteOnFrames.length);
            System.out.printf("JACK MIDI in: %d note-ons over %d blocks, %d xruns; probe: %d blocks, %d bytes in our callback (last at block %d), %d in the dispatch%n",
                    organ.noteOns, driver.stats().blocks(), driver.stats().xruns(), driver.stats().probedBlocks(),
                    driver.stats().probedBytes(), driver.stats().probedLastAllocatingBlock(), driver.stats().probedCycleBytes());
            assertThat(n).as("notes received").isGreaterThan(40);
            // The organ counts rendered frames from the first block; every block is one 256-frame cycle.
            for (int i = 0; i < n; i++) assertThat(organ.noteOnFrames[i] % driver.blockSize()).as("note %d's frame in its cycle", i).isEqualTo(OFFSET);
            // Nothing steady: a per-event allocation would show in every block with a note (dozens here). At most
            // one block may carry the JVM's one-off linking of a freshly compiled call site (seen up to ~1 KB under
            // load); AudioThreadAllocationTest proves the engine's own 0 bytes after a long warm-up.
            assertThat(driver.stats().probedCycleBytes()).as("bytes allocated between callbacks").isLessThan(4096);
            assertThat(driver.stats().probedAllocatingBlocks()).as("blocks that allocated while MIDI arrives").isLessThanOrEqualTo(3);
            assertThat(driver.stats().probedBytes()).as("bytes allocated in our callback while MIDI arrives").isLessThan(4096);
        }
    }
}
