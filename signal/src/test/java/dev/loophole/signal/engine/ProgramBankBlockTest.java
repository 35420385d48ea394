package dev.loophole.signal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bank records a block's events and renders its programs at the block's end ({@link BlockLog}); the
 * events must still reach the program they reached when they arrived. Each program here is a DC source at
 * its own level (a power of two, so sums are exact) for every key held on it; the expected output is
 * written down frame by frame from the event list, not from the bank.
 */
class ProgramBankBlockTest {
    /** Adds {@code level} to both channels for every (channel, key) held; a note-off releases the key wherever it is held. */
    static class Dc implements Instrument {
        final float level;
        final boolean[][] held = new boolean[16][128];
        int voices;

        Dc(float level) { this.level = level; }

        @Override public void noteOn(int channel, int key, int velocity) { if (!held[channel][key]) voices++; held[channel][key] = true; }

        @Override public void noteOff(int channel, int key, int velocity) { if (held[channel][key]) voices--; held[channel][key] = false; }

        @Override public void controlChange(int channel, int controller, int value) { }

        @Override public void pitchBend(int channel, int value) { }

        @Override public void channelPressure(int channel, int value) { }

        @Override public void polyPressure(int channel, int key, int value) { }

        @Override public void programChange(int channel, int program) { }

        @Override
        public void render(float[] left, float[] right, int from, int to) {
            for (int i = from; i < to; i++) { left[i] += voices * level; right[i] += voices * level; }
            for (long until = System.nanoTime() + 20_000; System.nanoTime() < until; ) Thread.onSpinWait(); // work enough for a helper to claim
        }

        @Override public int activeVoices() { return voices; }

        @Override public void allSoundOff() { for (boolean[] c : held) Arrays.fill(c, false); voices = 0; }
    }

    private static ProgramBank bank() {
        Map<Integer, Instrument> programs = new HashMap<>();
        programs.put(0, new Dc(0.5f));                 // bank 0 program 0
        programs.put(1, new Dc(0.25f));                // bank 0 program 1
        programs.put(8 * 128 + 2, new Dc(0.125f));     // bank 8 program 2
        programs.put(ProgramBank.PERCUSSION_BANK * 128, new Dc(0.0625f));
        return new ProgramBank(programs);
    }

    /** One 256-frame block with a program change, a bank select and note-offs after program changes, all inside it. */
    private static float[] render(RenderWorkers workers) {
        Engine engine = new Engine(48_000, 256).workers(workers);
        ProgramBank bank = bank();
        for (int c = 0; c < 16; c++) engine.route(c, bank);
        EventBuffer ev = new EventBuffer(64);
        ev.add(10, 0x90, 60, 100);   // ch 1 key 60 → program 0 (0.5)
        ev.add(20, 0x99, 36, 100);   // ch 10 → the kit (0.0625)
        ev.add(50, 0xC0, 1, 0);      // ch 1 → program 1: key 60 keeps sounding on program 0
        ev.add(60, 0x90, 62, 100);   // key 62 → program 1 (0.25)
        ev.add(100, 0x80, 60, 0);    // key 60 off: reaches program 0 although the channel now plays program 1
        ev.add(150, 0xB0, 0, 8);     // bank 8 …
        ev.add(150, 0xC0, 2, 0);     // … program 2
        ev.add(160, 0x90, 64, 100);  // key 64 → bank 8 program 2 (0.125)
        ev.add(200, 0x80, 62, 0);    // key 62 off → program 1 stops
        ev.add(230, 0x89, 36, 0);    // the kit's note off
        float[] l = new float[256], r = new float[256], both = new float[512 + 256];
        engine.process(l, r, 256, ev);
        System.arraycopy(l, 0, both, 0, 256);
        System.arraycopy(r, 0, both, 256, 256);
        // A second block without events: what still sounds (program 2's key 64) goes on.
        ev.clear();
        engine.process(l, r, 256, ev);
        System.arraycopy(l, 0, both, 512, 256);
        return both;
    }

