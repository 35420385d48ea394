package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.RATE;
import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.media.SampleMetadata;
import dev.loophole.model.Amp;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.Tuning;
import dev.loophole.signal.dsp.Interpolation;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SamplerPlaybackTest {

    @ParameterizedTest
    @ValueSource(ints = {Interpolation.LINEAR, Interpolation.CUBIC})
    void atTheRootKeyTheOutputIsTheSampleTimesTheGain(int quality) {
        Random rnd = new Random(7);
        float[] noise = new float[4800];
        for (int i = 0; i < noise.length; i++) noise[i] = (float) (rnd.nextDouble() * 2 - 1) * 0.5f;
        Fixtures f = new Fixtures().sample("n", noise).region("n", b -> {
            b.tuning = new Tuning(60, 0, 0, 100, 0, 200, -200);
            b.amp = new Amp(-6, 100, 0, 100, 0, 100, 60, 0, 0, 0);
        });
        SamplerInstrument inst = f.instrument(1);
        inst.setQuality(quality);
        float[][] out = f.render(inst, events(100, 0x90, 60, 127), 6000);
        float gain = (float) Math.pow(10, -6 / 20.0);
        for (int i = 0; i < noise.length; i++) {
            assertThat(out[0][100 + i]).as("left frame %d", i).isEqualTo(noise[i] * gain);
            assertThat(out[1][100 + i]).as("right frame %d", i).isEqualTo(noise[i] * gain);
        }
        assertThat(out[0][99]).isZero();
        assertThat(out[0][100 + noise.length]).as("nothing after the sample ends").isZero();
    }

    @Test
    void oneOctaveUpHasDoubleFrequencyAndHalfTheLength() {
        float[] sine = Fixtures.sine(440, 48_000, 0.5);
        Fixtures f = new Fixtures().sample("s", sine).region("s", b -> b.tuning = new Tuning(69, 0, 0, 100, 0, 200, -200));
        float[][] root = f.render(f.instrument(1), events(0, 0x90, 69, 127), 60_000);
        float[][] up = f.render(f.instrument(1), events(0, 0x90, 81, 127), 60_000);
        assertThat(Fixtures.measureFrequency(root[0], 100, 40_000)).isCloseTo(440, within(0.01));
        assertThat(Fixtures.measureFrequency(up[0], 100, 20_000)).isCloseTo(880, within(0.02));
        assertThat(lastNonZero(root[0])).isEqualTo(47_999);
        assertThat(lastNonZero(up[0])).isBetween(23_998, 24_000);
    }

    @Test
    void theSmplFineTuneIsCorrectedSoTheKeySoundsAtItsOwnPitch() {
        float[] sharp = Fixtures.sine(440 * Math.pow(2, 30 / 1200.0), 48_000, 0.5); // recorded 30 cents sharp
        Fixtures f = new Fixtures().sample("s", sharp, new SampleMetadata(69, 30, List.of()))
                .region("s", b -> b.tuning = new Tuning(69, 0, 0, 100, 0, 200, -200));
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 69, 127), 48_000);
        assertThat(Fixtures.measureFrequency(out[0], 100, 40_000)).isCloseTo(440, within(0.01));
    }

    @Test
    void offsetOnccMovesTheStartWithTheController() {
        float[] ramp = new float[4_000];
        for (int i = 0; i < ramp.length; i++) ramp[i] = i / 8192f;
        Fixtures f = new Fixtures().sample("r", ramp).region("r", b -> {
            b.tuning = new Tuning(60, 0, 0, 100, 0, 200, -200);
            b.amp = new Amp(0, 100, 0, 100, 0, 0, 60, 0, 0, 0);
            b.modulation.add(dev.loophole.model.Modulation.of("cc1", "offset", 1000)); // SFZ offset_oncc1=1000
        });
        // CC 1 at 127 moves the start 1000 frames on; at 0 it starts at frame 0.
        float[][] out = f.render(f.instrument(1), events(0, 0xB0, 1, 127, 10, 0x90, 60, 127, 500, 0xB0, 1, 0, 510, 0x80, 60, 0, 2000, 0x90, 60, 127), 2100);
        assertThat(out[0][10]).isEqualTo(1000 / 8192f);
        assertThat(out[0][2000]).isZero();
        assertThat(out[0][2001]).isEqualTo(1 / 8192f);
    }

    @Test
    void roundRobinCyclesThroughItsVariations() {
        Fixtures f = new Fixtures();
        for (int v = 1; v <= 3; v++) {
            int pos = v;
            f.sample("rr" + v, Fixtures.constant(v / 10f, 100))
             .region("rr" + v, b -> b.conditions = new dev.loophole.model.RegionConditions(IntRange.CHANNELS, java.util.Map.of(),
                     IntRange.BEND, 0, 1, 3, pos, dev.loophole.model.Trigger.ATTACK, null, -1, -1, -1, -1, null));
        }
        long[] ev = new long[7 * 4];
        for (int n = 0; n < 7; n++) { ev[n * 4] = n * 1000L; ev[n * 4 + 1] = 0x90; ev[n * 4 + 2] = 60; ev[n * 4 + 3] = 127; }
        float[][] out = f.render(f.instrument(1), events(ev), 8000);
        float[] heard = new float[7];
        for (int n = 0; n < 7; n++) heard[n] = out[0][n * 1000 + 10];
        assertThat(heard).containsExactly(0.1f, 0.2f, 0.3f, 0.1f, 0.2f, 0.3f, 0.1f);
    }

    @Test
    void sustainPedalHoldsNotesPastTheirNoteOff() {
        Fixtures f = new Fixtures().sample("c", Fixtures.constant(0.5f, 48_000))
                .region("c", b -> b.loop = new Loop(LoopMode.NO_LOOP, null, -1, -1, 0, 0));
        // Without pedal: note-off at 1000 releases (release 1 ms = 48 frames).
        float[][] dry = f.render(f.instrument(1), events(0, 0x90, 60, 127, 1000, 0x80, 60, 0), 5000);
        assertThat(dry[0][1100]).isZero();
        // With pedal down before the note-off and up at 3000: sounds until 3000, then releases.
        float[][] held = f.render(f.instrument(1), events(0, 0xB0, 64, 127, 0, 0x90, 60, 127,
                1000, 0x80, 60, 0, 3000, 0xB0, 64, 0), 5000);
        assertThat(held[0][1100]).isEqualTo(0.5f);
        assertThat(held[0][2999]).isEqualTo(0.5f);
        assertThat(held[0][3000 + 48 + 1]).isZero();
    }

    @Test
    void closedHiHatChokesTheOpenOneWithinFiveMilliseconds() {
        Fixtures f = new Fixtures()
                .sample("open", Fixtures.constant(0.4f, 48_000))
                .sample("closed", Fixtures.constant(0.1f, 2_000))
                .region("open", b -> { b.keyRange = IntRange.single(46); b.tuning = fixed(46); b.choke = new dev.loophole.model.Choke(1, 1, null, 0, 0, 0); })
                .region("closed", b -> { b.keyRange = IntRange.single(42); b.tuning = fixed(42); b.choke = new dev.loophole.model.Choke(1, 0, null, 0, 0, 0); });
        float[][] out = f.render(f.instrument(1), events(0, 0x99, 46, 127, 10_000, 0x99, 42, 127), 20_000);
        assertThat(out[0][9_999]).isEqualTo(0.4f);
        int fade = (int) Math.round(0.005 * RATE);
        // During the fade the open hat falls monotonically on top of the closed one …
        assertThat(out[0][10_000 + fade / 2]).isLessThan(0.4f + 0.1f).isGreaterThan(0.1f);
        // … and after 5 ms only the closed hat remains.
        assertThat(out[0][10_000 + fade + 1]).isEqualTo(0.1f);
        assertThat(out[0][12_000]).as("the closed hat's 2000 frames are over").isZero();
    }

    @Test
    void sameSeedSameRenderAndOtherSeedDifferent() {
        Fixtures f = new Fixtures().sample("a", Fixtures.constant(0.2f, 4000)).sample("b", Fixtures.constant(0.3f, 4000))
                .region("a", b -> { b.conditions = rand(0, 0.5); b.amp = new Amp(0, 100, 0, 100, 0, 100, 60, 0, 3, 0); })
                .region("b", b -> { b.conditions = rand(0.5, 1); b.amp = new Amp(0, 100, 0, 100, 0, 100, 60, 0, 3, 0); });
        long[] ev = new long[40 * 4];
        for (int n = 0; n < 40; n++) { ev[n * 4] = n * 500L; ev[n * 4 + 1] = 0x90; ev[n * 4 + 2] = 60; ev[n * 4 + 3] = 100; }
        float[][] a = f.render(f.instrument(42), events(ev), 25_000);
        float[][] b = f.render(f.instrument(42), events(ev), 25_000);
        float[][] c = f.render(f.instrument(43), events(ev), 25_000);
        assertThat(a[0]).containsExactly(b[0]);
        assertThat(a[1]).containsExactly(b[1]);
        assertThat(java.util.Arrays.equals(a[0], c[0])).isFalse();
    }

    @Test
    void aSustainLoopPlaysWhileHeldAndRunsToTheEndAfterRelease() {
        float[] s = new float[1000];
        for (int i = 0; i < s.length; i++) s[i] = i < 400 ? 0.1f : i <= 499 ? 0.2f : 0.3f;
        SampleMetadata meta = new SampleMetadata(60, 0, List.of(new SampleMetadata.SampleLoop(400, 499, 0)));
        Fixtures f = new Fixtures().sample("l", s, meta).region("l", b -> {
            b.loop = new Loop(LoopMode.LOOP_SUSTAIN, null, -1, -1, 0, 0);
            b.envelopes = new dev.loophole.model.Envelopes(dev.loophole.model.Envelope.AMP_DEFAULT.withStages(0, 0, 0, 0, 1, 1.0),
                    dev.loophole.model.Envelope.MOD_DEFAULT, dev.loophole.model.Envelope.MOD_DEFAULT);
        });
        float[][] out = f.render(f.instrument(1), events(0, 0x90, 60, 127, 5000, 0x80, 60, 0), 6000);
        assertThat(out[0][4999]).isEqualTo(0.2f); // still inside the loop long after frame 499
        // After release the voice leaves the loop and reaches the 0.3 tail within one loop length.
        boolean reachedTail = false;
        for (int i = 5000; i < 5100 + 100; i++) if (out[0][i] > 0.2f) reachedTail = true;
        assertThat(reachedTail).isTrue();
    }

    private static dev.loophole.model.RegionConditions rand(double lo, double hi) {
        return new dev.loophole.model.RegionConditions(IntRange.CHANNELS, java.util.Map.of(), IntRange.BEND, lo, hi, 1, 1,
                dev.loophole.model.Trigger.ATTACK, null, -1, -1, -1, -1, null);
    }

    private static Tuning fixed(int key) { return new Tuning(key, 0, 0, 100, 0, 200, -200); }

    private static int lastNonZero(float[] x) {
        for (int i = x.length - 1; i >= 0; i--) if (x[i] != 0) return i;
        return -1;
    }
}
