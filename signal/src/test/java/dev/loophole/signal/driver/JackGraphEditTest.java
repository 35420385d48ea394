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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Graph edits while a note sounds live on JACK (a private dummy server): the edits are compiled on this (control) thread
 * and published while the driver's thread plays, some faster than an effect's dry/wet fade; the output the graph hands
 * JACK is recorded inside the callback and its second difference stays within what the fades may add to a clean sine's.
 */
class JackGraphEditTest {
    static final int CAPTURE = 48_000 * 8;
    /** Stream frames between edits, in turn: two inside a fade (it turns around where it is), one after it. */
    static final int[] SPACING = {300, 700, 1_500};
    static final int EDITS = 60;
    /** The EQ's cut at the note: a peak band at 220 Hz, −6 dB (an RBJ peak's gain at its centre is exactly its gain). */
    static final double CUT_DB = -6;

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
            AtomicInteger written = new AtomicInteger();
            int[] publishedAt = new int[EDITS];
            int cleanEnd;
            try {
                driver.start(new AudioCallback() {
                    @Override public void process(float[][] out, int frames, EventBuffer events) {
                        graph.process(out, frames, events);
                        int w = written.get(), n = Math.min(frames, CAPTURE - w);
                        if (n > 0) System.arraycopy(out[0], 0, captured, w, n);
                        written.set(w + Math.max(n, 0));
                    }

                    @Override public int activeVoices() { return graph.activeVoices(); }
                });
                MidiRing ring = driver.addMidiSource(64);
                ring.offer(MidiRing.NOW, 0x90, 57, 127); // 220 Hz, held through every edit
                Thread.sleep(800);
                cleanEnd = written.get();
                publishedAt[0] = cleanEnd;
                for (int i = 1; i < EDITS; i++) { // spaced in stream frames, so a loaded machine keeps edits inside fades too
                    long deadline = System.nanoTime() + 5_000_000_000L;
                    while (written.get() < publishedAt[i - 1] + SPACING[i % SPACING.length] && System.nanoTime() < deadline) Thread.sleep(1);
                    graph.publish(edits.get(i % edits.size()));
                    publishedAt[i] = written.get();
                }
                Thread.sleep(300);
            } finally {
                driver.close(); // before the server goes: a client killed under it can wedge libjack
            }
            int editEnd = written.get();
            assertThat(organ.noteOns).as("the held note was never restarted").isEqualTo(1);
            int fade = rate / 50, insideFades = 0;
            // An edit is adopted at the start of the first block after it is published, so two published less than a fade apart
            // are adopted less than a fade apart: the second finds the first's fade running
            for (int i = 1; i < EDITS; i++) if (publishedAt[i] - publishedAt[i - 1] < fade) insideFades++;
            assertThat(insideFades).as("edits published while the last one's fade still ran: %s", java.util.Arrays.toString(publishedAt))
                    .isGreaterThan(EDITS / 3);

            // A clean stretch after the attack: the sine's own largest second difference, A·4·sin²(ω/2).
            int from = rate / 10;
            double clean = maxSecondDifference(captured, from, cleanEnd);
            double amp = 0.1, w = 2 * Math.PI * 220 / rate;
            double expected = amp * 4 * Math.pow(Math.sin(w / 2), 2); // SineOrgan's 220 Hz at velocity 127
            // The EQ fades dry ↔ wet by a share u, linear over a fade of F frames: y = x + u·e with e = (H − 1)·x, a sine of
            // amplitude E = |H − 1|·A. With a = Δu ahead, b = Δu behind: Δ²(u·e) = u·Δ²e + (a − b)·e[n+1] + b·(e[n+1] − e[n−1]),
            // so |Δ²y| ≤ |1 + u(H − 1)|·clean + |a − b|·E + |b|·2ωE, where |1 + u(H − 1)| ≤ 1 (H real, 0 < H < 1),
            // |b| ≤ 1/F and |a − b| ≤ 2/F (a fade turned around where it is, from +1/F to −1/F). That is the most the
            // edits may add: (2 + 2ω)·E/F = 1.07e-4. The margin, 10 % of it, is for what the model leaves out: float rounding
            // (4 ulp of A, 3e-8) and a new EQ unit's start (its zero state meets a sounding sine; simulated with the cookbook
            // peak, its fade-in peaks at 8.8e-5 in all, under clean + E/F). Runs measure clean + E/F = 1.35e-4: a fade-out
            // ending (u'' = +1/F) at the sine's peak, where the kink adds to the curvature; this cycle's turnarounds turn a
            // fade-in back down, against it (a kept unit turned from fading out to in would reach the 2/F term).
            // An effect jumping to full wet mid-fade (the bug d8fdb02 fixed) steps by (1 − u)·E, up to 0.034 here: 0.023 measured.
            double e = (1 - Math.pow(10, CUT_DB / 20)) * amp;
            double fades = (2 + 2 * w) * e / fade;
            double bound = clean + 1.1 * fades;
            double edited = maxSecondDifference(captured, cleanEnd, Math.min(editEnd, CAPTURE) - 1);
            System.out.printf("JACK graph edits: clean max |Δ²| %.3g (A·4sin²(ω/2) = %.3g), across %d edits (%d inside a fade) %.3g "
                            + "(clean + fades %.3g, bound %.3g); %s, %d blocks over their period%n",
                    clean, expected, EDITS - 1, insideFades, edited, clean + fades, bound, driver.stats().line(), driver.stats().overBudgetBlocks());
            assertThat(clean).isBetween(expected * 0.99, expected * 1.01);
            assertThat(edited).as("no step, click or restart at any swap").isLessThan(bound);
        }
    }

    private static double maxSecondDifference(float[] x, int from, int to) {
        double worst = 0;
        for (int i = Math.max(1, from); i < to - 1; i++) worst = Math.max(worst, Math.abs(x[i + 1] - 2 * x[i] + x[i - 1]));
        return worst;
    }

    /**
     * The shapes an editor might cycle through while the note sounds, the gain held at 0 dB (its glides are measured
     * offline, GraphRuntimeTest): none; an EQ cutting the note put in (a new unit, fading in); the same EQ kept while a
     * second instrument and a lane split are added (a fade still running goes on); the EQ taken out (fading to dry).
     */
    private static List<GraphSpec> edits(SineOrgan organ, SineOrgan other) {
        List<GraphSpec> out = new ArrayList<>();
        for (int v = 0; v < 3; v++) {
            List<GraphSpec.Node> nodes = new ArrayList<>(List.of(new InstrumentNode(1, organ),
                    new EffectNode(5, EffectKind.GAIN_PAN, Map.of("gain", 0.0)), new OutputNode(9, 0)));
            List<Connection> cs = new ArrayList<>(List.of(Connection.of(5, 9)));
            List<LaneTarget> targets = List.of(LaneTarget.all(1));
            if (v >= 1) {
                nodes.add(new EffectNode(6, EffectKind.EQ4, Map.of("band2_freq", 220.0, "band2_gain", CUT_DB)));
                cs.add(Connection.of(1, 6));
                cs.add(Connection.of(6, 5));
            } else {
                cs.add(Connection.of(1, 5));
            }
            if (v == 2) {
                nodes.add(new InstrumentNode(2, other));
                cs.add(Connection.of(2, 5));
                targets = List.of(new LaneTarget(1, 0, 100, 1, 127, 0), new LaneTarget(2, 101, 127, 1, 127, 0));
            }
            out.add(new GraphSpec(nodes, cs, List.of(new Lane(0, MidiFx.NONE, targets))));
        }
        return out;
    }
}
