package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.IntRange;
import dev.loophole.model.SampleRef;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sampler's one render pass into its outputs (main, two effect sends, then each program output), and the
 * graph's handling of them: a pad output nothing takes sounds through the main output's path; taken, it leaves it.
 * A low tone (key 36) plays on main, a high one (key 38) on program output 2 with a 50 % reverb send.
 */
class MultiOutputRenderTest {
    static final double LOW = 200, HIGH = 2000;
    static final int FRAMES = 9600;

    static SamplerInstrument kit() {
        Fixtures f = new Fixtures().sample("low", Fixtures.sine(LOW, Fixtures.RATE, 0.5)).sample("high", Fixtures.sine(HIGH, Fixtures.RATE, 0.5));
        f.region("low", b -> { b.keyRange = new IntRange(36, 36); b.tuning = new dev.loophole.model.Tuning(36, 0, 0, 100, 0, 200, -200); });
        f.region("high", b -> {
            b.keyRange = new IntRange(38, 38);
            b.tuning = new dev.loophole.model.Tuning(38, 0, 0, 100, 0, 200, -200);
            b.samples.set(0, new SampleRef("high").asMic(0, 0, 2));
            b.otherOpcodes.put("effect1", "50");
        });
        return f.instrument(1);
    }

    /** dB of the {@code hz} component over the last 4/5 of the block (Hann window). */
    static double db(float[] x, double hz) {
        int a = FRAMES / 5, n = FRAMES - a;
        double s = 0, c = 0, w = 0;
        for (int i = a; i < FRAMES; i++) {
            double h = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - a) / n), ph = 2 * Math.PI * hz * i / Fixtures.RATE;
            s += h * x[i] * Math.sin(ph);
            c += h * x[i] * Math.cos(ph);
            w += h;
        }
        return 20 * Math.log10(2 * Math.hypot(s, c) / w + 1e-30);
    }

    @Test
    void eachVoiceGoesToItsOutputsPairAndItsSendInOnePass() {
        SamplerInstrument inst = kit();
        assertThat(inst.outputs()).as("main, two sends, program outputs 1 and 2").isEqualTo(5);
        float[][] pairs = new float[2 * inst.outputs()][FRAMES];
        inst.noteOn(0, 36, 127);
        inst.noteOn(0, 38, 127);
        inst.render(pairs, 0, 0, FRAMES);
        float[][] plain = plain();
        double low = db(plain[0], LOW), high = db(plain[0], HIGH);
        assertThat(low).isGreaterThan(-20);
        int out2 = SamplerInstrument.engineOutput(2);
        assertThat(out2).isEqualTo(4);
        assertThat(db(pairs[0], LOW)).as("main: the low pad").isCloseTo(low, within(0.001));
        assertThat(db(pairs[0], HIGH)).as("main: not the high pad").isLessThan(high - 100);
        assertThat(db(pairs[2 * out2], HIGH)).as("output 2: the high pad").isCloseTo(high, within(0.001));
        assertThat(db(pairs[2 * out2], LOW)).as("output 2: not the low pad").isLessThan(low - 100);
        assertThat(db(pairs[2 * SamplerInstrument.REVERB_SEND], HIGH)).as("reverb send: the high pad at 50 %")
                .isCloseTo(high + 20 * Math.log10(0.5), within(0.001));
        assertThat(db(pairs[2 * SamplerInstrument.engineOutput(1)], HIGH)).as("output 1: nothing").isLessThan(-200);
    }

    /** Both pads through {@code render(left, right)}: every voice on one pair, as a plain stereo instrument renders. */
    static float[][] plain() {
        float[][] plain = new float[2][FRAMES];
        SamplerInstrument ref = kit();
        ref.noteOn(0, 36, 127);
        ref.noteOn(0, 38, 127);
        ref.render(plain[0], plain[1], 0, FRAMES);
        return plain;
    }

    static float[][] throughGraph(SamplerInstrument inst, List<GraphSpec.Node> extra, List<Connection> connections) {
        GraphRuntime g = new GraphRuntime(Fixtures.RATE, FRAMES);
        List<GraphSpec.Node> nodes = new java.util.ArrayList<>(List.of(new InstrumentNode(1, inst), new OutputNode(20, 0), new OutputNode(21, 1)));
        nodes.addAll(extra);
        g.publish(new GraphSpec(nodes, connections, List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1))))));
        EventBuffer ev = new EventBuffer(4);
        ev.add(0, 0, 0x90, 36, 127);
        ev.add(0, 0, 0x90, 38, 127);
        float[][] out = new float[4][FRAMES];
        g.process(out, FRAMES, ev);
        return out;
    }

    @Test
    void anOutputNothingTakesFoldsIntoTheMainPathAndATakenOneLeavesIt() {
        float[][] plain = plain();
        double low = db(plain[0], LOW), high = db(plain[0], HIGH);

        // The reverb send taken (so the kit renders output by output), output 2 not: it sounds on main's path, through its gain node.
        EffectNode trim = new EffectNode(10, EffectKind.GAIN_PAN, Map.of("gain", -6.0)), send = new EffectNode(11, EffectKind.GAIN_PAN, Map.of());
        float[][] folded = throughGraph(kit(), List.of(trim, send), List.of(Connection.of(1, 10), Connection.of(10, 20),
                new Connection(1, SamplerInstrument.REVERB_SEND, 11, 1), Connection.of(11, 21)));
        assertThat(db(folded[0], LOW)).isCloseTo(low - 6, within(0.01));
        assertThat(db(folded[0], HIGH)).as("output 2 folded into main, through main's gain node").isCloseTo(high - 6, within(0.01));
        assertThat(db(folded[2], HIGH)).as("bus 1: the reverb send").isCloseTo(high + 20 * Math.log10(0.5), within(0.01));

        // Output 2 taken to bus 1 through its own −12 dB node: main keeps the low pad only.
        EffectNode own = new EffectNode(12, EffectKind.GAIN_PAN, Map.of("gain", -12.0));
        float[][] taken = throughGraph(kit(), List.of(trim, own), List.of(Connection.of(1, 10), Connection.of(10, 20),
                new Connection(1, SamplerInstrument.engineOutput(2), 12, 1), Connection.of(12, 21)));
        assertThat(db(taken[0], LOW)).isCloseTo(low - 6, within(0.01));
        assertThat(db(taken[0], HIGH)).as("main: no high pad").isLessThan(high - 100);
        assertThat(db(taken[2], HIGH)).as("bus 1: the high pad through its −12 dB node").isCloseTo(high - 12, within(0.01));
        assertThat(db(taken[2], LOW)).as("bus 1: no low pad").isLessThan(low - 100);
    }
}
