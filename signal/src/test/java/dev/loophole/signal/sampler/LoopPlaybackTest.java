package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.RATE;
import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.Amp;
import dev.loophole.model.Envelope;
import dev.loophole.model.Envelopes;
import dev.loophole.model.Loop;
import dev.loophole.model.LoopMode;
import dev.loophole.model.LoopType;
import dev.loophole.model.SampleRegion;
import dev.loophole.signal.dsp.Interpolation;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** loop_type forward/backward/alternate and loop_crossfade, through a real voice and the offline renderer. */
class LoopPlaybackTest {
    private static final int LS = 10, LE = 15; // a six-frame loop in a ramp whose value is its frame number

    private static float[] ramp(int frames) {
        float[] s = new float[frames];
        for (int i = 0; i < frames; i++) s[i] = i;
        return s;
    }

    /** A region at unity gain, root key 60, looping {@code ls..le}; {@code more} adjusts it further. */
    private static Fixtures looped(float[] sample, LoopMode mode, LoopType type, long ls, long le, double xf, Consumer<SampleRegion.Builder> more) {
        return new Fixtures().sample("s", sample).region("s", b -> {
            b.amp = new Amp(0, 100, 0, 100, 0, 0, 60, 0, 0, 0);
            b.loop = new Loop(mode, type, ls, le, xf, 0);
            more.accept(b);
        });
    }

    private static float[] play(Fixtures f, int quality, int key, int frames) {
        SamplerInstrument inst = f.instrument(1);
        inst.setQuality(quality);
        return f.render(inst, events(0, 0x90, key, 127), frames)[0];
    }

    /**
     * The frames a loop plays at rate 1, walked one step at a time as the SFZ types read: forward wraps
     * E→L; backward turns at the first E (mirror: E once), then jumps L→E; alternate mirrors at both ends.
     */
    private static int[] walk(LoopType type, int count) { return walk(type, LS, LE, count); }

    private static int[] walk(LoopType type, int ls, int le, int count) { return walk(type, ls, le, count, Integer.MAX_VALUE); }

    /**
     * As above, with the loop let go before frame {@code release}: from then on, the first time the walk stands on
     * loop_end it goes on to loop_end + 1, and a backward loop's jump from loop_start to loop_end turns forward.
     */
    private static int[] walk(LoopType type, int ls, int le, int count, int release) {
        int[] out = new int[count];
        int p = 0, dir = 1;
        for (int i = 0; i < count; i++) {
            out[i] = p;
            boolean exiting = i >= release;
            if (exiting && p == le) { dir = 1; p++; }
            else if (exiting && dir < 0 && p == ls && type == LoopType.BACKWARD) { dir = 1; p = le; }
            else if (p > le) p++;
            else if (dir > 0 && p == le) {
                if (type == LoopType.FORWARD) p = ls;
                else { dir = -1; p = le - 1; }
            } else if (dir < 0 && p == ls) {
                if (type == LoopType.BACKWARD) p = le;
                else { dir = 1; p = ls + 1; }
            } else p += dir;
        }
        return out;
    }

    @Test
    void theWalkIsTheSequenceTheTypesDefine() { // the expectation itself, spelled out once
        assertThat(walk(LoopType.FORWARD, 24)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 10, 11, 12, 13, 14, 15, 10, 11);
        assertThat(walk(LoopType.BACKWARD, 28)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 14, 13, 12, 11, 10, 15, 14, 13, 12, 11, 10, 15);
        assertThat(walk(LoopType.ALTERNATE, 28)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 14, 13, 12, 11, 10, 11, 12, 13, 14, 15, 14, 13);
    }

