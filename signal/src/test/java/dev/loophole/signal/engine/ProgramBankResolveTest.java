package dev.loophole.signal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@link ProgramBank#resolve} names the program a bank select + program change plays, and the bank's own note routing
 * agrees with it: an offline render builds only the presets resolve names for its notes.
 */
class ProgramBankResolveTest {
    /** Records the notes it is sent. */
    private static final class Heard implements NoMidi {
        final List<Integer> keys = new ArrayList<>();
        @Override public void noteOn(int channel, int key, int velocity) { keys.add(key); }
        @Override public void render(float[] left, float[] right, int from, int to) { }
        @Override public int activeVoices() { return 0; }
        @Override public void allSoundOff() { }
    }

    @Test
    void exactThenTheKitOrBankZeroThenTheBanksProgramZero() {
        Set<Integer> has = Set.of(5, 8 * 128, 8 * 128 + 3, 128 * 128, 128 * 128 + 25);
        assertThat(ProgramBank.resolve(has::contains, 8, 3)).isEqualTo(8 * 128 + 3);   // exact
        assertThat(ProgramBank.resolve(has::contains, 8, 5)).isEqualTo(5);             // bank 0's program 5
        assertThat(ProgramBank.resolve(has::contains, 8, 9)).isEqualTo(8 * 128);       // bank 8's program 0
        assertThat(ProgramBank.resolve(has::contains, 0, 9)).isEqualTo(-1);            // nothing in bank 0 for 9, no program 0
        assertThat(ProgramBank.resolve(has::contains, 128, 25)).isEqualTo(128 * 128 + 25);
        assertThat(ProgramBank.resolve(has::contains, 128, 40)).isEqualTo(128 * 128);  // the standard kit
        assertThat(ProgramBank.resolve(k -> k == 40, 128, 40)).isEqualTo(-1);          // a kit never falls to a melodic program
    }

    @Test
    void theBankPlaysEachNoteOnTheProgramResolveNames() {
        int[] keys = {5, 8 * 128, 8 * 128 + 3, 128 * 128, 128 * 128 + 25};
        Map<Integer, Heard> programs = new java.util.HashMap<>();
        for (int k : keys) programs.put(k, new Heard());
        ProgramBank bank = new ProgramBank(programs);
        int note = 0;
        for (int b : new int[] {0, 8, 128})
            for (int p : new int[] {0, 3, 5, 9, 25, 40}) {
                int channel = b == 128 ? 9 : 0;
                if (channel != 9) bank.controlChange(0, 0, b);
                bank.programChange(channel, p);
                bank.noteOn(channel, note, 100);
                int k = ProgramBank.resolve(programs::containsKey, b, p);
                for (var e : programs.entrySet())
                    assertThat(e.getValue().keys.contains(note)).as("bank %d program %d → key %d", b, p, e.getKey()).isEqualTo(e.getKey() == k);
                note++;
            }
    }
}
