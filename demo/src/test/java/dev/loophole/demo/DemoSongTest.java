package dev.loophole.demo;

import dev.loophole.formats.midi.SmfReader;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo song as written to demo.mid and read back through our SMF reader. */
class DemoSongTest {
    @TempDir static Path dir;
    static MidiSong song;
    static byte[] bytes;

    @BeforeAll
    static void writeAndRead() throws IOException {
        Path f = dir.resolve("demo.mid");
        dev.loophole.formats.midi.SmfWriter.write(DemoSong.build(), f);
        bytes = Files.readAllBytes(f);
        song = SmfReader.read(f);
    }

    private static List<MidiEvent> on(int channel) {
        return song.events().stream().filter(e -> e.channel() == channel && e.isNoteOn()).toList();
    }

    @Test
    void type1FileWithATempoTrackAndOneTrackPerChannel() {
        assertThat(new String(bytes, 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("MThd");
        assertThat(bytes[9]).as("format").isEqualTo((byte) 1);
        assertThat(bytes[11]).as("tracks").isEqualTo((byte) 3);
        assertThat(song.name()).isEqualTo("Loophole Demo");
        assertThat(song.tempoMap().ppq()).isEqualTo(480);
    }

    @Test
    void aboutThirtySecondsWithTempoChanges() {
        TempoMap t = song.tempoMap();
        assertThat(t.changes()).hasSizeGreaterThanOrEqualTo(3); // the initial tempo and at least two changes
        assertThat(t.changes()).extracting(TempoMap.Change::tick).containsExactly(0L, 4L * 1920, 8L * 1920, 12L * 1920);
        assertThat(t.bpmAt(0)).isEqualTo(96.0);
        assertThat(t.bpmAt(5 * 1920)).isCloseTo(104.0, org.assertj.core.api.Assertions.within(0.001));
        assertThat(song.lengthSeconds()).isBetween(28.0, 34.0);
        assertThat(song.lastTick()).isEqualTo(13L * 1920);
        assertThat(song.lengthSeconds()).isCloseTo(10.0 + 16 * 60 / 104.0 + 16 * 60 / 112.0 + 4 * 60 / 88.0, org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void keysOnChannel1WithPedalAndPitchBendDrumsOnChannel10() {
        assertThat(song.events()).extracting(MidiEvent::channel).containsOnly(0, 9);
        assertThat(on(0)).hasSizeGreaterThan(100);
        assertThat(on(9)).hasSizeGreaterThan(100);
        List<MidiEvent> pedal = song.events().stream().filter(e -> e.command() == 0xB0 && e.data1() == 64).toList();
        assertThat(pedal).allMatch(e -> e.channel() == 0);
        assertThat(pedal).extracting(MidiEvent::data2).contains(0, 127);
        assertThat(pedal.getLast().data2()).as("the pedal ends up").isZero();
        List<MidiEvent> bends = song.events().stream().filter(e -> e.command() == 0xE0).toList();
        assertThat(bends).isNotEmpty().allMatch(e -> e.channel() == 0);
        assertThat(bends.getFirst().data2() << 7 | bends.getFirst().data1()).isEqualTo(4096);
        assertThat(bends.getLast().data2() << 7 | bends.getLast().data1()).as("the wheel returns to centre").isEqualTo(8192);
    }

    @Test
    void everyDrumIsPlayedAndOpenHatsAreCutByClosedHats() {
        Set<Integer> keys = new TreeSet<>();
        for (MidiEvent e : on(9)) keys.add(e.data1());
        assertThat(keys).containsExactly(36, 38, 41, 42, 44, 45, 46, 48);
        int cut = 0;
        for (MidiEvent open : on(9)) {
            if (open.data1() != 46) continue;
            // the next hat after an open hat, within a beat
            MidiEvent next = on(9).stream().filter(e -> e.tick() > open.tick() && (e.data1() == 42 || e.data1() == 44 || e.data1() == 46))
                    .findFirst().orElse(null);
            if (next != null && next.data1() == 42 && next.tick() - open.tick() <= 480) cut++;
        }
        assertThat(cut).isGreaterThanOrEqualTo(8);
    }

    @Test
    void velocitiesReachEveryLayer() {
        Set<Integer> keyLayers = new TreeSet<>(), drumLayers = new TreeSet<>();
        for (MidiEvent e : on(0)) for (int l = 0; l < 3; l++) if (e.data2() >= SfzText.KEYS_VELOCITY[l][0] && e.data2() <= SfzText.KEYS_VELOCITY[l][1]) keyLayers.add(l);
        for (MidiEvent e : on(9)) for (int l = 0; l < 2; l++) if (e.data2() >= SfzText.DRUMS_VELOCITY[l][0] && e.data2() <= SfzText.DRUMS_VELOCITY[l][1]) drumLayers.add(l);
        assertThat(keyLayers).containsExactly(0, 1, 2);
        assertThat(drumLayers).containsExactly(0, 1);
    }

    @Test
    void everyNoteEndsAndNoNoteIsCutByItsOwnRestrike() {
        Map<Integer, Integer> sounding = new HashMap<>();
        for (MidiEvent e : song.events()) {
            int id = e.channel() << 8 | e.data1();
            if (e.isNoteOn()) {
                assertThat(sounding.getOrDefault(id, 0)).as("%s struck while still held", e).isZero();
                sounding.merge(id, 1, Integer::sum);
            } else if (e.isNoteOff()) {
                assertThat(sounding.getOrDefault(id, 0)).as("%s without a note-on", e).isOne();
                sounding.merge(id, -1, Integer::sum);
            }
        }
        assertThat(sounding.values()).containsOnly(0);
    }

    @Test
    void melodyStaysAboveTheChordsAndInKey() {
        // C major plus the C# of A7: nothing else
        Set<Integer> pitchClasses = new TreeSet<>();
        for (MidiEvent e : on(0)) pitchClasses.add(e.data1() % 12);
        assertThat(pitchClasses).isSubsetOf(0, 1, 2, 4, 5, 7, 9, 11);
        assertThat(DemoSong.key("C4")).isEqualTo(60);
        assertThat(DemoSong.key("C#5")).isEqualTo(73);
        assertThat(DemoSong.key("Bb3")).isEqualTo(58);
    }

    @Test
    void theSongIsTheSameEveryTime() throws IOException {
        Path again = dir.resolve("again.mid");
        dev.loophole.formats.midi.SmfWriter.write(DemoSong.build(), again);
        assertThat(Files.readAllBytes(again)).isEqualTo(bytes);
    }
}