    @ParameterizedTest(name = "{0} {1} rate {2}")
    @CsvSource({"FORWARD, nearest, 1", "FORWARD, linear, 1", "FORWARD, cubic, 1", "FORWARD, linear, 0.5", "FORWARD, nearest, 0.5",
                "BACKWARD, nearest, 1", "BACKWARD, linear, 1", "BACKWARD, cubic, 1", "BACKWARD, linear, 0.5", "BACKWARD, nearest, 0.5",
                "ALTERNATE, nearest, 1", "ALTERNATE, linear, 1", "ALTERNATE, cubic, 1", "ALTERNATE, linear, 0.5", "ALTERNATE, nearest, 0.5"})
    void eachLoopTypeReadsExactlyTheFramesItDefines(LoopType type, String quality, double rate) {
        // Rate 0.5 (an octave down) lands every other output frame halfway between two played frames: linear gives
        // their mean, nearest the one ahead in the direction of travel. Across a wrap or a turn, "the next frame" is
        // the walk's next frame, so the neighbours come from the loop's other end (or the mirror).
        int frames = 400;
        float[] out = play(looped(ramp(40), LoopMode.LOOP_CONTINUOUS, type, LS, LE, 0, b -> {}),
                Interpolation.byName(quality), rate == 1 ? 60 : 48, frames);
        int[] seq = walk(type, frames + 1);
        float[] expected = new float[frames];
        for (int n = 0; n < frames; n++) {
            if (rate == 1) expected[n] = seq[n];
            else if (n % 2 == 0) expected[n] = seq[n / 2];
            else expected[n] = quality.equals("nearest") ? seq[n / 2 + 1] : (seq[n / 2] + seq[n / 2 + 1]) / 2f;
        }
        assertThat(out).containsExactly(expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"FORWARD, nearest", "FORWARD, linear", "FORWARD, cubic", "BACKWARD, nearest", "BACKWARD, linear", "BACKWARD, cubic",
                "ALTERNATE, nearest", "ALTERNATE, linear", "ALTERNATE, cubic"})
    void longLoopsReadTheSameFramesOnTheFastPathsAtHalfRate(LoopType type, String quality) {
        // A loop long enough that most frames take the plain kernels (forward, and backward through the sample);
        // an octave down, so half of the frames interpolate, and the turns fall between frames too.
        int ls = 100, le = 1100, frames = 9_000;
        float[] out = play(looped(ramp(2_000), LoopMode.LOOP_CONTINUOUS, type, ls, le, 0, b -> {}), Interpolation.byName(quality), 48, frames);
        int[] seq = walk(type, ls, le, frames + 2);
        for (int n = 0; n < frames; n++) {
            int m = n / 2;
            float expected = n % 2 == 0 ? seq[m]
                    : quality.equals("nearest") ? seq[m + 1]
                    : quality.equals("linear") ? (seq[m] + seq[m + 1]) / 2f
                    : Interpolation.hermite(m == 0 ? 0 : seq[m - 1], seq[m], seq[m + 1], seq[m + 2], 0.5f);
            assertThat(out[n]).as("frame %d", n).isEqualTo(expected);
        }
    }

    /** The largest step between adjacent frames of a sampled sine of amplitude {@code amp} at {@code hz}: 2·amp·sin(π·hz/rate). */
    private static double idealStep(double amp, double hz) {
        return 2 * amp * Math.sin(Math.PI * hz / RATE);
    }

    private static float maxStep(float[] x, int from, int to) {
        float m = 0;
        for (int i = from + 1; i < to; i++) m = Math.max(m, Math.abs(x[i] - x[i - 1]));
        return m;
    }

    @ParameterizedTest(name = "{0} {1} key {2}")
    @CsvSource({"FORWARD, linear, 60", "FORWARD, cubic, 60", "FORWARD, sinc8, 60", "FORWARD, sinc32, 60", "FORWARD, sinc64, 60", "FORWARD, nearest, 60",
                "FORWARD, linear, 67", "FORWARD, cubic, 67", "FORWARD, sinc8, 67", "FORWARD, sinc32, 67", "FORWARD, sinc64, 67",
                "ALTERNATE, linear, 60", "ALTERNATE, cubic, 60", "ALTERNATE, sinc8, 60", "ALTERNATE, sinc32, 60", "ALTERNATE, sinc64, 60", "ALTERNATE, nearest, 60",
                "ALTERNATE, linear, 67", "ALTERNATE, cubic, 67", "ALTERNATE, sinc8, 67", "ALTERNATE, sinc32, 67", "ALTERNATE, sinc64, 67",
                "BACKWARD, nearest, 60", "BACKWARD, linear, 67", "BACKWARD, cubic, 67", "BACKWARD, sinc32, 67", "BACKWARD, sinc64, 67"})
    void aLoopOfWholeCyclesPlaysTenSecondsWithNoStepLargerThanTheSinesOwn(LoopType type, String quality, int key) {
        // 480 Hz, 100 frames a cycle, amplitude 0.5. The forward loop is 12 whole cycles wrapping at a zero crossing,
        // the steepest point (10000..11199: a frame too many or too few there doubles the step or flattens it); the
        // alternate loop runs peak to peak (10025..11225), where the mirror is the sine's own symmetry; the backward
        // loop turns first at a trough (11275) and then jumps from 10076 to 11275, whole cycles apart. 10 s at the
        // root and a fifth up. The bound is the ideal sampled sine's largest step, or — for sinc8, whose pass band
        // ripples ±0.5 dB — the same interpolator's on the sine played straight, if larger. Nearest at a ratio other
        // than 1 skips frames, so its steps are not the sine's: it is left out there.
        double amp = 0.5, ratio = Math.pow(2, (key - 60) / 12.0);
        long ls = switch (type) { case FORWARD -> 10_000; case ALTERNATE -> 10_025; case BACKWARD -> 10_076; };
        long le = switch (type) { case FORWARD -> 11_199; case ALTERNATE -> 11_225; case BACKWARD -> 11_275; };
        int q = Interpolation.byName(quality);
        float[] out = play(looped(Fixtures.sine(480, 48_000, amp), LoopMode.LOOP_CONTINUOUS, type, ls, le, 0, b -> {}), q, key, 480_000);
        float[] straight = play(looped(Fixtures.sine(480, 150_000, amp), LoopMode.NO_LOOP, LoopType.FORWARD, -1, -1, 0, b -> {}), q, key, 96_000);
        double ideal = idealStep(amp, 480 * ratio), own = maxStep(straight, 1_000, 96_000), step = maxStep(out, 1_000, out.length);
        assertThat(step).isGreaterThan(ideal * 0.99); // it plays, at the level it should
        assertThat(step).isLessThanOrEqualTo(Math.max(ideal, own) * 1.001);
    }

