package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EnvelopeGeneratorTest {

    @Test
    void stagesEndOnTheirExactFrames() {
        EnvelopeGenerator eg = new EnvelopeGenerator();
        // delay 10, attack 100, hold 50, decay 200 to 0.5, release 300
        eg.trigger(10, 0f, 100, 50, 200, 0.5f, 300);
        float[] y = new float[1000];
        for (int i = 0; i < 600; i++) y[i] = eg.next();
        for (int i = 0; i < 10; i++) assertThat(y[i]).isZero();
        assertThat(y[10]).isZero();                               // attack starts at 0 on frame 10
        assertThat(y[60]).isCloseTo(0.5f, within(1e-6f));        // halfway up
        assertThat(y[109]).isCloseTo(0.99f, within(1e-5f));      // last attack frame
        assertThat(y[110]).isEqualTo(1f);                         // hold
        assertThat(y[159]).isEqualTo(1f);
        assertThat(y[160]).isEqualTo(1f);                         // decay starts at full level
        assertThat(20 * Math.log10(y[260])).isCloseTo(20 * Math.log10(0.5) / 2, within(0.01)); // halfway in dB
        assertThat(y[360]).isEqualTo(0.5f);                       // sustain from frame 360 exactly
        assertThat(eg.stage()).isEqualTo(EnvelopeGenerator.Stage.SUSTAIN);
        eg.release();
        float r0 = eg.next();
        assertThat(r0).isEqualTo(0.5f);
        float last = r0;
        for (int i = 1; i < 300; i++) { float v = eg.next(); assertThat(v).isLessThan(last); last = v; }
        assertThat(last).isCloseTo(EnvelopeGenerator.FLOOR / (float) Math.exp(Math.log(EnvelopeGenerator.FLOOR / 0.5) / 300), within(1e-7f));
        assertThat(eg.isDone()).isTrue();
        assertThat(eg.next()).isZero();
    }

    @Test
    void aRetunedDecayKeepsItsFramesRunAndHeadsForTheNewSustain() {
        EnvelopeGenerator eg = new EnvelopeGenerator();
        eg.trigger(0, 0f, 0, 0, 200, 0.5f, 100); // decay 200 frames to 0.5 from frame 0
        for (int i = 0; i < 50; i++) eg.next();
        float at50 = eg.level();
        eg.retune(0, 0f, 0, 0, 100, 0.25f, 100); // 50 frames run, now 100 long to 0.25: 50 to go, straight in dB
        float[] y = new float[60];
        for (int i = 0; i < y.length; i++) y[i] = eg.next();
        assertThat(y[0]).isEqualTo(at50);
        assertThat(20 * Math.log10(y[25])).isCloseTo((20 * Math.log10(at50) + 20 * Math.log10(0.25)) / 2, within(0.01));
        assertThat(y[50]).isEqualTo(0.25f);
        assertThat(eg.stage()).isEqualTo(EnvelopeGenerator.Stage.SUSTAIN);
    }

    @Test
    void aSustainOfZeroComesBackWhileHeldButNotOnceReleased() {
        EnvelopeGenerator eg = new EnvelopeGenerator();
        eg.trigger(0, 0f, 0, 0, 0, 0f, 100);
        eg.next();
        assertThat(eg.isDone()).isTrue();
        eg.retune(0, 0f, 0, 0, 0, 0.3f, 100);
        assertThat(eg.next()).isEqualTo(0.3f);
        eg.release();
        for (int i = 0; i < 100; i++) eg.next();
        eg.retune(0, 0f, 0, 0, 0, 0.6f, 100);
        assertThat(eg.isDone()).isTrue();
        assertThat(eg.next()).isZero();
    }

    @Test
    void aReleaseOfAnotherLengthThanItsOwnKeepsItsLength() {
        EnvelopeGenerator eg = new EnvelopeGenerator();
        eg.trigger(0, 0f, 0, 0, 0, 1f, 1000);
        eg.next();
        eg.release(40); // a choke's off_time
        eg.retune(0, 0f, 0, 0, 0, 1f, 5000);
        int frames = 0;
        while (!eg.isDone()) { eg.next(); frames++; }
        assertThat(frames).isEqualTo(40);
        eg.trigger(0, 0f, 0, 0, 0, 1f, 1000);
        eg.next();
        eg.release(); // its own: 10 frames run, then 100 long
        for (int i = 0; i < 10; i++) eg.next();
        eg.retune(0, 0f, 0, 0, 0, 1f, 100);
        frames = 10;
        while (!eg.isDone()) { eg.next(); frames++; }
        assertThat(frames).isEqualTo(100);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void blockProcessingGivesExactlyTheSameLevelsAsFrameByFrame(long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        int delay = rnd.nextInt(50), attack = rnd.nextInt(300), hold = rnd.nextInt(50), decay = rnd.nextInt(300), release = 1 + rnd.nextInt(300);
        float start = rnd.nextFloat() * 0.5f, sustain = rnd.nextFloat();
        EnvelopeGenerator a = new EnvelopeGenerator(), b = new EnvelopeGenerator();
        a.trigger(delay, start, attack, hold, decay, sustain, release);
        b.trigger(delay, start, attack, hold, decay, sustain, release);
        int releaseAt = rnd.nextInt(900), pos = 0;
        float[] block = new float[1000];
        while (pos < 1000) {
            int n = Math.min(1 + rnd.nextInt(70), (pos < releaseAt ? releaseAt : 1000) - pos);
            b.process(block, pos, n);
            for (int i = 0; i < n; i++) assertThat(block[pos + i]).as("frame %d", pos + i).isEqualTo(a.next());
            pos += n;
            if (pos == releaseAt) { a.release(); b.release(); }
        }
    }

    @Test
    void sustainLevelIsExactInDb() {
        EnvelopeGenerator eg = new EnvelopeGenerator();
        eg.trigger(0, 0f, 0, 0, 480, 0.25f, 10);
        for (int i = 0; i < 480; i++) eg.next();
        assertThat(20 * Math.log10(eg.next())).isCloseTo(20 * Math.log10(0.25), within(0.01));
    }

    @Test
    void releaseDuringAttackFallsFromTheCurrentLevel() {
        EnvelopeGenerator eg = new EnvelopeGenerator();
        eg.trigger(0, 0f, 100, 0, 0, 1f, 100);
        for (int i = 0; i < 51; i++) eg.next();
        eg.release();
        assertThat(eg.next()).isCloseTo(0.51f, within(1e-5f));
        int frames = 1;
        while (!eg.isDone()) { eg.next(); frames++; }
        assertThat(frames).isEqualTo(100);
    }

    @Test
    void zeroSustainEndsTheEnvelopeAfterDecay() {
        EnvelopeGenerator eg = new EnvelopeGenerator();
        eg.trigger(0, 0f, 0, 0, 100, 0f, 10);
        for (int i = 0; i < 100; i++) assertThat(eg.next()).isGreaterThan(0f);
        assertThat(eg.isDone()).isTrue();
    }

    @org.junit.jupiter.api.Test
    void skippingAChunkAtATimeStaysOnTheFrameByFrameLevels() {
        // control-rate readers skip 32 frames at a time; the level must follow process() to float precision
        skipsFollowProcess(new int[] {100, 480, 200, 48_000, 24_000}, new int[] {32}, 2_000);
    }

    /** Chunks of changing sizes (a block's shorter last chunk between full ones): each skip still follows the frame-by-frame levels. */
    @org.junit.jupiter.api.Test
    void skippingChunksOfChangingSizesStaysOnTheFrameByFrameLevels() {
        skipsFollowProcess(new int[] {0, 0, 0, 48_000, 24_000}, new int[] {32, 7, 32, 19, 32, 7, 7, 19, 32}, 1_500);
    }

    /**
     * Two envelopes of stages {@code t} (delay, attack, hold, decay, release frames; sustain 0.25), one processed and one
     * skipped over chunks of {@code sizes} in turn, released at chunk {@code releaseAt}: the same stage and level within float precision.
     */
    private static void skipsFollowProcess(int[] t, int[] sizes, int releaseAt) {
        EnvelopeGenerator a = new EnvelopeGenerator(), b = new EnvelopeGenerator();
        a.trigger(t[0], 0, t[1], t[2], t[3], 0.25f, t[4]);
        b.trigger(t[0], 0, t[1], t[2], t[3], 0.25f, t[4]);
        float[] scratch = new float[32];
        float released = 0;
        for (int chunk = 0; chunk < 3_000; chunk++) {
            if (chunk == releaseAt) { a.release(); b.release(); released = a.level(); }
            int n = sizes[chunk % sizes.length];
            a.process(scratch, 0, n);
            b.skip(n, scratch);
            org.assertj.core.api.Assertions.assertThat(b.stage()).isEqualTo(a.stage());
            org.assertj.core.api.Assertions.assertThat((double) b.level()).as("chunk %d", chunk)
                    .isCloseTo(a.level(), org.assertj.core.api.Assertions.within(Math.max(1e-7, a.level() * 2e-5)));
        }
        org.assertj.core.api.Assertions.assertThat(a.level()).isLessThan(released * 0.5f); // the release really fell
    }
}
