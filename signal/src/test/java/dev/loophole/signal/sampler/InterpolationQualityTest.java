package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.media.SampleMetadata;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.Tuning;
import dev.loophole.signal.dsp.Interpolation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every interpolator, through a real voice: the pitch it plays and how its loop sounds. */
class InterpolationQualityTest {

    static double frequency(float[] x, int from, int to) {
        return dev.loophole.signal.testing.Pitch.regressionHz(x, from, to, Fixtures.RATE);
    }

    @ParameterizedTest
    @CsvSource({"sinc64, -24", "sinc64, -7", "sinc64, 0.5", "sinc64, 7", "sinc64, 24", "sinc64, 31", "sinc64, 55", "sinc32, 7", "cubic, 7", "linear, -7"})
    void aTransposedSineMeasuresWithinAHundredthOfACent(String quality, double semitones) {
        double f0 = 440;
        float[] sine = Fixtures.sine(f0, 96_000 * 4, 0.5);
        Fixtures fx = new Fixtures().sample("s", sine).region("s", b -> {
            b.tuning = new Tuning(69, 0, semitones * 100, 100, 0, 200, -200); // tune carries the transposition
            b.loop = new Loop(LoopMode.NO_LOOP, null, -1, -1, 0, 0);
        });
        SamplerInstrument inst = fx.instrument(1);
        inst.setQuality(Interpolation.byName(quality));
        float[][] out = fx.render(inst, events(0, 0x90, 69, 127), 48_000);
        double expected = f0 * Math.pow(2, semitones / 12);
        double cents = 1200 * Math.log(frequency(out[0], 2_000, 46_000) / expected) / Math.log(2);
        assertThat(cents).isCloseTo(0, within(0.01));
    }

    @ParameterizedTest
    @CsvSource({"nearest", "linear", "cubic", "sinc8", "sinc16", "sinc32", "sinc64"})
    void aLoopOfWholeCyclesPlaysTenSecondsWithNoStepLargerThanTheSinesOwn(String quality) {
        // 480 Hz: exactly 100 frames a cycle; a loop of 12 cycles, played a fifth up for 10 s. The reference is
        // the same interpolator playing the same sine straight through, 10 s long: its own largest step.
        float[] sine = Fixtures.sine(480, 500_000, 0.5);
        SampleMetadata meta = new SampleMetadata(60, 0, List.of(new SampleMetadata.SampleLoop(10_000, 11_199, 0)));
        Fixtures looped = new Fixtures().sample("s", java.util.Arrays.copyOf(sine, 48_000), meta)
                .region("s", b -> b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, null, -1, -1, 0, 0));
        Fixtures straight = new Fixtures().sample("s", sine).region("s", b -> b.loop = new Loop(LoopMode.NO_LOOP, null, -1, -1, 0, 0));
        float step = maxStep(play(looped, quality)), own = maxStep(play(straight, quality));
        assertThat(own).as("the reference plays").isGreaterThan(0.03f);
        assertThat(step).isLessThanOrEqualTo(own * 1.001f + 1e-6f);
    }

    private static float[] play(Fixtures fx, String quality) {
        SamplerInstrument inst = fx.instrument(1);
        inst.setQuality(Interpolation.byName(quality));
        return fx.render(inst, events(0, 0x90, 67, 127), 480_000)[0];
    }

    private static float maxStep(float[] x) {
        float m = 0;
        for (int i = 1_000; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - x[i - 1]));
        return m;
    }
}