    @ParameterizedTest(name = "{0} key {1}")
    @CsvSource({"cubic, 60", "cubic, 67", "sinc32, 60", "sinc32, 67", "sinc64, 67", "linear, 67", "nearest, 60"})
    void aLoopWhoseEndsDoNotMatchClicksWithoutCrossfadeAndNotWithIt(String quality, int key) {
        // 480 Hz again, but the loop 10000..14824 holds 48.25 cycles: its end sits a quarter cycle from its start,
        // near the sine's crest while the start is at a zero crossing. 2 s is some 17 to 26 passes.
        double amp = 0.5, ratio = Math.pow(2, (key - 60) / 12.0), ideal = idealStep(amp, 480 * ratio);
        int q = Interpolation.byName(quality);
        float[] sine = Fixtures.sine(480, 48_000, amp);
        float[] raw = play(looped(sine, LoopMode.LOOP_CONTINUOUS, LoopType.FORWARD, 10_000, 14_824, 0, b -> {}), q, key, 96_000);
        float[] faded = play(looped(sine, LoopMode.LOOP_CONTINUOUS, LoopType.FORWARD, 10_000, 14_824, 0.05, b -> {}), q, key, 96_000);
        // Measured: 9 to 16 times the sine's step without the fade; within 0.05 % of it with the fade.
        assertThat(maxStep(raw, 1_000, 96_000)).as("the wrap clicks").isGreaterThan((float) (8 * ideal));
        // The raised-cosine fade adds at most its own slope, π/2 per 2400 frames times a difference of at most
        // amp·√2 (1.5 % of the step here), while the mix of the two quarter-cycle-apart sines is never louder than one.
        assertThat(maxStep(faded, 1_000, 96_000)).isLessThanOrEqualTo((float) (ideal * 1.01));
    }

    @ParameterizedTest(name = "{0} released at {1}")
    @CsvSource({"ALTERNATE, 27", "ALTERNATE, 23", "ALTERNATE, 25", "ALTERNATE, 30", "BACKWARD, 18", "BACKWARD, 21", "BACKWARD, 12", "FORWARD, 27"})
    void aSustainLoopLetGoPlaysOnToTheSampleEndWithoutAJump(LoopType type, int release) {
        // loop_sustain on the ramp, note-off at frame `release`. Alternate: travelling back down, the head finishes
        // the pass, turns at loop_start and runs forward past loop_end; travelling up it goes straight on. Backward:
        // it finishes the pass down to loop_start, jumps to loop_end as always and runs on forward from there.
        // A 10 s release keeps the level within 0.1 % over the frames that follow.
        Envelopes env = new Envelopes(Envelope.AMP_DEFAULT.withStages(0, 0, 0, 0, 1, 10), Envelope.MOD_DEFAULT, Envelope.MOD_DEFAULT);
        Fixtures f = looped(ramp(40), LoopMode.LOOP_SUSTAIN, type, LS, LE, 0, b -> b.envelopes = env);
        SamplerInstrument inst = f.instrument(1);
        inst.setQuality(Interpolation.NEAREST);
        float[] out = f.render(inst, events(0, 0x90, 60, 127, release, 0x80, 60, 0), 200)[0];
        int[] seq = walk(type, LS, LE, 200, release);
        int end = 0;
        while (seq[end] != 39) end++; // the frame that plays the sample's last frame
        for (int n = 0; n < release; n++) assertThat(out[n]).as("held, frame %d", n).isEqualTo(seq[n]);
        for (int n = release; n <= end; n++) assertThat((double) out[n]).as("released, frame %d", n).isCloseTo(seq[n], org.assertj.core.data.Percentage.withPercentage(0.1));
        for (int n = end + 1; n < 200; n++) assertThat(out[n]).as("after the end, frame %d", n).isZero();
    }

