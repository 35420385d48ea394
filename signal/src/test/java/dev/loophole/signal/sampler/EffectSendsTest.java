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

    /**
     * Ten channels, each with its own CC91/CC93, so voices send at ten different levels: more than the
     * sampler mixes as groups (the rest go one voice at a time), in 256-frame blocks and in 1,024-frame
     * blocks (longer than a group). Each send must be the sum over channels of that channel's dry signal
     * (rendered with the channel alone) times its level.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {256, 1024})
    void manyChannelsAtDifferentLevelsSendTheirOwnShare(int block) {
        int channels = 10, blocks = 20 * 256 / block;
        float[][] all = renderChannels(block, blocks, channels, -1);
        double[] rev = new double[all[0].length], cho = new double[all[0].length], dry = new double[all[0].length];
        for (int c = 0; c < channels; c++) {
            float[][] alone = renderChannels(block, blocks, channels, c);
            double reverb = (50 + 20 * cc91(c) / 127.0) / 100, chorus = 20 * cc93(c) / 127.0 / 100;
            for (int i = 0; i < dry.length; i++) {
                dry[i] += alone[0][i];
                rev[i] += reverb * alone[0][i];
                cho[i] += chorus * alone[0][i];
            }
        }
        double energy = 0;
        for (int i = 0; i < dry.length; i++) {
            assertThat((double) all[0][i]).as("dry, frame %d", i).isCloseTo(dry[i], within(1e-5));
            assertThat((double) all[2][i]).as("reverb send, frame %d", i).isCloseTo(rev[i], within(1e-5));
            assertThat((double) all[4][i]).as("chorus send, frame %d", i).isCloseTo(cho[i], within(1e-5));
            energy += dry[i] * dry[i];
        }
        assertThat(energy).as("the notes sounded").isGreaterThan(10);
    }

    private static int cc91(int channel) { return 10 + 11 * channel; }
    private static int cc93(int channel) { return 120 - 9 * channel; }

    /** Outputs (dry, reverb, chorus pairs) of a note on each channel, or on channel {@code only} alone (-1: all). */
    private static float[][] renderChannels(int block, int blocks, int channels, int only) {
        GraphRuntime g = new GraphRuntime(Fixtures.RATE, block);
        g.publish(new GraphSpec(List.of(new InstrumentNode(1, sampler("50", null)), new OutputNode(10, 0), new OutputNode(11, 1), new OutputNode(12, 2)),
                List.of(Connection.of(1, 10), new Connection(1, 1, 11, 1), new Connection(1, 2, 12, 1)),
                List.of(new Lane(0, MidiFx.NONE, List.of(LaneTarget.all(1))))));
        float[][] all = new float[6][blocks * block], out = new float[6][block];
        EventBuffer ev = new EventBuffer(64);
        for (int b = 0; b < blocks; b++) {
            ev.clear();
            if (b == 0) {
                for (int c = 0; c < channels; c++) { ev.add(0, 0xB0 | c, 91, cc91(c)); ev.add(0, 0xB0 | c, 93, cc93(c)); }
                for (int c = 0; c < channels; c++) if (only < 0 || only == c) ev.add(3 + c, 0x90 | c, 48 + 3 * c, 100);
            }
            g.process(out, block, ev);
            for (int c = 0; c < 6; c++) System.arraycopy(out[c], 0, all[c], b * block, block);
        }
        return all;
    }
}
