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

    private static int[] walk(LoopType type, int ls, int le, int count) {
        int[] out = new int[count];
        int p = 0, dir = 1;
        for (int i = 0; i < count; i++) {
            out[i] = p;
            if (dir > 0 && p == le) {
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
}
