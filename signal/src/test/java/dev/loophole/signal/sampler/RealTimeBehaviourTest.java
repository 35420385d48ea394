package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.media.SampleMetadata;
import dev.loophole.model.Amp;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.signal.engine.Engine;
import dev.loophole.signal.engine.EventBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Patch swaps under held notes, and voice stealing under overload: measured on the output. */
class RealTimeBehaviourTest {
    static final int BLOCK = 128;

    /** A 100 Hz sine looping over whole cycles, played as a three-note chord. */
    private static Fixtures chord(double volumeDb) {
        float[] sine = Fixtures.sine(100, 48_000, 0.2);
        SampleMetadata meta = new SampleMetadata(60, 0, List.of(new SampleMetadata.SampleLoop(0, 47_999, 0)));
        return new Fixtures().sample("s", sine, meta).region("s", b -> {
            b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, null, -1, -1, 0, 0);
            b.amp = new Amp(volumeDb, 100, 0, 100, 0, 0, 60, 0, 0, 0);
        });
    }

    private static float[] run(SamplerInstrument inst, int blocks, java.util.function.IntConsumer beforeBlock, int[][] notesAtBlock) {
        Engine engine = new Engine(Fixtures.RATE, BLOCK);
        engine.route(0, inst);
        float[] out = new float[blocks * BLOCK], l = new float[BLOCK], r = new float[BLOCK];
        EventBuffer ev = new EventBuffer(2048);
        for (int b = 0; b < blocks; b++) {
            beforeBlock.accept(b);
            ev.clear();
            for (int[] n : notesAtBlock) if (n[0] == b) ev.add(0, 0x90, n[1], 100);
            engine.process(l, r, BLOCK, ev);
            System.arraycopy(l, 0, out, b * BLOCK, BLOCK);
        }
        return out;
    }

    private static float maxStep(float[] x, int from) {
        float m = 0;
        for (int i = Math.max(1, from); i < x.length; i++) m = Math.max(m, Math.abs(x[i] - x[i - 1]));
        return m;
    }

    @Test
    void aThousandPatchSwapsDuringAHeldChordAddNoDiscontinuity() {
        Fixtures quiet = chord(-6), loud = chord(0);
        Patch a = new PatchCompiler(quiet.provider(), Fixtures.RATE).compile(quiet.program());
        Patch b = new PatchCompiler(loud.provider(), Fixtures.RATE).compile(loud.program());
        int[][] chordNotes = {{2, 60}, {2, 64}, {2, 67}};
        float[] clean = run(new SamplerInstrument(a, Fixtures.RATE, 64, 1), 1_010, blk -> { }, chordNotes);
        SamplerInstrument inst = new SamplerInstrument(a, Fixtures.RATE, 64, 1);
        float[] swapped = run(inst, 1_010, blk -> { if (blk >= 5) inst.swapPatch(blk % 2 == 0 ? a : b); }, chordNotes);
        // Held voices finish on the regions they started with: the swapped render is the clean one, bit for bit.
        assertThat(swapped).containsExactly(clean);
        assertThat(maxStep(swapped, 2 * BLOCK + 1)).isLessThanOrEqualTo(maxStep(clean, 2 * BLOCK + 1));
        // And the swaps did land: a note started now plays through the latest patch (b, 0 dB, on an odd block).
        int[][] late = {{1_001, 72}};
        float[] withLate = run(new SamplerInstrument(a, Fixtures.RATE, 64, 1), 1_010,
                blk -> { }, late);
        SamplerInstrument inst2 = new SamplerInstrument(a, Fixtures.RATE, 64, 1);
        float[] withLateSwapped = run(inst2, 1_010, blk -> { if (blk >= 5) inst2.swapPatch(blk % 2 == 0 ? a : b); }, late);
        double gainRatio = peak(withLateSwapped, 1_001 * BLOCK, 1_010 * BLOCK) / peak(withLate, 1_001 * BLOCK, 1_010 * BLOCK);
        assertThat(20 * Math.log10(gainRatio)).isCloseTo(6, within(0.5));
    }

    private static double peak(float[] x, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) m = Math.max(m, Math.abs(x[i]));
        return m;
    }

    @Test
    void aThousandNotesIntoSixtyFourVoicesStealWithFadesAndNeverClick() {
        Fixtures f = new Fixtures().sample("dc", Fixtures.constant(0.01f, 48_000),
                new SampleMetadata(60, 0, List.of(new SampleMetadata.SampleLoop(0, 47_999, 0))));
        f.region("dc", b -> { b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, null, -1, -1, 0, 0);
            b.amp = new Amp(0, 100, 0, 100, 0, 0, 60, 0, 0, 0); b.tuning = new dev.loophole.model.Tuning(60, 0, 0, 0, 0, 200, -200); });
        SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(f.provider(), Fixtures.RATE).compile(f.program()), Fixtures.RATE, 64, 1);
        Engine engine = new Engine(Fixtures.RATE, BLOCK);
        engine.route(0, inst);
        EventBuffer ev = new EventBuffer(2048);
        // 1000 note-ons at the same frame (keys cycle; each is a new voice, key-tracking off).
        for (int n = 0; n < 1000; n++) ev.add(0, 0x90, n % 128, 100);
        float[] out = new float[BLOCK * 10], l = new float[BLOCK], r = new float[BLOCK];
        engine.process(l, r, BLOCK, ev);
        System.arraycopy(l, 0, out, 0, BLOCK);
        ev.clear();
        for (int b = 1; b < 10; b++) { engine.process(l, r, BLOCK, ev); System.arraycopy(l, 0, out, b * BLOCK, BLOCK); }

        int fade = (int) Math.round(Voice.FAST_FADE_SECONDS * Fixtures.RATE); // 240 frames
        assertThat(inst.voicesStolen()).isGreaterThanOrEqualTo(64);
        assertThat(inst.notesDropped()).isEqualTo(1000 - 128);
        assertThat(inst.activeVoices()).isEqualTo(64);
        for (float v : out) assertThat(v).isFinite().isBetween(0f, 128 * 0.01f + 1e-4f);
        // After the 5 ms fade only the 64 kept voices sound, at exactly their summed level.
        assertThat(out[fade + 1]).isCloseTo(64 * 0.01f, within(1e-5f));
        assertThat(out[BLOCK * 9]).isCloseTo(64 * 0.01f, within(1e-5f));
        // The fade is a ramp: no step larger than the fading voices' level divided by the fade length (+ rounding).
        assertThat(maxStep(out, 1)).isLessThanOrEqualTo(64 * 0.01f / fade * 1.01f + 1e-6f);
    }
}
