package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.Amp;
import dev.loophole.model.EqBand;
import dev.loophole.model.Filter;
import dev.loophole.model.FlexEnvelope;
import dev.loophole.model.Lfo;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.Modulation;
import dev.loophole.media.SampleMetadata;
import dev.loophole.signal.dsp.FlexEg;
import dev.loophole.signal.dsp.VoiceFilter;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Voices hold the modulation state their patch uses ({@link VoiceNeeds}): a plain patch's voices carry no EQ band,
 * second filter, matrix LFO or flex envelope, and a swap to a patch that uses them grows the voices first, so it plays
 * bit for bit as an instrument that had them from the start.
 */
class VoiceNeedsTest {
    static final int BLOCK = 256, POLYPHONY = 64;

    static Fixtures plain() {
        SampleMetadata meta = new SampleMetadata(60, 0, List.of(new SampleMetadata.SampleLoop(0, 47_999, 0)));
        return new Fixtures().sample("s", Fixtures.sine(220, 48_000, 0.2), meta).region("s", b -> {
            b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, null, -1, -1, 0, 0);
            b.amp = new Amp(-6, 100, 0, 100, 0, 0, 60, 0, 0, 0);
        });
    }

    /** Two filters, three EQ bands, two LFOs (one with a sub-wave: three LFO slots) and two flex envelopes, all audible. */
    static Fixtures rich() {
        SampleMetadata meta = new SampleMetadata(60, 0, List.of(new SampleMetadata.SampleLoop(0, 47_999, 0)));
        return new Fixtures().sample("s", Fixtures.sine(220, 48_000, 0.2), meta).region("s", b -> {
            b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, null, -1, -1, 0, 0);
            b.amp = new Amp(-6, 100, 0, 100, 0, 0, 60, 0, 0, 0);
            b.filters.add(new Filter("lpf_2p", 2_000, 3, 0, 60, 0, 0));
            b.filters.add(new Filter("hpf_2p", 100, 0, 0, 60, 0, 0));
            b.eq.add(new EqBand(1, 300, 1, 6, 0, 0, "peak"));
            b.eq.add(new EqBand(2, 1_000, 1, -6, 0, 0, "peak"));
            b.eq.add(new EqBand(3, 4_000, 1, 3, 0, 0, "peak"));
            b.lfos.add(new Lfo(1, 5, 0, 0, 0, 0, 0, List.of(), 0, 0, List.of(new Lfo.SubWave(1, 1, 2, 0.5, 0))));
            b.lfos.add(new Lfo(2, 0.5, 1, 0, 0, 0, 0, List.of(), 0, 0, List.of()));
            b.modulation.add(Modulation.of("lfo1", "pitch", 30));
            b.modulation.add(Modulation.of("lfo2", "cutoff", 600));
            b.egs.add(new FlexEnvelope(1, List.of(new FlexEnvelope.Point(0, 0, 0), new FlexEnvelope.Point(0.05, 1, 0)), 1, 0, 0, false, false));
            b.egs.add(new FlexEnvelope(2, List.of(new FlexEnvelope.Point(0, 1, 0), new FlexEnvelope.Point(0.1, 0, 0)), 1, 0, 0, false, false));
            b.modulation.add(Modulation.of("eg1", "volume", -6));
            b.modulation.add(Modulation.of("eg2", "pitch", 200));
        });
    }

    static Patch compile(Fixtures f) { return new PatchCompiler(f.provider(), Fixtures.RATE).compile(f.program()); }

    @Test
    void aPatchSaysWhatItsVoicesUse() {
        assertThat(compile(plain()).voiceNeeds).isEqualTo(VoiceNeeds.NONE);
        assertThat(compile(rich()).voiceNeeds).isEqualTo(new VoiceNeeds(2, 3, 3, 2));
    }

    private static long allocatedBy(Runnable r) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        r.run();
        return threads.getCurrentThreadAllocatedBytes() - before;
    }

    @Test
    void aPlainPatchsVoicesDoNotHoldWhatOnlyARichPatchUses() {
        Patch plain = compile(plain()), rich = compile(rich());
        for (int warm = 0; warm < 3; warm++) { new SamplerInstrument(plain, Fixtures.RATE, POLYPHONY, 1); new SamplerInstrument(rich, Fixtures.RATE, POLYPHONY, 1); }
        long plainBytes = allocatedBy(() -> new SamplerInstrument(plain, Fixtures.RATE, POLYPHONY, 1));
        long richBytes = allocatedBy(() -> new SamplerInstrument(rich, Fixtures.RATE, POLYPHONY, 1));
        // What the rich patch's state costs per voice, measured on the objects themselves: 5 filters, 3 LFOs, 2 envelopes.
        long perVoice = allocatedBy(() -> {
            for (int i = 0; i < 5; i++) new VoiceFilter(Fixtures.RATE);
            for (int i = 0; i < 3; i++) new dev.loophole.signal.dsp.Lfo(Fixtures.RATE, null);
            for (int i = 0; i < 2; i++) new FlexEg(Fixtures.RATE);
        });
        int voices = POLYPHONY + SamplerInstrument.FADE_RESERVE;
        System.out.printf("instrument of %d voices: plain patch %d B, rich patch %d B; the rich state alone %d B a voice%n",
                voices, plainBytes, richBytes, perVoice);
        assertThat(richBytes - plainBytes).isGreaterThanOrEqualTo((long) (0.95 * voices * perVoice));
    }

    private static float[] run(SamplerInstrument inst, int blocks, int swapAt, Patch swapTo) {
        Engine engine = new Engine(Fixtures.RATE, BLOCK);
        engine.route(0, inst);
        float[] out = new float[blocks * BLOCK], l = new float[BLOCK], r = new float[BLOCK];
        EventBuffer ev = new EventBuffer(64);
        for (int b = 0; b < blocks; b++) {
            if (b == swapAt) inst.swapPatch(swapTo);
            ev.clear();
            if (b == 2) ev.add(0, 0x90, 60, 100);           // a note on the plain patch, held through the swap
            if (b == swapAt + 2) ev.add(0, 0x90, 64, 110);  // and one on the rich patch after it
            if (b == swapAt + 30) ev.add(0, 0x80, 60, 0);
            engine.process(l, r, BLOCK, ev);
            System.arraycopy(l, 0, out, b * BLOCK, BLOCK);
        }
        return out;
    }

    @Test
    void aSwapToAPatchThatUsesMoreGrowsTheVoicesAndPlaysAsIfTheyHadItAll() {
        Patch plain = compile(plain()), rich = compile(rich());
        // The reference: voices sized for the rich patch from the start, playing the plain one first.
        SamplerInstrument full = new SamplerInstrument(rich, Fixtures.RATE, POLYPHONY, 7);
        full.swapPatch(plain);
        float[] expected = run(full, 120, 40, rich);
        float[] grown = run(new SamplerInstrument(plain, Fixtures.RATE, POLYPHONY, 7), 120, 40, rich);
        assertThat(grown).containsExactly(expected);
        // (and the rich note sounds: the render after it is not the plain note alone)
        float[] plainOnly = run(new SamplerInstrument(plain, Fixtures.RATE, POLYPHONY, 7), 120, 40, plain);
        assertThat(java.util.Arrays.copyOfRange(grown, 43 * BLOCK, 120 * BLOCK))
                .isNotEqualTo(java.util.Arrays.copyOfRange(plainOnly, 43 * BLOCK, 120 * BLOCK));
    }
}
