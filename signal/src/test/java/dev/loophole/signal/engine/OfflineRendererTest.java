package dev.loophole.signal.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfflineRendererTest {

    /** Writes a click of 1.0 on the exact frame each note-on is applied. */
    static final class Clicker implements Instrument {
        boolean pending;
        @Override public void noteOn(int c, int k, int v) { pending = true; }
        @Override public void noteOff(int c, int k, int v) { }
        @Override public void controlChange(int c, int n, int v) { }
        @Override public void pitchBend(int c, int v) { }
        @Override public void channelPressure(int c, int v) { }
        @Override public void polyPressure(int c, int k, int v) { }
        @Override public void programChange(int c, int p) { }
        @Override public void render(float[] l, float[] r, int from, int to) {
            if (pending && from < to) { l[from] = 1f; pending = false; }
        }
        @Override public int activeVoices() { return 0; }
        @Override public void allSoundOff() { }
    }

    @ParameterizedTest
    @CsvSource({"44100,64", "48000,256", "96000,100", "48000,1"})
    void everyNoteLandsOnRoundSecondsTimesRateAcrossTempoChanges(int rate, int block) {
        // 480 ppq, 120 BPM, then 97 BPM from tick 1920, then 200 BPM from tick 3000.
        TempoMap tempo = new TempoMap(480, List.of(new TempoMap.Change(0, 500_000),
                new TempoMap.Change(1920, 618_557), new TempoMap.Change(3000, 300_000)));
        List<MidiEvent> events = new ArrayList<>();
        long[] ticks = {0, 7, 479, 1919, 1920, 1921, 2999, 3000, 3001, 4567};
        for (int i = 0; i < ticks.length; i++) events.add(new MidiEvent(ticks[i], 0x90, 60, 100, 0, i));
        MidiSong song = new MidiSong("t", tempo, events);
        Engine engine = new Engine(rate, 256);
        engine.route(0, new Clicker());
        List<Integer> clicks = new ArrayList<>();
        long[] pos = {0};
        new OfflineRenderer(engine, block).render(song, 0.01, (l, r, n) -> {
            for (int i = 0; i < n; i++) if (l[i] == 1f) clicks.add((int) (pos[0] + i));
            pos[0] += n;
        }, null);
        List<Integer> expected = new ArrayList<>();
        for (long t : ticks) expected.add((int) Math.round(tempo.seconds(t) * rate));
        assertThat(clicks).containsExactlyElementsOf(expected);
        // Independent check of one value: tick 3001 = 4 quarters at 0.5 s + 1080 ticks at 0.618557 s/480 + 1 tick at 0.3/480.
        double s = 2.0 + 1080 * 0.618557 / 480 + 1 * 0.3 / 480;
        assertThat(clicks.get(8)).isEqualTo((int) Math.round(s * rate));
    }
}