    private static float[] expected() {
        float[] x = new float[768];
        float[] level = new float[256];
        for (int i = 10; i < 100; i++) level[i] += 0.5f;
        for (int i = 20; i < 230; i++) level[i] += 0.0625f;
        for (int i = 60; i < 200; i++) level[i] += 0.25f;
        for (int i = 160; i < 256; i++) level[i] += 0.125f;
        System.arraycopy(level, 0, x, 0, 256);
        System.arraycopy(level, 0, x, 256, 256);
        Arrays.fill(x, 512, 768, 0.125f);
        return x;
    }

    @Test
    void eventsInsideABlockReachTheProgramTheyReachedWhenTheyArrived() {
        assertThat(render(null)).containsExactly(expected());
    }

    @Test
    void theSameOnOneThreadOrTwo() {
        try (RenderWorkers one = new RenderWorkers(1); RenderWorkers two = new RenderWorkers(2)) {
            assertThat(render(one)).containsExactly(expected());
            for (int k = 0; k < 50; k++) assertThat(render(two)).containsExactly(expected());
            assertThat(two.helperTasks()).as("the helper rendered programs").isPositive();
        }
    }

    /** An engine routing a bank sizes its scratch for the engine's longest block then, on the control side, not mid-block. */
    @Test
    void routingABankPreparesItsScratchForTheEnginesBlocks() {
        ProgramBank bank = bank();
        assertThat(bank.scratchFrames()).isEqualTo(BlockRecorder.SCRATCH_FRAMES);
        Engine engine = new Engine(48_000, 4 * BlockRecorder.SCRATCH_FRAMES);
        engine.route(0, bank);
        assertThat(bank.scratchFrames()).isEqualTo(4 * BlockRecorder.SCRATCH_FRAMES);
        float[][] out = new float[2][4 * BlockRecorder.SCRATCH_FRAMES];
        EventBuffer events = new EventBuffer(4);
        events.add(0, 0x90, 60, 100);
        engine.process(out, out[0].length, events);
        assertThat(out[0][out[0].length - 1]).as("the block's last frame sounds").isNotZero();
        assertThat(bank.scratchFrames()).as("nothing grew during the block").isEqualTo(4 * BlockRecorder.SCRATCH_FRAMES);
    }

    /** Outside a block (no beginBlock) the bank acts at once, as before: a caller driving it by hand is served. */
    @Test
    void outsideABlockEveryCallActsAtOnce() {
        ProgramBank bank = bank();
        bank.noteOn(0, 60, 100);
        bank.programChange(0, 1);
        bank.noteOn(0, 62, 100);
        float[] l = new float[4], r = new float[4];
        bank.render(l, r, 0, 4);
        assertThat(l).containsOnly(0.75f);
    }

    /** A program sees the block as an engine's instrument does: begun, rendered, ended after its last render; and prepared for its blocks. */
    @Test
    void programsSeeTheBlocksBeginningEndAndPreparation() {
        final class Watched extends Dc {
            final java.util.List<String> calls = new java.util.ArrayList<>();
            int prepared;

            Watched() { super(0.5f); }

            @Override public void beginBlock() { calls.add("begin"); }

            @Override public void endBlock() { calls.add("end"); }

            @Override public void prepareBlocks(int maxFrames) { prepared = maxFrames; }

            @Override
            public void render(float[] left, float[] right, int from, int to) {
                calls.add("render " + from + ".." + to);
                super.render(left, right, from, to);
            }
        }
        Watched program = new Watched();
        ProgramBank bank = new ProgramBank(Map.of(0, program));
        Engine engine = new Engine(48_000, 3000);
        engine.route(0, bank);
        assertThat(program.prepared).isEqualTo(3000);
        EventBuffer events = new EventBuffer(4);
        events.add(100, 0x90, 60, 100);
        float[] l = new float[256], r = new float[256];
        engine.process(l, r, 256, events);
        assertThat(program.calls).containsExactly("begin", "render 0..100", "render 100..256", "end");
        assertThat(l[99]).isZero();
        assertThat(l[100]).isEqualTo(0.5f);
    }

    /** A program that would render at the block's end (after the bank mixed) is refused when the bank is made. */
    @Test
    void aProgramThatDefersItsRenderingIsRefused() {
        Instrument deferred = RecordedInstrument.of(new Dc(0.5f));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ProgramBank(Map.of(0, deferred)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("renders when asked");
    }
}
