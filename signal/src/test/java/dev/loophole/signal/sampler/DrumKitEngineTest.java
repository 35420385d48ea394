package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.model.Amp;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.IntRange;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.ProgramSettings;
import dev.loophole.model.RegionConditions;
import dev.loophole.model.RoundRobin;
import dev.loophole.model.SampleRef;
import dev.loophole.model.Tuning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Random round robin without repeats (seeded) and multi-mic regions: one voice per mic, each on its output. */
class DrumKitEngineTest {
    static final int RATE = Fixtures.RATE;
    static final Amp FLAT = new Amp(0, 100, 0, 100, 0, 0, 60, 0, 0, 0).withPanLaw(Amp.PanLaw.BALANCE); // velocity ignored

    /** Four regions in a cycle of four at key 60, each a constant of its own level: 0.1, 0.2, 0.3, 0.4. */
    static SamplerInstrument cycle(RoundRobin mode, long seed) {
        Fixtures f = new Fixtures();
        for (int pos = 1; pos <= 4; pos++) {
            int p = pos;
            f.sample("dc" + p, Fixtures.constant(0.1f * p, RATE));
            f.region("dc" + p, b -> {
                b.keyRange = new IntRange(60, 60);
                b.amp = FLAT;
                b.conditions = new RegionConditions(IntRange.CHANNELS, java.util.Map.of(), IntRange.BEND, 0, 1, 4, p,
                        null, null, -1, -1, -1, -1, null);
            });
        }
        Patch patch = new PatchCompiler(f.provider(), RATE).compile(f.program().withSettings(ProgramSettings.DEFAULT.withRoundRobin(mode)));
        return new SamplerInstrument(patch, RATE, 16, seed);
    }

    /** Plays {@code n} notes, each alone, and names the position each played by its measured level (0.1 → 1 … 0.4 → 4). */
    static List<Integer> play(SamplerInstrument inst, int n) {
        float[] l = new float[64], r = new float[64];
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            inst.allSoundOff();
            java.util.Arrays.fill(l, 0); java.util.Arrays.fill(r, 0);
            inst.noteOn(0, 60, 100);
            inst.render(l, r, 0, l.length);
            double level = l[32];
            int pos = (int) Math.round(level / 0.1);
            assertThat(level).as("note %d: one region's level", i).isCloseTo(pos * 0.1, within(1e-6));
            positions.add(pos);
        }
        return positions;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 7, 12345})
    void randomNoRepeatNeverPlaysTheSamePositionTwiceInARowAndUsesAllEvenly(long seed) {
        List<Integer> p = play(cycle(RoundRobin.RANDOM_NO_REPEAT, seed), 400);
        for (int i = 1; i < p.size(); i++) assertThat(p.get(i)).as("note %d after %d", i, p.get(i - 1)).isNotEqualTo(p.get(i - 1));
        // each of 4 positions about 100 times; 60..140 is over 4 standard deviations either side
        for (int pos = 1; pos <= 4; pos++) {
            int k = pos;
            assertThat(p.stream().filter(x -> x == k).count()).as("position %d", pos).isBetween(60L, 140L);
        }
        assertThat(play(cycle(RoundRobin.RANDOM_NO_REPEAT, seed), 400)).as("same seed, same choices").isEqualTo(p);
        assertThat(play(cycle(RoundRobin.RANDOM_NO_REPEAT, seed + 1), 400)).as("another seed").isNotEqualTo(p);
    }

    @Test
    void plainRandomRepeatsAboutAQuarterOfTheTimeAndSequentialCycles() {
        List<Integer> p = play(cycle(RoundRobin.RANDOM, 3), 400);
        long repeats = java.util.stream.IntStream.range(1, p.size()).filter(i -> p.get(i).equals(p.get(i - 1))).count();
        assertThat(repeats).as("repeats of 399 (expected about 100)").isBetween(60L, 140L);
        assertThat(play(cycle(RoundRobin.SEQUENTIAL, 3), 8)).containsExactly(1, 2, 3, 4, 1, 2, 3, 4);
    }

    /** A region of three mics: close (200 Hz, main), overhead (300 Hz, −6 dB, hard left, output 1), room (500 Hz, −12 dB, output 2). */
    static SamplerInstrument threeMics(Fixtures f) {
        f.sample("close", Fixtures.sine(200, RATE, 0.5)).sample("oh", Fixtures.sine(300, RATE, 0.5)).sample("room", Fixtures.sine(500, RATE, 0.5));
        f.region("close", b -> {
            b.keyRange = new IntRange(38, 38);
            b.tuning = new Tuning(38, 0, 0, 100, 0, 200, -200); // recorded at the pad's note
            b.amp = FLAT;
            b.samples.add(new SampleRef("oh").asMic(-6, -100, 1));
            b.samples.add(new SampleRef("room").asMic(-12, 0, 2));
            b.loop = new Loop(LoopMode.NO_LOOP, null, -1, -1, 0, 0);
            b.envelopes = new Envelopes(Envelope.AMP_DEFAULT.withStages(0, 0, 0, 0, 1, 0.01), Envelopes.DEFAULT.filter(), Envelopes.DEFAULT.pitch());
        });
        return f.instrument(1);
    }

    @Test
    void eachMicPlaysOnItsOutputAtItsLevelAndPanAndTheyReleaseTogether() {
        Fixtures f = new Fixtures();
        SamplerInstrument inst = threeMics(f);
        float[][] out = new float[6][RATE / 4];
        inst.noteOn(0, 38, 100);
        inst.renderOutputs(out, 0, 4800);
        inst.noteOff(0, 38, 0);
        inst.renderOutputs(out, 4800, out[0].length);
        double sine = 0.5 / Math.sqrt(2), oh = sine * Math.pow(10, -6 / 20.0), room = sine * Math.pow(10, -12 / 20.0);
        double[][] expected = {{sine, sine}, {oh, 0}, {room, room}};
        double[] freq = {200, 300, 500};
        for (int o = 0; o < 3; o++) {
            for (int c = 0; c < 2; c++) {
                double level = rms(out[2 * o + c], 480, 4800 - 480);
                System.out.printf("output %d %s: %.2f dB (expected %.2f)%n", o, c == 0 ? "L" : "R", db(level), db(expected[o][c]));
                assertThat(db(level)).as("output %d channel %d", o, c).isCloseTo(db(expected[o][c]), within(0.05));
            }
            assertThat(Fixtures.measureFrequency(out[2 * o], 480, 4320)).as("output %d plays its own mic", o).isCloseTo(freq[o], within(1.0));
            // the shared envelope: 10 ms release from the note-off at 4800, silent after
            assertThat(peak(out[2 * o], 4800 + 960, out[0].length)).as("output %d after the release", o).isZero();
        }
        // on the stereo mix every mic plays together
        float[] l = new float[4800], r = new float[4800];
        SamplerInstrument mix = threeMics(new Fixtures());
        mix.noteOn(0, 38, 100);
        mix.render(l, r, 0, l.length);
        for (int i = 0; i < 4800; i++) assertThat(l[i]).isCloseTo(out[0][i] + out[2][i] + out[4][i], within(1e-6f));
    }

    static double rms(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += (double) x[i] * x[i];
        return Math.sqrt(s / (to - from));
    }

    static double peak(float[] x, int from, int to) {
        double p = 0;
        for (int i = from; i < to; i++) p = Math.max(p, Math.abs(x[i]));
        return p;
    }

    static double db(double x) { return 20 * Math.log10(Math.max(x, 1e-12)); }
}
