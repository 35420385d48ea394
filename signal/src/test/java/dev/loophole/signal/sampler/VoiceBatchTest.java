package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.EqBand;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.Filter;
import dev.loophole.model.IntRange;
import dev.loophole.model.Lfo;
import dev.loophole.model.Modulation;
import dev.loophole.model.Playback;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Voices rendered in lock step ({@link VoiceBatch}: their reads, then their first filters in lanes, then their mixes) against
 * the same voices rendered one after another, bit for bit, on every output: a program whose voices differ in every way a
 * batch must handle — mono and stereo, a two-pole filter under an envelope and a controller (small moves re-tune once,
 * controller jumps glide in steps and leave the lanes), a four-pole filter and EQ (never in lanes), two filters, no
 * filter, short samples that end inside a chunk, delays, a sample-and-hold LFO (renders alone), reverb and chorus sends —
 * under random notes, releases, controller jumps and sub-blocks of random length (chunks of every size).
 */
class VoiceBatchTest {
    private static final int BLOCK = 256, BLOCKS = 400;

    static Fixtures mixedProgram() {
        Fixtures f = new Fixtures()
                .sample("tone", Fixtures.sine(220, Fixtures.RATE, 0.3))
                .stereo("pair", Fixtures.sine(330, Fixtures.RATE, 0.3), Fixtures.sine(331, Fixtures.RATE, 0.2))
                .sample("blip", Fixtures.sine(1000, 700, 0.5)); // ends inside a chunk
        Envelopes withFilterEg = new Envelopes(new Envelope(0, 0, 0.002, 0, 0.2, 0.6, 0.05, 0, 0, 0, 0, 0, 0, 0, 0),
                new Envelope(0, 0, 0.01, 0, 0.3, 0.5, 0.1, 2400, 0, 0, 0, 0, 0, 0, 0), Envelope.MOD_DEFAULT);
        Envelopes plain = new Envelopes(new Envelope(0, 0, 0, 0, 0, 1, 0.03, 0, 0, 0, 0, 0, 0, 0, 0), Envelope.MOD_DEFAULT, Envelope.MOD_DEFAULT);
        f.region("tone", b -> { // mono, a two-pole low-pass moved by its envelope and by CC 74
            b.keyRange = new IntRange(0, 24);
            b.envelopes = withFilterEg;
            b.filters.add(new Filter("lpf_2p", 800, 6, 0, 60, 0, 0));
            b.modulation.add(Modulation.of("cc74", "cutoff", 2400));
        });
        f.region("pair", b -> { // stereo (both channels in lanes), a high-pass, a reverb send
            b.keyRange = new IntRange(25, 49);
            b.envelopes = plain;
            b.filters.add(new Filter("hpf_2p", 300, 3, 0, 60, 0, 0));
            b.otherOpcodes.put("effect1", "40");
        });
        f.region("tone", b -> { // a four-pole filter and an EQ band: alone in the filter phase
            b.keyRange = new IntRange(50, 74);
            b.envelopes = plain;
            b.filters.add(new Filter("lpf_4p", 1500, 3, 0, 60, 0, 0));
            b.eq.add(new EqBand(1, 800, 1.5, 6, 0, 0, "peak"));
        });
        f.region("blip", b -> { // short, a band-pass; soft notes start at once, loud ones after a delay
            b.keyRange = new IntRange(75, 89);
            b.velocityRange = new IntRange(1, 64);
            b.filters.add(new Filter("bpf_2p", 1000, 0, 0, 60, 0, 0));
        });
        f.region("blip", b -> {
            b.keyRange = new IntRange(75, 89);
            b.velocityRange = new IntRange(65, 127);
            b.playback = new Playback(0, 0, -1, 0, 0.0031, 0, false);
            b.filters.add(new Filter("bpf_2p", 1000, 0, 0, 60, 0, 0));
        });
        f.region("tone", b -> { // no filter, a sample-and-hold LFO on pitch: it draws random numbers while it plays
            b.keyRange = new IntRange(90, 104);
            b.envelopes = plain;
            b.lfos.add(new Lfo(1, 9, 12, 0, 0, 0, 0, List.of(), 0, 0, List.of()));
            b.modulation.add(Modulation.of("lfo1", "pitch", 30));
        });
        f.region("pair", b -> { // stereo, two filters (the first in lanes, the second after them), a chorus send
            b.keyRange = new IntRange(105, 127);
            b.envelopes = withFilterEg;
            b.filters.add(new Filter("lpf_2p", 2000, 9, 0, 60, 0, 0));
            b.filters.add(new Filter("hpf_2p", 150, 0, 0, 60, 0, 0));
            b.otherOpcodes.put("effect2", "30");
        });
        return f;
    }

