package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.signal.engine.Engine;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;
import org.junit.jupiter.api.Test;

/**
 * Named outputs: an instrument on bus 1 ("drums") sounds only on {@code drums_L/drums_R}, the main
 * one only on {@code out_L/out_R}, read back by a second JACK client; the multi-output cycle allocates nothing.
 */
class JackOutputsTest {
    static final String[] PORTS = {"out_L", "out_R", "drums_L", "drums_R"};
    enum Mode { NONE, MAIN, DRUMS, BOTH }

    volatile Mode mode = Mode.NONE;
    final double[] energy = new double[4];
    volatile boolean reset;

    @Test
    void channelTenPlaysOnlyOnTheDrumsPorts() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        try (JackServer server = JackServer.start(128)) { // 375 blocks/s: enough blocks for the allocation probe in a few seconds
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-outs").withJackServer(server.name).withMidiInputs(null)
                    .withConnectOutputs(false).withOutputs(List.of("out", "drums")));
            Engine engine = new Engine(driver.sampleRate(), AudioConfig.MAX_BLOCK);
            engine.route(0, new SineOrgan(driver.sampleRate()), 0);
            engine.route(9, new SineOrgan(driver.sampleRate()), 1);
            assertThat(engine.buses()).isEqualTo(2);
            assertThat(driver.outputPorts()).containsExactly("loophole-outs:out_L", "loophole-outs:out_R", "loophole-outs:drums_L", "loophole-outs:drums_R");

            JackClient capture = Jack.getInstance().openClient("capture", EnumSet.of(JackOptions.JackNoStartServer), EnumSet.noneOf(JackStatus.class));
            JackPort[] in = new JackPort[4];
            for (int i = 0; i < 4; i++) in[i] = capture.registerPort("in" + i, JackPortType.AUDIO, JackPortFlags.JackPortIsInput);
            StoppableProcess captureProcess = new StoppableProcess((c, n) -> {
                if (reset) { java.util.Arrays.fill(energy, 0); reset = false; }
                for (int p = 0; p < 4; p++) {
                    var b = in[p].getFloatBuffer();
                    double e = 0;
                    for (int i = 0; i < n; i++) { float x = b.get(i); e += x * x; }
                    energy[p] += e;
                }
                return true;
            });
            capture.setProcessCallback(captureProcess);
            driver.stats().startAllocationProbe(1000);
            double[] drumsOnly, mainOnly;
            try {
                driver.start(new EngineCallback(engine));
                capture.activate();
                for (int i = 0; i < 4; i++) Jack.getInstance().connect(capture, "loophole-outs:" + PORTS[i], in[i].getName());
                MidiRing ring = driver.addMidiSource(256);
                Thread feeder = Thread.ofPlatform().daemon().start(() -> feed(ring));

                drumsOnly = window(Mode.DRUMS);
                mainOnly = window(Mode.MAIN);
                mode = Mode.BOTH;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (driver.stats().blocks() < 2200 && System.nanoTime() < deadline) Thread.sleep(20);
                mode = null;
                feeder.join(2000);
            } finally { // both clients before the server goes
                mode = null;
                driver.close();
                captureProcess.close(capture);
            }

            DriverStats s = driver.stats();
            System.out.printf("JACK named outputs: energy out/drums with channel 10 only %s, with channel 1 only %s; %d blocks, %s; probe: %d blocks, %d bytes in our callback%n",
                    java.util.Arrays.toString(drumsOnly), java.util.Arrays.toString(mainOnly), s.blocks(), s.line(), s.probedBlocks(), s.probedBytes());
            assertThat(drumsOnly[2]).as("drums_L with channel 10 notes").isPositive();
            assertThat(drumsOnly[3]).as("drums_R with channel 10 notes").isPositive();
            assertThat(drumsOnly[0] + drumsOnly[1]).as("out_L/out_R with channel 10 notes").isZero();
            assertThat(mainOnly[0]).as("out_L with channel 1 notes").isPositive();
            assertThat(mainOnly[1]).as("out_R with channel 1 notes").isPositive();
            assertThat(mainOnly[2] + mainOnly[3]).as("drums ports with channel 1 notes").isZero();
            assertThat(s.probedBlocks()).as("blocks measured after warm-up").isGreaterThan(500);
            assertThat(s.probedAllocatingBlocks()).as("blocks that allocated anything").isLessThanOrEqualTo(3);
            assertThat(s.probedBytes()).as("bytes allocated inside the multi-output callback").isLessThan(4096);
        }
    }

    /** Plays {@code m}'s notes for 1.5 s, lets the tails die for 0.6 s, returns the energy per port over that time. */
    private double[] window(Mode m) throws InterruptedException {
        reset = true;
        Thread.sleep(50);
        mode = m;
        Thread.sleep(1500);
        mode = Mode.NONE;
        Thread.sleep(600);
        return energy.clone();
    }

    /** A note every 100 ms on the channels the mode asks for, released after 50 ms. */
    private void feed(MidiRing ring) {
        int key = 60;
        while (true) {
            Mode m = mode;
            if (m == null) return;
            boolean main = m == Mode.MAIN || m == Mode.BOTH, drums = m == Mode.DRUMS || m == Mode.BOTH;
            if (main) ring.offer(MidiRing.NOW, 0x90, key, 100);
            if (drums) ring.offer(MidiRing.NOW, 0x99, key, 100);
            sleep(50);
            if (main) ring.offer(MidiRing.NOW, 0x80, key, 0);
            if (drums) ring.offer(MidiRing.NOW, 0x89, key, 0);
            sleep(50);
            key = key == 72 ? 60 : key + 1;
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