    @Test
    void theCrossfadedTailEndsOnTheFrameBeforeTheLoopStart() {
        // Rate 1, nearest: the output is the frames read. loop 10000..14824, fade 2400 frames (12425..14824).
        float[] sine = Fixtures.sine(480, 48_000, 0.5);
        float[] out = play(looped(sine, LoopMode.LOOP_CONTINUOUS, LoopType.FORWARD, 10_000, 14_824, 0.05, b -> {}), Interpolation.NEAREST, 60, 25_000);
        assertThat(out[12_424]).as("before the fade: the sample").isEqualTo(sine[12_424]);
        assertThat(out[14_824]).as("on loop_end: the frame before loop_start").isEqualTo(sine[9_999]);
        assertThat(out[14_825]).as("the wrap").isEqualTo(sine[10_000]);
        assertThat(out[14_825 + 4_824]).as("loop_end, second pass").isEqualTo(sine[9_999]);
        // Halfway (frame 13624, t = 1/2): equal parts of the tail and of the material 4825 frames earlier.
        assertThat((double) out[13_624]).isCloseTo((sine[13_624] + sine[13_624 - 4_825]) / 2.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(Math.abs(out[13_624] - sine[13_624])).as("and that differs from the sample").isGreaterThan(0.1f);
    }

    @ParameterizedTest(name = "released at {0}")
    @CsvSource({"13000", "16000"})
    void aCrossfadedSustainLoopLetGoPlaysTheRawSampleToItsEndWithoutAClick(int release) {
        // Released inside the fade of the first pass (13000 >= 12425), the voice finishes the pass and leaves at the
        // wrap; released early in the second pass (frame 11175 of the sample), it goes straight on. Either way it
        // plays the sample itself to frame 47999, at output frame 52824, with no step beyond the sine's own.
        Envelopes env = new Envelopes(Envelope.AMP_DEFAULT.withStages(0, 0, 0, 0, 1, 10), Envelope.MOD_DEFAULT, Envelope.MOD_DEFAULT);
        float[] sine = Fixtures.sine(480, 48_000, 0.5);
        float[] out = play(release, looped(sine, LoopMode.LOOP_SUSTAIN, LoopType.FORWARD, 10_000, 14_824, 0.05, b -> b.envelopes = env));
        int last = out.length - 1;
        while (out[last] == 0) last--;
        assertThat(last).isBetween(52_823, 52_824); // the sample's last frame is a zero crossing's neighbour
        assertThat(maxStep(out, 1_000, out.length)).isLessThanOrEqualTo((float) (idealStep(0.5, 480) * 1.01));
    }

    private static float[] play(int release, Fixtures f) {
        SamplerInstrument inst = f.instrument(1);
        inst.setQuality(Interpolation.CUBIC);
        return f.render(inst, events(0, 0x90, 60, 127, release, 0x80, 60, 0), 60_000)[0];
    }

    @Test
    void aCrossfadeThatDoesNotFitIsShortenedOrIgnoredWithAWarningAndEqualOnesAreShared() {
        Fixtures f = new Fixtures().sample("s", Fixtures.sine(480, 48_000, 0.5));
        f.region("s", b -> b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, LoopType.FORWARD, 1_000, 20_000, 0.05, 0));  // 1000 frames precede the loop
        f.region("s", b -> b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, LoopType.FORWARD, 10_000, 10_500, 0.05, 0)); // a 501-frame loop
        f.region("s", b -> b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, LoopType.ALTERNATE, 10_000, 14_824, 0.05, 0));
        f.region("s", b -> b.loop = new Loop(LoopMode.LOOP_CONTINUOUS, LoopType.FORWARD, 10_000, 14_824, 0.05, 0));
        f.region("s", b -> b.loop = new Loop(LoopMode.LOOP_SUSTAIN, LoopType.FORWARD, 10_000, 14_824, 0.05, 0));
        Patch p = new PatchCompiler(f.provider(), RATE).compile(f.program());
        assertThat(p.regions[0].loopTail.frames).isEqualTo(1_000);
        assertThat(p.regions[1].loopTail.frames).isEqualTo(500);
        assertThat(p.regions[2].loopTail).isNull();
        assertThat(p.regions[3].loopTail.frames).isEqualTo(2_400);
        assertThat(p.regions[4].loopTail).as("the same sample, loop and fade: one copy").isSameAs(p.regions[3].loopTail);
        assertThat(p.warnings).containsExactly(
                "region r0: loop_crossfade=0.05 needs 2400 frames; the loop 1000..20000 allows 1000 (at most the frames before loop_start, one less than the loop's length, and only for a loop held in memory)",
                "region r1: loop_crossfade=0.05 needs 2400 frames; the loop 10000..10500 allows 500 (at most the frames before loop_start, one less than the loop's length, and only for a loop held in memory)",
                "region r2: loop_crossfade=0.05 is ignored with loop_type=alternate (its turns are continuous already)");
    }
}
