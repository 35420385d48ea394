package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.MpeFixtures.LEFT_KEY;
import static dev.loophole.signal.sampler.MpeFixtures.bendFor;
import static dev.loophole.signal.sampler.MpeFixtures.cents;
import static dev.loophole.signal.sampler.MpeFixtures.hz;
import static dev.loophole.signal.sampler.MpeFixtures.pitch;
import static dev.loophole.signal.sampler.MpeFixtures.rmsDb;
import static dev.loophole.signal.sampler.MpeFixtures.semisOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.signal.expression.UmpDecoder;
import dev.loophole.signal.sampler.MpeFixtures.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Input an MPE or MIDI 2.0 source should not send: never a crash, a NaN or a stuck note. */
class MpeBadInputTest {
    static final int S = MpeFixtures.RATE;

    @Test
    void memberChannelNotesWithNoZonePlayAsPlainNotesAndEnd() {
        SamplerInstrument inst = MpeFixtures.instrument(false);
        Stream s = new Stream().bend(0, 3, bendFor(5, 48)).on(10, 3, LEFT_KEY, 100).off(S / 2, 3, LEFT_KEY);
        float[][] out = MpeFixtures.render(inst, s, 2 * S);
        // No zone: an ordinary channel, where full-scale bend is the region's ±200 cents.
        assertThat(cents(pitch(out[0], 2400, S / 2 - 100), hz(LEFT_KEY))).isCloseTo(200 * (bendFor(5, 48) - 8192) / 8191.0, within(0.5));
        assertThat(inst.activeVoices()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 96, 127})
    void bendRangesAtAndPastTheLimits(int range) {
        int applied = Math.min(range, 96);
        int value = 8192 + 8191 / 4; // a quarter of the way up
        SamplerInstrument inst = MpeFixtures.instrument(false);
        Stream s = new Stream().mcm(0, 0, 15).bendRange(0, 1, range).bend(1, 1, value).on(10, 1, 40, 100).off(S / 2, 1, 40);
        float[][] out = MpeFixtures.render(inst, s, 2 * S);
        for (float v : out[0]) assertThat(Float.isFinite(v)).isTrue();
        assertThat(cents(pitch(out[0], 2400, S / 2 - 100), hz(40))).isCloseTo(semisOf(value, applied) * 100, within(0.5));
        assertThat(inst.activeVoices()).isZero();
    }

    @Test
    void noteOffsAndExpressionForNotesThatNeverStartedChangeNothing() {
        SamplerInstrument inst = MpeFixtures.instrument(false);
        Stream s = new Stream().mcm(0, 0, 15).off(10, 1, 60).off(10, 5, 61).bend(20, 1, 0).pressure(20, 1, 90)
                .umpOff(30, 0, 62).umpBend(30, 0, 62, 3).ump(30, UmpDecoder.word0(0xF, 0, 62, 3), 0)
                .ump(30, UmpDecoder.word0(0x1, 0, 62, 9), -1).ump(40, 0x1234_5678, 0) // not a type-4 packet
                .off(50, 0, 63);
        float[][] out = MpeFixtures.render(inst, s, S / 10);
        assertThat(rmsDb(out[0], 0, S / 10)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(inst.activeVoices()).isZero();
    }

    @Test
    void aHundredAndTwentyEightNotesOnOneUmpChannelAllEnd() {
        SamplerInstrument inst = MpeFixtures.instrument(false);
        Stream s = new Stream();
        for (int k = 0; k < 128; k++) s.umpOn(k, 0, k, 100).umpBend(k, 0, k, 8192 + k * 50);
        for (int k = 0; k < 128; k++) s.umpPressure(S / 4 + k, 0, k, k).umpTimbre(S / 4 + k, 0, k, 127 - k);
        for (int k = 0; k < 128; k++) s.umpOff(S / 2 + k, 0, k);
        float[][] out = MpeFixtures.render(inst, s, 2 * S);
        for (float v : out[0]) assertThat(Float.isFinite(v)).isTrue();
        assertThat(inst.peakVoices()).as("the pool was full").isGreaterThanOrEqualTo(64);
        assertThat(inst.activeVoices()).as("voices sounding 1.5 s after the last note-off").isZero();
        assertThat(rmsDb(out[0], S + S / 2 + 4800, 2 * S)).isLessThan(-100);
    }

    @Test
    void sameKeyOnTwoMembersEndsOnlyTheNoteThatWasReleased() {
        SamplerInstrument inst = MpeFixtures.instrument(false);
        Stream s = new Stream().mcm(0, 0, 15).on(0, 1, LEFT_KEY, 100).on(0, 2, LEFT_KEY, 100).bend(0, 2, bendFor(7, 48))
                .off(S / 4, 1, LEFT_KEY);
        float[][] out = MpeFixtures.render(inst, s, 2 * S);
        // After the first note's 1 s release, only the second (bent a fifth) still sounds.
        assertThat(cents(pitch(out[0], S + S / 2, 2 * S), hz(LEFT_KEY))).isCloseTo(semisOf(bendFor(7, 48), 48) * 100, within(0.5));
        assertThat(inst.activeVoices()).isEqualTo(1);
    }
}