    /** The instrument's six outputs (main, reverb, chorus) over the whole run, and its lock-step counters. */
    private record Run(float[][] out, long chunks, long laneChannels) {}

    private static Run render(boolean batching, boolean sends, long seed) {
        SamplerInstrument inst = mixedProgram().instrument(7);
        inst.voiceRender().batching(batching);
        Random rnd = new Random(seed);
        float[][] all = new float[6][BLOCKS * BLOCK], pairs = new float[6][BLOCK];
        for (int b = 0; b < BLOCKS; b++) {
            for (float[] p : pairs) java.util.Arrays.fill(p, 0f);
            for (int from = 0; from < BLOCK; ) {
                int to = Math.min(BLOCK, from + 1 + rnd.nextInt(rnd.nextBoolean() ? 40 : BLOCK));
                int kind = rnd.nextInt(8), key = rnd.nextInt(128), ch = rnd.nextInt(2);
                switch (kind) {
                    case 0, 1, 2 -> inst.noteOn(ch, key, 1 + rnd.nextInt(127));
                    case 3, 4 -> inst.noteOff(ch, key, 64);
                    case 5 -> inst.controlChange(ch, 74, rnd.nextInt(128)); // a jump: the filter glides in steps
                    case 6 -> inst.controlChange(ch, rnd.nextBoolean() ? 91 : 93, rnd.nextInt(128));
                    default -> { }
                }
                if (sends) inst.render(pairs, 0, from, to);
                else inst.render(pairs[0], pairs[1], from, to);
                from = to;
            }
            for (int c = 0; c < 6; c++) System.arraycopy(pairs[c], 0, all[c], b * BLOCK, BLOCK);
        }
        return new Run(all, inst.voiceRender().batchedChunks(), inst.voiceRender().laneChannels());
    }

    @Test
    void lockStepEqualsVoicesOneAfterAnotherBitForBit() {
        // lock step runs only with the vector lanes (the build's tests resolve the module; a CPU without eight-float vectors does not)
        // the module must be there (a lost surefire flag fails); only a CPU without eight-float vectors may skip
        org.assertj.core.api.Assertions.assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("the build runs tests with jdk.incubator.vector").isPresent();
        org.junit.jupiter.api.Assumptions.assumeTrue(dev.loophole.signal.dsp.Simd.VECTOR, "the Vector API forms are off on this machine");
        for (boolean sends : new boolean[] {false, true}) {
            Run alone = render(false, sends, 21), batched = render(true, sends, 21);
            assertThat(alone.chunks()).isZero();
            assertThat(batched.chunks()).as("chunks in lock step").isGreaterThan(1_000);
            assertThat(batched.laneChannels()).as("channels filtered in lanes").isGreaterThan(1_000);
            double energy = 0;
            for (int c = 0; c < 6; c++) {
                for (int i = 0; i < alone.out()[c].length; i++) {
                    if (Float.floatToRawIntBits(batched.out()[c][i]) != Float.floatToRawIntBits(alone.out()[c][i]))
                        throw new AssertionError("sends " + sends + ", output " + c + ", frame " + i + ": " + batched.out()[c][i] + " vs " + alone.out()[c][i]);
                    energy += alone.out()[c][i] * alone.out()[c][i];
                }
            }
            assertThat(energy).as("the notes sounded").isGreaterThan(10);
            if (sends) assertThat(rms(alone.out()[2]) + rms(alone.out()[4])).as("the sends carry sound").isGreaterThan(1e-3);
        }
    }

    private static double rms(float[] x) {
        double s = 0;
        for (float v : x) s += v * v;
        return Math.sqrt(s / x.length);
    }
}
