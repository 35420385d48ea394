package dev.loophole.cli;

import dev.loophole.signal.driver.AudioConfig;
import dev.loophole.signal.driver.EngineCallback;
import dev.loophole.signal.driver.JackDriver;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
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

/**
 * MIDI in → audio out through JACK, measured in JACK's frame time: a sender client writes a note-on
 * at a random frame of a cycle into our {@code midi_in}; a capture client reads our {@code out_L}
 * and notes the first non-zero sample after it. Two clients (not one) so the graph has no cycle
 * and JACK runs sender → loophole → capture in one period. What hardware adds on top (the
 * driver's input and output buffers) is not in this figure: the dummy backend has none.
 */
final class LiveLatency {
    /** What one block size measured, in frames. */
    record Result(int period, int rate, long[] latencies, int silentMisses, long xruns) {
        long min() { return latencies.length == 0 ? -1 : latencies[0]; }
        long median() { return latencies.length == 0 ? -1 : latencies[latencies.length / 2]; }
        long max() { return latencies.length == 0 ? -1 : latencies[latencies.length - 1]; }

        /** Notes that sounded a period or more after their frame: the cycle they came in was lost (an xrun). */
        long late() { return Arrays.stream(latencies).filter(l -> l >= period).count(); }

        String line() {
            double ms = 1000.0 / rate;
            return String.format(Locale.ROOT, "live latency, %d frames (%.2f ms) at %d Hz: %d notes, MIDI event → first non-zero sample "
                            + "min %d, median %d, max %d frames (max %.2f ms = %.2f periods); %d notes a period or more late, %d without onset, %d xruns",
                    period, period * ms, rate, latencies.length, min(), median(), max(), max() * ms, max() / (double) period, late(), silentMisses, xruns);
        }
    }

    private final Patch patch;
    private final int notes;

    // Shared by the two test-side JACK clients (they run one after the other in each cycle).
    private volatile long noteFrame = -1;   // frame time of the pending note-on, -1 when none
    private volatile long noteOffAt = -1;
    private long[] found;
    private volatile int count, misses;
    private boolean quietBefore = true;     // capture thread: the previous cycle ended silent

    LiveLatency(Patch patch, int notes) {
        this.patch = patch;
        this.notes = notes;
    }

    /** Runs on a fresh dummy server with {@code period} frames: {@code notes} notes, ~0.1 s apart. */
    Result run(String serverName, int rate, int period) throws Exception {
        found = new long[notes];
        count = 0;
        misses = 0;
        Jack jack = Jack.getInstance();
        JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-bench").withJackServer(serverName)
                .withMidiInputs(List.of("latency-sender")).withConnectOutputs(false));
        JackClient sender = null, capture = null;
        try {
            sender = jack.openClient("latency-sender", EnumSet.of(JackOptions.JackNoStartServer), EnumSet.noneOf(JackStatus.class));
            capture = jack.openClient("latency-capture", EnumSet.of(JackOptions.JackNoStartServer), EnumSet.noneOf(JackStatus.class));
            JackPort midiOut = sender.registerPort("out", JackPortType.MIDI, JackPortFlags.JackPortIsOutput);
            JackPort in = capture.registerPort("in", JackPortType.AUDIO, JackPortFlags.JackPortIsInput);
            int gap = rate / 10, hold = rate / 20;
            Random rnd = new Random(42);
            long[] nextNote = {-1};
            sender.setProcessCallback((c, n) -> send(c, midiOut, n, gap, hold, rnd, nextNote));
            capture.setProcessCallback((c, n) -> capture(c, in, n, gap));
            sender.activate();
            Engine engine = new Engine(rate, AudioConfig.MAX_BLOCK);
            SamplerInstrument inst = new SamplerInstrument(patch, rate, 64, 1);
            inst.setQuality(Interpolation.CUBIC);
            for (int ch = 0; ch < 16; ch++) engine.route(ch, inst);
            driver.start(new EngineCallback(engine));
            capture.activate();
            jack.connect(capture, driver.outputPorts().get(0), in.getName());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10 + notes / 5);
            while (count < notes && System.nanoTime() < deadline) Thread.sleep(20);
            long[] l = Arrays.copyOf(found, Math.min(count, notes));
            Arrays.sort(l);
            return new Result(period, rate, l, misses, driver.stats().xruns());
        } finally {
            driver.close();
            if (sender != null) sender.close();
            if (capture != null) capture.close();
        }
    }

    /** Sender's JACK thread: a note-on at a random frame once the last one was measured and {@code gap} frames passed. */
    private boolean send(JackClient c, JackPort out, int n, int gap, int hold, Random rnd, long[] nextNote) {
        try {
            JackMidi.clearBuffer(out);
            long start = c.getLastFrameTime();
            if (nextNote[0] < 0) nextNote[0] = start + 4L * gap; // let the engine warm up first
            long off = noteOffAt;
            if (off >= 0 && off < start + n) {
                JackMidi.eventWrite(out, (int) Math.max(0, off - start), new byte[] {(byte) 0x80, 60, 0}, 3);
                noteOffAt = -1;
            }
            if (noteFrame < 0 && noteOffAt < 0 && start >= nextNote[0]) {
                int at = rnd.nextInt(n);
                JackMidi.eventWrite(out, at, new byte[] {(byte) 0x90, 60, 100}, 3);
                nextNote[0] = start + at + gap;
                noteOffAt = start + at + hold;
                noteFrame = start + at;
            }
        } catch (JackException e) {
            return false;
        }
        return true;
    }

    /** Capture's JACK thread (after ours in the cycle): the first non-zero sample at or after the pending note. */
    private boolean capture(JackClient c, JackPort in, int n, int gap) {
        try {
            long start = c.getLastFrameTime();
            var buf = in.getFloatBuffer();
            long note = noteFrame;
            boolean silent = true;
            if (note >= 0 && note < start + n) {
                int from = (int) Math.max(0, note - start);
                boolean clean = quietBefore;
                for (int i = 0; i < from; i++) clean &= buf.get(i) == 0f;
                int hit = -1;
                for (int i = from; i < n && hit < 0; i++) if (buf.get(i) != 0f) hit = i;
                if (hit >= 0) {
                    if (clean && count < found.length) found[count++] = start + hit - note;
                    noteFrame = -1;
                } else if (start + n - note > gap) {
                    misses = misses + 1; // nothing came out: counted, not timed
                    noteFrame = -1;
                }
            }
            for (int i = 0; i < n; i++) silent &= buf.get(i) == 0f;
            quietBefore = silent;
        } catch (JackException e) {
            return false;
        }
        return true;
    }
}
