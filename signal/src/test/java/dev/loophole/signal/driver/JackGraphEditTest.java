package dev.loophole.signal.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.model.project.EffectKind;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.graph.GraphRuntime;
import dev.loophole.signal.graph.GraphSpec;
import dev.loophole.signal.graph.GraphSpec.Connection;
import dev.loophole.signal.graph.GraphSpec.EffectNode;
import dev.loophole.signal.graph.GraphSpec.InstrumentNode;
import dev.loophole.signal.graph.GraphSpec.Lane;
import dev.loophole.signal.graph.GraphSpec.LaneTarget;
import dev.loophole.signal.graph.GraphSpec.MidiFx;
import dev.loophole.signal.graph.GraphSpec.OutputNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Graph edits while a note sounds live on JACK (a private dummy server): the edits are compiled on
 * this (control) thread and published while the driver's thread plays; the output the graph hands
 * JACK is recorded inside the callback and its second difference stays within a clean sine's.
 */
class JackGraphEditTest {
    static final int CAPTURE = 48_000 * 8;

    @Test
    void editsDuringLivePlayLeaveNoDiscontinuity() throws Exception {
        assumeTrue(JackServer.jackd() != null, "jackd is not installed (Debian: apt-get install jackd2); the live JACK tests need it");
        try (JackServer server = JackServer.start()) {
            JackDriver driver = JackDriver.open(AudioConfig.defaults("loophole-edit").withJackServer(server.name).withMidiInputs(null)
                    .withConnectOutputs(false));
            int rate = driver.sampleRate();
            SineOrgan organ = new SineOrgan(rate), other = new SineOrgan(rate);
            GraphRuntime graph = new GraphRuntime(rate, AudioConfig.MAX_BLOCK);
            List<GraphSpec> edits = edits(organ, other);
            graph.publish(edits.getFirst());
            float[] captured = new float[CAPTURE];
            int[] written = {0};
            int cleanEnd;
            try {
                driver.start(new AudioCallback() {
                    @Override public void process(float[][] out, int frames, EventBuffer events) {
                        graph.process(out, frames, events);
                        int n = Math.min(frames, CAPTURE - written[0]);
                        if (n > 0) System.arraycopy(out[0], 0, captured, written[0], n);
                        written[0] += Math.max(n, 0);
                    }

                    @Override public int activeVoices() { return graph.activeVoices(); }
                });
                MidiRing ring = driver.addMidiSource(64);
                ring.offer(MidiRing.NOW, 0x90, 57, 127); // 220 Hz, held through every edit
                Thread.sleep(800);
                cleanEnd = written[0];
                for (int i = 1; i < 40; i++) { // an edit every 50 ms, cycling through the variants
                    graph.publish(edits.get(i % edits.size()));
                    Thread.sleep(50);
                }
                Thread.sleep(300);
            } finally {
                driver.close(); // before the server goes: a client killed under it can wedge libjack
            }
            int editEnd = written[0];
            assertThat(organ.noteOns).as("the held note was never restarted").isEqualTo(1);
            assertThat(editEnd - cleanEnd).as("frames recorded across the edits").isGreaterThan(rate);

            // A clean stretch after the attack gives the bound: the same sine's own largest second difference.
            int from = rate / 10;
            double clean = maxSecondDifference(captured, from, cleanEnd);
            double edited = maxSecondDifference(captured, cleanEnd, Math.min(editEnd, CAPTURE) - 1);
            double expected = 0.1 * Math.pow(2 * Math.PI * 220 / rate, 2); // A·ω² of SineOrgan's 220 Hz at velocity 127
            // What smooth edits may add, from their linear glides and fades of 20 ms (960 frames). The gain glides 0 ↔ −3 dB
            // (slope s): where a glide starts, ends or — edits adopted back to back by a stalled thread — turns around, the
            // slope changes by at most 2s, adding A·2s to |Δ²|, and the product rule adds 2·s·A·ω. The EQ fades dry ↔ wet
            // (slope 1/960) over a difference within 2% of A (a shelf at 8 kHz, flat at 220 Hz): A·0.02·2/960 more.
            double amp = 0.1, w = 2 * Math.PI * 220 / rate, s = (1 - Math.pow(10, -3 / 20.0)) / (rate / 50.0);
            double bound = clean + amp * 2 * s + 2 * s * amp * w + amp * 0.02 * 2 / (rate / 50.0);
            System.out.printf("JACK graph edits: clean max |Δ²| %.3g (A·ω² = %.3g), across 39 edits %.3g (bound %.3g); %s, %d blocks over their period%n",
                    clean, expected, edited, bound, driver.stats().line(), driver.stats().overBudgetBlocks());
            assertThat(clean).isBetween(expected * 0.9, expected * 1.1);
            // A fade restarted at full wet stepped by 4e-4..9e-4 here (under load, where edits pile up between blocks).
            assertThat(edited).as("no step, click or restart at any swap").isLessThan(bound);
        }
    }

    private static double maxSecondDifference(float[] x, int from, int to) {
        double worst = 0;
        for (int i = Math.max(1, from); i < to - 1; i++) worst = Math.max(worst, Math.abs(x[i + 1] - 2 * x[i] + x[i - 1]));
        return worst;
    }

    /**
     * The variants an editor might cycle through while the note sounds: an EQ (flat at the note) put in and
     * taken out, a second instrument and a lane split added, the channel gain gliding between 0 and −3 dB.
     */
    private static List<GraphSpec> edits(SineOrgan organ, SineOrgan other) {
        List<GraphSpec> out = new ArrayList<>();
        for (int v = 0; v < 4; v++) {
            List<GraphSpec.Node> nodes = new ArrayList<>(List.of(new InstrumentNode(1, organ),
                    new EffectNode(5, EffectKind.GAIN_PAN, Map.of("gain", v % 2 == 0 ? 0.0 : -3.0)), new OutputNode(9, 0)));
            List<Connection> cs = new ArrayList<>(List.of(Connection.of(5, 9)));
            List<LaneTarget> targets = new ArrayList<>(List.of(LaneTarget.all(1)));
            if (v >= 2) {
                nodes.add(new EffectNode(6, EffectKind.EQ4, Map.of("band4_gain", 6.0))); // a high shelf at 8 kHz: flat at 220 Hz
                cs.add(Connection.of(1, 6));
                cs.add(Connection.of(6, 5));
                nodes.add(new InstrumentNode(2, other));
                cs.add(Connection.of(2, 5));
                targets = List.of(new LaneTarget(1, 0, 100, 1, 127, 0), new LaneTarget(2, 101, 127, 1, 127, 0));
            } else {
                cs.add(Connection.of(1, 5));
            }
            out.add(new GraphSpec(nodes, cs, List.of(new Lane(0, MidiFx.NONE, targets))));
        }
        return out;
    }
}
