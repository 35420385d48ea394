package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.Playback;
import dev.loophole.model.Tuning;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.SincInterpolatorTest;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sinc's octave copies, through a real voice: aliases, pitch across a loop, and what they cost in memory. */
class OctaveCopyTest {
    private static final java.util.Map<String, Double> FIGURES = new java.util.TreeMap<>();

    /**
     * SincInterpolatorTest's measure (48 tones up to 0.45·fs, the worst spur below 20 kHz against one tone), with the
     * resampler a sinc64 voice transposed by its region's tune: from +12 semitones on it reads an octave copy.
     */
    @ParameterizedTest
    @ValueSource(doubles = {12, 19, 24.5, 31, 43, 55})
    void aVoiceReadingOctaveCopiesKeepsAliasesAHundredDbDown(double semitones) {
        double floor = SincInterpolatorTest.aliasFloorDb(ratio -> 2 * (int) Math.ceil(32 * 2) + 4,
                (buf, at, ratio, y) -> play(buf, at, semitones, y), semitones);
        FIGURES.put(String.format("alias floor dB, +%.1f st, sinc64 voice", semitones), floor);
        assertThat(floor).isLessThan(-100);
    }

    /** Plays {@code buf} from frame {@code at} transposed by {@code semitones}, scaled back to unity gain (measured on DC). */
    private static void play(float[] buf, int at, double semitones, float[] y) {
        float[] dc = new float[buf.length];
        java.util.Arrays.fill(dc, 0.5f);
        float[] wave = voice(buf, at, semitones, y.length), level = voice(dc, at, semitones, y.length);
        double gain = level[y.length / 2] / 0.5;
        for (int i = 0; i < y.length; i++) y[i] = (float) (wave[i] / gain);
    }

    private static float[] voice(float[] buf, int at, double semitones, int frames) {
        Fixtures fx = new Fixtures().sample("s", buf).region("s", b -> {
            b.tuning = new Tuning(69, 0, semitones * 100, 100, 0, 200, -200);
            b.loop = new Loop(LoopMode.NO_LOOP, null, -1, -1, 0, 0);
            b.playback = new Playback(at, 0, -1, 0, 0, 0, false);
        });
        SamplerInstrument inst = fx.instrument(1);
        inst.setQuality(Interpolation.SINC_64);
        return fx.render(inst, events(0, 0x90, 69, 127), frames)[0];
    }

    /**
     * A forward loop of 11 cycles of 480 Hz (1,100 frames, not a multiple of 8) played 31 semitones up for 5 s: the
     * voice reads octave copy 2 inside the loop and the sample itself across each wrap. Its pitch is exact and no step
     * between frames exceeds the largest step of the same sine played straight (no seam where the paths meet).
     */
    @Test
    void aLoopedVoiceAcrossWrapsHasItsPitchAndNoSeam() {
        float[] sine = Fixtures.sine(480, 600_000, 0.5);
        SampleMetadata meta = new SampleMetadata(60, 0, List.of(new SampleMetadata.SampleLoop(10_000, 11_099, 0)));
        Fixtures looped = new Fixtures().sample("s", java.util.Arrays.copyOf(sine, 48_000), meta)
                .region("s", b -> b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, null, -1, -1, 0, 0));
        Fixtures straight = new Fixtures().sample("s", sine).region("s", b -> b.loop = new Loop(LoopMode.NO_LOOP, null, -1, -1, 0, 0));
        float[] a = play(looped, 91), b = play(straight, 91);
        double expected = 480 * Math.pow(2, 31 / 12.0);
        double cents = 1200 * Math.log(InterpolationQualityTest.frequency(a, 20_000, 230_000) / expected) / Math.log(2);
        assertThat(cents).isCloseTo(0, within(0.01));
        float step = maxStep(a, 20_000), own = maxStep(b, 20_000);
        assertThat(own).as("the reference plays").isGreaterThan(0.1f);
        assertThat(step).isLessThanOrEqualTo(own * 1.0001f);
    }

    private static float[] play(Fixtures fx, int key) {
        SamplerInstrument inst = fx.instrument(1);
        inst.setQuality(Interpolation.SINC_64);
        return fx.render(inst, events(0, 0x90, key, 127), 240_000)[0];
    }

    private static float maxStep(float[] x, int from) {
        float m = 0;
        for (int i = from; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - x[i - 1]));
        return m;
    }

    /** Copies 1…7 of a sample hold at most its own length again (1/2 + 1/4 + …, plus each level's filter ringing). */
    @Test
    void octaveCopiesCostAtMostTheSampleAgain() {
        int frames = 100_003;
        float[][] ch = {Fixtures.sine(1000, frames, 0.5), Fixtures.sine(700, frames, 0.5)};
        SampleData s = new SampleData("s", new AudioData(ch, 48_000, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        long alone = s.memoryBytes();
        OctaveCopies three = s.octaves(-1, -1, 3);
        assertThat(three.depth()).isEqualTo(3);
        assertThat(s.octaves(-1, -1, 2)).isSameAs(three);
        OctaveCopies seven = s.octaves(-1, -1, 7);
        assertThat(seven.depth()).isEqualTo(7);
        assertThat(seven.levels[2][1]).hasSize((((frames - 1 + 61) / 2 + 61) / 2 + 61) / 2 + 1);
        assertThat(s.memoryBytes() - alone).isLessThanOrEqualTo(alone + 7L * 2 * 4 * 61);
        // a copy is the sample at its own positions: frame j of copy 3 is the 1 kHz sine at frame 8j (in band: passed whole)
        for (int j = 2_000; j < 2_010; j++) assertThat(seven.levels[2][0][j]).isCloseTo(ch[0][8 * j], within(1e-5f));
        // with a loop: the copy past the loop's end is the loop again (the sine has whole cycles of 48 frames in it)
        OctaveCopies looped = s.octaves(480, 480 + 48 * 100 - 1, 2);
        assertThat(looped).isNotSameAs(seven);
        for (int j = 0; j < 200; j++) {
            int f = 480 + 48 * 100 + 4 * j; // past the loop's end: frame f plays sample frame f - 4800
            assertThat(looped.levels[1][0][f / 4]).isCloseTo(ch[0][f - 4800], within(1e-5f));
        }
        assertThat(s.memoryBytes() - alone).isLessThanOrEqualTo(alone + 7L * 2 * 4 * 61 + 2L * 4 * (4800 + 2 * OctaveCopies.EXTENSION));
    }

    @AfterAll
    static void report() {
        FIGURES.forEach((k, v) -> System.out.printf("OctaveCopy: %-45s %8.1f%n", k, v));
    }
}
