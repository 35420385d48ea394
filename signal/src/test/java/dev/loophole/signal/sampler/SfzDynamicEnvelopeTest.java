package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static dev.loophole.signal.sampler.SfzPlayer.db;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARIA's {@code ampeg_dynamic}, {@code fileg_dynamic} and {@code pitcheg_dynamic}: with 1, a controller that sets an
 * envelope stage moves it while the note plays; with 0 (the default) the stage keeps what the controller said at
 * note-on. Each case renders both and measures levels, times in frames and frequencies against the SFZ text.
 * Also the SFZ v1 velocity stage settings ({@code ampeg_vel2attack}…), the other note-on source of stage times.
 */
class SfzDynamicEnvelopeTest {
    @TempDir static Path dir;
    static final int RATE = Fixtures.RATE;

    @BeforeAll
    static void samples() throws Exception {
        SfzPlayer.write(dir, "dc.wav", Fixtures.constant(0.5f, 3 * RATE));
        SfzPlayer.write(dir, "sine.wav", Fixtures.sine(440, 3 * RATE, 0.5));
        SfzPlayer.write(dir, "sine4k.wav", Fixtures.sine(4000, 3 * RATE, 0.5));
    }

    /** Plays key 60 with cc1 at 0, moves cc1 to 127 at {@code moveAt}, releases at {@code offAt} (never if negative). */
    private static float[] play(String region, int dynamic, int moveAt, int offAt, int frames) throws Exception {
        String sfz = "<region> " + region.replace("DYN", Integer.toString(dynamic)) + "\n";
        long[] ev = offAt < 0 ? new long[] {0, 0xB0, 1, 0, 0, 0x90, 60, 127, moveAt, 0xB0, 1, 127}
                : new long[] {0, 0xB0, 1, 0, 0, 0x90, 60, 127, moveAt, 0xB0, 1, 127, offAt, 0x80, 60, 0};
        return SfzPlayer.play(dir, sfz, events(ev), frames)[0];
    }

    /** First frame from {@code from} whose level is at or below {@code dbBelow} dB under {@code ref}. */
    private static int fallsTo(float[] x, int from, double ref, double dbBelow) {
        for (int i = from; i < x.length; i++) if (Math.abs(x[i]) <= ref * Math.pow(10, -dbBelow / 20)) return i;
        return -1;
    }

