package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.MpeFixtures.LEFT_KEY;
import static dev.loophole.signal.sampler.MpeFixtures.RIGHT_KEY;
import static dev.loophole.signal.sampler.MpeFixtures.bendFor;
import static dev.loophole.signal.sampler.MpeFixtures.cents;
import static dev.loophole.signal.sampler.MpeFixtures.hz;
import static dev.loophole.signal.sampler.MpeFixtures.pitch;
import static dev.loophole.signal.sampler.MpeFixtures.rmsDb;
import static dev.loophole.signal.sampler.MpeFixtures.semisOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.signal.sampler.MpeFixtures.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * MPE streams rendered and measured note by note (left channel: the low note, right: the high
 * one): per-note bends, pressure and timbre act on their own note only.
 */
class MpeRenderTest {
    static final int S = MpeFixtures.RATE; // one second in frames

    /** Lower zone, 15 members; two notes on members 1 and 2 bent in opposite directions at once. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void twoNotesBentInOppositeDirectionsMeasureTheirOwnPitches(long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        double up = 0.5 + rnd.nextDouble() * 7, down = -(0.5 + rnd.nextDouble() * 7);
        int bUp = bendFor(up, 48), bDown = bendFor(down, 48);
        Stream s = new Stream().mcm(0, 0, 15)
                .on(100, 1, LEFT_KEY, 100).on(100, 2, RIGHT_KEY, 100)
                .bend(S / 2, 1, bUp).bend(S / 2, 2, bDown);
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(false), s, 2 * S);
        // Unbent before, bent after, measured over the same frames on both sides.
        assertThat(cents(pitch(out[0], 4800, S / 2 - 100), hz(LEFT_KEY))).isCloseTo(0, within(0.5));
        assertThat(cents(pitch(out[1], 4800, S / 2 - 100), hz(RIGHT_KEY))).isCloseTo(0, within(0.5));
        double expectUp = semisOf(bUp, 48) * 100, expectDown = semisOf(bDown, 48) * 100;
        assertThat(cents(pitch(out[0], S, 2 * S - 100), hz(LEFT_KEY))).isCloseTo(expectUp, within(0.5));
        assertThat(cents(pitch(out[1], S, 2 * S - 100), hz(RIGHT_KEY))).isCloseTo(expectDown, within(0.5));
    }

    @Test
    void managerBendMovesEveryNoteOfTheZoneByTheManagerRange() {
        int b = bendFor(1, 2); // +1 semitone at the manager's default ±2
        Stream s = new Stream().mcm(0, 0, 15).on(0, 1, LEFT_KEY, 100).on(0, 2, RIGHT_KEY, 100)
                .bend(100, 2, bendFor(-2, 48)).bend(200, 0, b);
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(false), s, S);
        assertThat(cents(pitch(out[0], S / 4, S), hz(LEFT_KEY))).isCloseTo(semisOf(b, 2) * 100, within(0.5));
        assertThat(cents(pitch(out[1], S / 4, S), hz(RIGHT_KEY)))
                .isCloseTo((semisOf(b, 2) + semisOf(bendFor(-2, 48), 48)) * 100, within(0.5));
    }

    @Test
    void pressureSwellRaisesOnlyItsOwnNotesLevel() {
        Stream s = new Stream().mcm(0, 0, 15).on(0, 1, LEFT_KEY, 100).on(0, 2, RIGHT_KEY, 100);
        for (int v = 0; v <= 127; v++) s.pressure(S / 2 + v * 100L, 1, v); // a 0.27 s swell on the left note only
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(false), s, 2 * S);
        double leftBefore = rmsDb(out[0], 4800, S / 2), leftAfter = rmsDb(out[0], S + S / 4, 2 * S);
        double rightBefore = rmsDb(out[1], 4800, S / 2), rightAfter = rmsDb(out[1], S + S / 4, 2 * S);
        assertThat(leftAfter - leftBefore).as("the pressed note swells by the default 6 dB").isCloseTo(6.0, within(0.05));
        assertThat(rightAfter - rightBefore).as("its neighbour does not move").isCloseTo(0.0, within(0.01));
    }

    @Test
    void timbreOpensOnlyItsOwnNotesFilter() {
        Stream s = new Stream().mcm(0, 0, 15).on(0, 1, LEFT_KEY, 100).on(0, 2, RIGHT_KEY, 100)
                .cc(S / 2, 1, 74, 127);
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(true), s, 2 * S);
        double hiL = 8 * hz(LEFT_KEY), hiR = 8 * hz(RIGHT_KEY);
        double leftClosed = db(MpeFixtures.toneAmplitude(out[0], 4800, S / 2, hiL)), leftOpen = db(MpeFixtures.toneAmplitude(out[0], S, 2 * S, hiL));
        double rightClosed = db(MpeFixtures.toneAmplitude(out[1], 4800, S / 2, hiR)), rightOpen = db(MpeFixtures.toneAmplitude(out[1], S, 2 * S, hiR));
        // 8th partial two octaves up the cutoff (800 → 3200 Hz): a 2-pole low-pass lets ~20 dB more through.
        assertThat(leftOpen - leftClosed).as("CC 74 opens its note's filter").isGreaterThan(15);
        assertThat(rightOpen - rightClosed).as("the other note's filter stays").isCloseTo(0, within(0.05));
        double fundL = db(MpeFixtures.toneAmplitude(out[0], S, 2 * S, hz(LEFT_KEY)));
        assertThat(fundL - db(MpeFixtures.toneAmplitude(out[0], 4800, S / 2, hz(LEFT_KEY)))).as("the fundamental passes either way").isCloseTo(0, within(0.5));
    }

    @Test
    void expressionBeforeNoteOnAppliesFromTheFirstFrame() {
        int b = bendFor(3, 48);
        Stream pressed = new Stream().mcm(0, 0, 15).bend(10, 1, b).pressure(10, 1, 127).on(1000, 1, LEFT_KEY, 100);
        Stream bentOnly = new Stream().mcm(0, 0, 15).bend(10, 1, b).on(1000, 1, LEFT_KEY, 100);
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(false), pressed, S / 2);
        float[][] ref = MpeFixtures.render(MpeFixtures.instrument(false), bentOnly, S / 2);
        assertThat(cents(pitch(out[0], 1000, 1000 + 2400), hz(LEFT_KEY))).as("bent from its first 50 ms")
                .isCloseTo(semisOf(b, 48) * 100, within(0.5));
        assertThat(rmsDb(out[0], 1000, 1960) - rmsDb(ref[0], 1000, 1960)).as("pressed from its first 20 ms")
                .isCloseTo(6.0, within(0.01));
    }

    @Test
    void expressionAfterNoteOffLeavesTheReleaseAlone() {
        Stream s = new Stream().mcm(0, 0, 15).on(0, 1, LEFT_KEY, 100).off(S / 2, 1, LEFT_KEY)
                .bend(S / 2 + 10, 1, bendFor(12, 48)).pressure(S / 2 + 10, 1, 127).cc(S / 2 + 10, 1, 74, 0);
        Stream plain = new Stream().mcm(0, 0, 15).on(0, 1, LEFT_KEY, 100).off(S / 2, 1, LEFT_KEY);
        float[][] out = MpeFixtures.render(MpeFixtures.instrument(false), s, S);
        float[][] ref = MpeFixtures.render(MpeFixtures.instrument(false), plain, S);
        assertThat(cents(pitch(out[0], S / 2 + 100, S / 2 + 9600), hz(LEFT_KEY))).isCloseTo(0, within(0.5));
        for (int i = 0; i < S; i++) assertThat(out[0][i]).isEqualTo(ref[0][i]);
    }

    private static double db(double a) { return 20 * Math.log10(a); }
}
