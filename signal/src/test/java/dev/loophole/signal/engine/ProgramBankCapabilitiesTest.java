package dev.loophole.signal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.ExpressionCapabilities;
import dev.loophole.model.ExpressionDimension;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A bank answers for all its programs: the union of what they respond to, and no zones of its own. */
class ProgramBankCapabilitiesTest {
    /** A program that only declares capabilities; the bank's aggregation is what is under test. */
    private record Declares(ExpressionCapabilities caps) implements Instrument {
        @Override public void noteOn(int channel, int key, int velocity) { }
        @Override public void noteOff(int channel, int key, int velocity) { }
        @Override public void controlChange(int channel, int controller, int value) { }
        @Override public void pitchBend(int channel, int value) { }
        @Override public void channelPressure(int channel, int value) { }
        @Override public void polyPressure(int channel, int key, int value) { }
        @Override public void programChange(int channel, int program) { }
        @Override public void render(float[] left, float[] right, int from, int to) { }
        @Override public int activeVoices() { return 0; }
        @Override public void allSoundOff() { }
        @Override public ExpressionCapabilities capabilities() { return caps; }
    }

    @Test
    void theBankRespondsToWhatAnyOfItsProgramsDoes() {
        var piano = new Declares(new ExpressionCapabilities(Set.of(ExpressionDimension.PITCH, ExpressionDimension.PRESSURE), Set.of(),
                List.of(new ExpressionCapabilities.MpeZone(true, 15)), 24));
        var pad = new Declares(new ExpressionCapabilities(Set.of(ExpressionDimension.TIMBRE, ExpressionDimension.PER_NOTE_CC), Set.of(2), List.of(), 24));
        var drums = new Declares(ExpressionCapabilities.NONE);
        ExpressionCapabilities c = new ProgramBank(Map.of(0, piano, 1, pad, 128 * 128, drums)).capabilities();
        assertThat(c.dimensions()).containsExactlyInAnyOrder(ExpressionDimension.PITCH, ExpressionDimension.PRESSURE,
                ExpressionDimension.TIMBRE, ExpressionDimension.PER_NOTE_CC);
        assertThat(c.perNoteCcs()).containsExactly(2);
        assertThat(c.zones()).isEmpty();
        assertThat(c.bendRange()).isEqualTo(24);
        assertThat(new ProgramBank(Map.of(0, drums)).capabilities().dimensions()).isEmpty();
    }
}