    private static double rmsDb(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i] * (double) x[i];
        return 10 * Math.log10(s / (to - from));
    }

    @Test
    void aSustainLevelFollowsItsControllerWhileTheNoteHolds() throws Exception {
        String r = "sample=dc.wav amp_veltrack=0 ampeg_sustain=100 ampeg_sustain_oncc1=-50 ampeg_dynamic=DYN";
        float[] on = play(r, 1, RATE / 2, -1, RATE), off = play(r, 0, RATE / 2, -1, RATE);
        assertThat(db(on[RATE / 4] / 0.5)).isCloseTo(0, within(0.001));
        assertThat(db(on[3 * RATE / 4] / 0.5)).isCloseTo(db(0.5), within(0.001)); // 100 % − 50 %: half the level
        assertThat(db(off[3 * RATE / 4] / 0.5)).isCloseTo(0, within(0.001));     // read at note-on only
    }

    @Test
    void aReleaseTimeSetWhileTheNoteHoldsIsTheOneItReleasesWith() throws Exception {
        // release 0.1 s + 0.9 s of cc1; the engine's release falls to −90 dB in its time, so −30 dB at a third of it
        String r = "sample=dc.wav amp_veltrack=0 ampeg_release=0.1 ampeg_release_oncc1=0.9 ampeg_dynamic=DYN";
        int offAt = RATE / 2;
        float[] on = play(r, 1, RATE / 4, offAt, 2 * RATE), off = play(r, 0, RATE / 4, offAt, 2 * RATE);
        assertThat(fallsTo(on, offAt, 0.5, 30) - offAt).isCloseTo(RATE / 3, within(2));      // 1.0 s / 3
        assertThat(fallsTo(off, offAt, 0.5, 30) - offAt).isCloseTo(RATE / 30, within(2));    // 0.1 s / 3
    }

    @Test
    void aRunningAttackEndsAtItsNewLength() throws Exception {
        // attack 1 s; cc1 at 127 after 0.25 s adds 1 s: the attack, a quarter up, ends at 2 s and holds full level there
        String r = "sample=dc.wav amp_veltrack=0 ampeg_attack=1 ampeg_attack_oncc1=1 ampeg_dynamic=DYN";
        float[] on = play(r, 1, RATE / 4, -1, 5 * RATE / 2), off = play(r, 0, RATE / 4, -1, 5 * RATE / 2);
        assertThat(on[RATE / 4 - 1] / 0.5).isCloseTo(0.25, within(1e-3));
        // from there straight on to full level at 2 s: 0.25 + 0.75 × (t − 0.25) / 1.75
        for (double t : new double[] {1, 1.5, 1.9})
            assertThat(on[(int) (t * RATE)] / 0.5).as("at %s s", t).isCloseTo(0.25 + 0.75 * (t - 0.25) / 1.75, within(2e-3));
        assertThat(on[2 * RATE + 1] / 0.5).isCloseTo(1, within(1e-6));
        // unmoved: half-way at 0.5 s, full from 1 s
        assertThat(off[RATE / 2] / 0.5).isCloseTo(0.5, within(2e-3));
        assertThat(off[RATE + 1] / 0.5).isCloseTo(1, within(1e-6));
    }

    @Test
    void aPitchEnvelopeSustainMovedByItsController() throws Exception {
        // pitcheg depth one octave, sustain 0 % + 100 % of cc1: after the move the note sounds an octave up
        String r = "sample=sine.wav pitch_keytrack=0 pitcheg_depth=1200 pitcheg_sustain=0 pitcheg_sustain_oncc1=100 pitcheg_dynamic=DYN";
        float[] on = play(r, 1, RATE / 2, -1, RATE), off = play(r, 0, RATE / 2, -1, RATE);
        assertThat(Fixtures.measureFrequency(on, RATE / 20, 9 * RATE / 20)).isCloseTo(440, within(0.05));
        assertThat(Fixtures.measureFrequency(on, 11 * RATE / 20, 19 * RATE / 20)).isCloseTo(880, within(0.05));
        assertThat(Fixtures.measureFrequency(off, 11 * RATE / 20, 19 * RATE / 20)).isCloseTo(440, within(0.05));
    }

    @Test
    void aFilterEnvelopeSustainMovedByItsControllerOpensTheFilter() throws Exception {
        // cutoff 1 kHz + fileg depth 2400 cents × (0 % + 100 % of cc1): after the move the cutoff is 4 kHz, which is
        // what a region with cutoff=4000 and no envelope plays
        String r = "sample=sine4k.wav pitch_keytrack=0 cutoff=1000 fileg_depth=2400 fileg_sustain=0 fileg_sustain_oncc1=100 fileg_dynamic=DYN";
        float[] on = play(r, 1, RATE / 2, -1, RATE), off = play(r, 0, RATE / 2, -1, RATE);
        float[] closed = play("sample=sine4k.wav pitch_keytrack=0 cutoff=1000", 0, RATE / 2, -1, RATE);
        float[] open = play("sample=sine4k.wav pitch_keytrack=0 cutoff=4000", 0, RATE / 2, -1, RATE);
        int a = 3 * RATE / 4, b = RATE;
        assertThat(rmsDb(on, RATE / 4, RATE / 2)).isCloseTo(rmsDb(closed, RATE / 4, RATE / 2), within(0.05));
        assertThat(rmsDb(on, a, b)).isCloseTo(rmsDb(open, a, b), within(0.05));
        assertThat(rmsDb(off, a, b)).isCloseTo(rmsDb(closed, a, b), within(0.05));
        assertThat(rmsDb(open, a, b) - rmsDb(closed, a, b)).isGreaterThan(10); // the two cutoffs are far apart at 4 kHz
    }

    @Test
    void velocityStageSettingsAddTheirAmountTimesVelocity() throws Exception {
        // ampeg_vel2attack=1: at velocity 127 a 1 s attack, at 64 one of 64/127 s; vel2sustain adds percent the same way
        String r = "<region> sample=dc.wav amp_veltrack=0 ampeg_vel2attack=1 ampeg_sustain=40 ampeg_decay=0.01 ampeg_vel2sustain=50\n";
        float[] loud = SfzPlayer.play(dir, r, events(0, 0x90, 60, 127), 2 * RATE)[0];
        float[] soft = SfzPlayer.play(dir, r, events(0, 0x90, 60, 64), 2 * RATE)[0];
        assertThat(loud[RATE / 4] / 0.5).isCloseTo(0.25, within(1e-3));
        assertThat(soft[RATE / 4] / 0.5).isCloseTo(0.25 / (64 / 127.0), within(1e-3));
        assertThat(loud[3 * RATE / 2] / 0.5).isCloseTo(0.40 + 0.50, within(1e-4));
        assertThat(soft[3 * RATE / 2] / 0.5).isCloseTo(0.40 + 0.50 * 64 / 127, within(1e-4));
    }
}
