package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.IntRange;
import dev.loophole.model.Modulation;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import dev.loophole.signal.engine.Instrument;
import dev.loophole.signal.graph.GraphRuntime;
import dev.loophole.signal.graph.GraphSpec;
import dev.loophole.signal.graph.GraphSpec.Connection;
import dev.loophole.signal.graph.GraphSpec.InstrumentNode;
import dev.loophole.signal.graph.GraphSpec.Lane;
import dev.loophole.signal.graph.GraphSpec.LaneTarget;
import dev.loophole.signal.graph.GraphSpec.MidiFx;
import dev.loophole.signal.graph.GraphSpec.OutputNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SFZ effect1/effect2 and SoundFont-style CC91/CC93 routings feed the sampler's send outputs, exactly. */
class EffectSendsTest {
    private static SamplerInstrument sampler(String effect1, String effect2) {
        Fixtures f = new Fixtures().sample("tone", Fixtures.sine(330, Fixtures.RATE, 0.5));
        f.region("tone", b -> {
            b.keyRange = new IntRange(0, 127);
            if (effect1 != null) b.otherOpcodes.put("effect1", effect1);
            if (effect2 != null) b.otherOpcodes.put("effect2", effect2);
            b.modulation.add(Modulation.of("cc91", "effect1", 20));
            b.modulation.add(Modulation.of("cc93", "effect2", 20));
        });
        return new SamplerInstrument(new PatchCompiler(f.provider(), Fixtures.RATE).compile(f.program()), Fixtures.RATE, 16, 1);
    }

    /** Renders note 60 after CC91/CC93 values through a graph that puts the dry mix and both sends on their own buses. */
    private static float[][] renderSends(Instrument s, int cc91, int cc93) {
        GraphRuntime g = new GraphRuntime(Fixtures.RATE, 256);
        g.publish(new GraphSpec(List.of(new InstrumentNode(1, s), new OutputNode(10, 0), new OutputNode(11, 1), new OutputNode(12, 2)),
                List.of(Connection.of(1, 10), new Connection(1, 1, 11, 1), new Connection(1, 2, 12, 1)),
                List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1))))));
        int blocks = 40;
        float[][] all = new float[6][blocks * 256], out = new float[6][256];
        EventBuffer ev = new EventBuffer(8);
        for (int b = 0; b < blocks; b++) {
            ev.clear();
            if (b == 0) { ev.add(0, 0xB0, 91, cc91); ev.add(0, 0xB0, 93, cc93); ev.add(10, 0x90, 60, 100); }
            g.process(out, 256, ev);
            for (int c = 0; c < 6; c++) System.arraycopy(out[c], 0, all[c], b * 256, 256);
        }
        return all;
    }

    @Test
    void sendsCarryTheDryMixScaledByTheirLevels() {
        float[][] o = renderSends(sampler("50", null), 127, 64);
        double reverb = (50 + 20 * 127 / 127.0) / 100, chorus = 20 * 64 / 127.0 / 100;
        double energy = 0;
        for (int i = 0; i < o[0].length; i++) {
            assertThat((double) o[2][i]).as("reverb send, frame %d", i).isCloseTo(reverb * o[0][i], within(1e-6));
            assertThat((double) o[4][i]).as("chorus send, frame %d", i).isCloseTo(chorus * o[0][i], within(1e-6));
            energy += o[0][i] * o[0][i];
        }
        assertThat(energy).as("the note sounded").isGreaterThan(1);
    }

    @Test
    void aRegionWithoutSendsAtZeroSendsNothingAndASendingVoicesDryMixIsThePlainRender() {
        float[][] silent = renderSends(sampler(null, null), 0, 0);
        assertThat(silent[2]).containsOnly(0f);
        assertThat(silent[4]).containsOnly(0f);
        float[][] o = renderSends(sampler("50", null), 0, 0);
        assertThat(o[2]).isNotEqualTo(silent[2]);
        // The same notes through a plain engine (no sends asked for): the dry mix is bit-identical.
        Engine e = new Engine(Fixtures.RATE, 256);
        e.route(0, sampler("50", null));
        float[] l = new float[256], r = new float[256], dry = new float[o[0].length];
        EventBuffer ev = new EventBuffer(8);
        for (int b = 0; b < 40; b++) {
            ev.clear();
            if (b == 0) { ev.add(0, 0xB0, 91, 0); ev.add(0, 0xB0, 93, 0); ev.add(10, 0x90, 60, 100); }
            e.process(l, r, 256, ev);
            System.arraycopy(l, 0, dry, b * 256, 256);
        }
        assertThat(dry).isEqualTo(o[0]);
    }
}
