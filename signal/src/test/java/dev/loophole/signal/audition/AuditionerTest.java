package dev.loophole.signal.audition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.JackDriver;
import dev.loophole.signal.driver.JackServer;
import dev.loophole.signal.store.SampleStore;
import dev.loophole.signal.testing.Pitch;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import org.jaudiolibs.jnajack.Jack;
import org.jaudiolibs.jnajack.JackClient;
import org.jaudiolibs.jnajack.JackOptions;
import org.jaudiolibs.jnajack.JackPort;
import org.jaudiolibs.jnajack.JackPortFlags;
import org.jaudiolibs.jnajack.JackPortType;
import org.jaudiolibs.jnajack.JackStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Auditions through a real JACK server, read back by a second client: the sample's pitch and length, and a new audition cutting the old. */
class AuditionerTest {
    static final int RATE = JackServer.RATE;
    @TempDir Path dir;

    final float[] captured = new float[RATE * 20];
    volatile int written;

    @Test
    void playsASampleAtItsPitchAndANewAuditionStopsThePrevious() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2)");
        Path short440 = tone(dir.resolve("a440.wav"), 440, 0.5);
        Path long660 = tone(dir.resolve("e660.wav"), 660, 3.0);
        try (JackServer server = JackServer.start();
             Auditioner a = new Auditioner(JackDriver.open(AudioConfig.defaults("loophole-audition").withJackServer(server.name)
                     .withMidiInputs(null).withConnectOutputs(false)), new SampleStore(Long.MAX_VALUE, false))) {
            JackClient capture = Jack.getInstance().openClient("capture", EnumSet.of(JackOptions.JackNoStartServer), EnumSet.noneOf(JackStatus.class));
            JackPort in = capture.registerPort("in", JackPortType.AUDIO, JackPortFlags.JackPortIsInput);
            capture.setProcessCallback((c, n) -> {
                var b = in.getFloatBuffer();
                int at = written;
                for (int i = 0; i < n && at + i < captured.length; i++) captured[at + i] = b.get(i);
                written = Math.min(captured.length, at + n);
                return true;
            });
            capture.activate();
            Jack.getInstance().connect(capture, "loophole-audition:out_L", "capture:in");

            a.play(short440);
            waitPlayedOut(a);
            int[] first = sounding(0, written);
            assertThat(first[1] - first[0]).as("frames sounding").isCloseTo(RATE / 2, within(2 * JackServer.PERIOD));
            assertThat(medianHz(first[0] + 1000, first[1] - 1000)).isCloseTo(440, within(0.2));

            int mark = written;
            a.play(long660);
            Thread.sleep(700);
            a.play(short440); // cuts the 3 s tone
            waitPlayedOut(a);
            int[] second = sounding(mark, written);
            double total = (second[1] - second[0]) / (double) RATE;
            assertThat(total).as("the 660 Hz tone did not play its 3 s").isBetween(0.9, 1.9);
            // Windows well inside each tone: a non-realtime JACK on a busy machine may drop a block at the switch.
            assertThat(medianHz(second[1] - RATE * 3 / 8, second[1] - RATE / 8)).isCloseTo(440, within(1.0));
            assertThat(medianHz(second[0] + RATE / 8, second[0] + RATE * 3 / 8)).isCloseTo(660, within(1.5));
            capture.close();
        }
    }

    /**
     * The pitch of what the capture client recorded over [from, to): the median of five windows, because a
     * non-realtime JACK on a busy machine can drop a capture block, and a window across that gap reads sharp
     * (once 441.0 Hz over the whole tone); the other windows still hold the tone as played.
     */
    private double medianHz(int from, int to) {
        int w = (to - from) / 5;
        double[] hz = new double[5];
        for (int k = 0; k < 5; k++) hz[k] = Pitch.regressionHz(captured, from + k * w, from + (k + 1) * w, RATE);
        Arrays.sort(hz);
        return hz[2];
    }

    private void waitPlayedOut(Auditioner a) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (a.voices() == 0 && System.currentTimeMillis() < deadline) Thread.sleep(5);
        while (a.voices() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(5);
        Thread.sleep(100); // the last blocks reach the capture client
    }

    /** First and last+1 frame above -60 dBFS in [from, to). */
    private int[] sounding(int from, int to) {
        int a = -1, b = -1;
        for (int i = from; i < to; i++) if (Math.abs(captured[i]) > 1e-3) { if (a < 0) a = i; b = i + 1; }
        assertThat(a).as("something sounded").isGreaterThanOrEqualTo(0);
        return new int[]{a, b};
    }

    private static Path tone(Path file, double hz, double seconds) throws Exception {
        int n = (int) (seconds * RATE);
        float[][] x = new float[1][n];
        for (int i = 0; i < n; i++) x[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / RATE));
        WavWriter.write(file, new AudioData(x, RATE, SampleFormat.PCM_24, SampleMetadata.NONE));
        return file;
    }
}
