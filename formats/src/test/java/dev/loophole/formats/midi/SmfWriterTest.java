package dev.loophole.formats.midi;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmfWriterTest {
    /** A song touching every kind of channel message, three channels and three tempos. */
    static MidiSong richSong() {
        List<MidiEvent> ev = new ArrayList<>();
        long[] order = {0};
        java.util.function.BiConsumer<Long, int[]> add = (tick, m) -> ev.add(new MidiEvent(tick, m[0], m[1], m[2], 0, order[0]++));
        for (int bar = 0; bar < 8; bar++) {
            long t = bar * 1920L;
            add.accept(t, new int[] {0xC0, bar, 0});
            for (int k : new int[] {60, 64, 67}) add.accept(t, new int[] {0x90, k + bar % 3, 70 + bar});
            add.accept(t + 10, new int[] {0xB0, 64, 127});
            add.accept(t + 480, new int[] {0xE0, bar * 9 % 128, 64 + bar});
            add.accept(t + 500, new int[] {0xD0, 33, 0});
            add.accept(t + 600, new int[] {0xA0, 60, 12});
            for (int k : new int[] {60, 64, 67}) add.accept(t + 1800, new int[] {0x80, k + bar % 3, 64});
            add.accept(t + 1900, new int[] {0xB0, 64, 0});
            for (int s = 0; s < 8; s++) {
                add.accept(t + s * 240L, new int[] {0x99, s % 2 == 0 ? 36 : 42, 100});
                add.accept(t + s * 240L + 120, new int[] {0x99, s % 2 == 0 ? 36 : 42, 0});
            }
            add.accept(t + 960, new int[] {0x93, 40, 90});
            add.accept(t + 1440, new int[] {0x93, 40, 0});
        }
        TempoMap tempo = new TempoMap(480, List.of(new TempoMap.Change(0, 500_000), new TempoMap.Change(3840, 600_000), new TempoMap.Change(9600, 428_571)));
        return new MidiSong("Rich", tempo, ev);
    }

    private static List<List<Integer>> channelSequence(MidiSong s, int channel) {
        return s.events().stream().filter(e -> e.channel() == channel)
                .map(e -> List.of((int) e.tick(), e.status(), e.data1(), e.data2())).toList();
    }

    @Test
    void exactBytesOfASmallSong() throws Exception {
        MidiSong s = new MidiSong("Hi", new TempoMap(96, List.of()),
                List.of(new MidiEvent(0, 0x90, 60, 100, 0, 0), new MidiEvent(96, 0x80, 60, 64, 0, 1), new MidiEvent(96, 0x80, 64, 64, 0, 2)));
        assertThat(SmfWriter.toBytes(s, "x")).isEqualTo(SmfBytes.hex(
                "4D546864 00000006 0001 0002 0060" +
                "4D54726B 00000011 00FF0302 4869 00FF5103 07A120 60FF2F00" +
                "4D54726B 0000001C 00FF0309 4368616E6E656C2031 00903C64 60803C40 00 4040 00FF2F00"));
    }

    @Test
    void fileFromBodiesKeepsFormatDivisionAndEachBodysLength() {
        byte[] one = SmfBytes.hex("00903C64 8360803C40 00FF2F00"), two = SmfBytes.hex("00FF2F00");
        assertThat(SmfWriter.file(0, 0x1E0, List.of(one))).isEqualTo(SmfBytes.hex(
                "4D546864 00000006 0000 0001 01E0 4D54726B 0000000D 00903C64 8360803C40 00FF2F00"));
        assertThat(SmfWriter.file(1, 96, List.of(two, one))).isEqualTo(SmfBytes.hex(
                "4D546864 00000006 0001 0002 0060 4D54726B 00000004 00FF2F00 4D54726B 0000000D 00903C64 8360803C40 00FF2F00"));
    }

    @Test
    void variableLengthQuantities() {
        long[] values = {0, 0x7F, 0x80, 0x2000, 0x3FFF, 0x4000, 0x200000, 0x0FFFFFFF};
        String[] hex = {"00", "7F", "8100", "C000", "FF7F", "818000", "81808000", "FFFFFF7F"};
        for (int i = 0; i < values.length; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SmfWriter.vlq(out, values[i]);
            assertThat(out.toByteArray()).as("VLQ of %d", values[i]).isEqualTo(SmfBytes.hex(hex[i]));
        }
    }

    @Test
    void roundTripKeepsEveryChannelsEventsTempoAndName(@TempDir Path dir) throws Exception {
        MidiSong song = richSong();
        Path f = dir.resolve("rich.mid");
        SmfWriter.write(song, f);
        MidiSong back = SmfReader.read(f);
        assertThat(back.name()).isEqualTo("Rich");
        assertThat(back.tempoMap().ppq()).isEqualTo(480);
        assertThat(back.tempoMap().changes()).isEqualTo(song.tempoMap().changes());
        assertThat(back.events()).hasSameSizeAs(song.events()).hasSize(8 * 30);
        for (int c = 0; c < 16; c++) assertThat(channelSequence(back, c)).as("channel %d", c).isEqualTo(channelSequence(song, c));
        // tracks: 0 tempo, then channels 0, 3, 9 in channel order
        assertThat(back.events().stream().filter(e -> e.channel() == 9).allMatch(e -> e.track() == 3)).isTrue();
        assertThat(back.lengthSeconds()).isEqualTo(song.lengthSeconds());
        // writing what was read gives the same bytes
        assertThat(SmfWriter.toBytes(back, "again")).isEqualTo(java.nio.file.Files.readAllBytes(f));
    }

    @Test
    void refusesWhatAMidiFileCannotHold() {
        TempoMap t = new TempoMap(96, List.of());
        assertThatThrownBy(() -> SmfWriter.toBytes(new MidiSong("", t, List.of(new MidiEvent(0, 0xF0, 0, 0, 0, 0))), "x.mid"))
                .isInstanceOf(SmfException.class).hasMessageContaining("x.mid").hasMessageContaining("status 0xF0");
        assertThatThrownBy(() -> SmfWriter.toBytes(new MidiSong("", t, List.of(new MidiEvent(0, 0x90, 128, 0, 0, 0))), "x.mid"))
                .hasMessageContaining("expected 0–127");
        assertThatThrownBy(() -> SmfWriter.toBytes(new MidiSong("", t, List.of(new MidiEvent(1L << 30, 0x90, 1, 0, 0, 0))), "x.mid"))
                .hasMessageContaining("outside");
        assertThatThrownBy(() -> SmfWriter.toBytes(new MidiSong("", TempoMap.smpte(25, 40), List.of()), "x.mid"))
                .hasMessageContaining("SMPTE");
    }

    // ---- cross-check against the JDK's own SMF reader and writer ----------------------------

    @Test
    void javaSoundReadsWhatWeWrite(@TempDir Path dir) throws Exception {
        MidiSong song = richSong();
        Path f = dir.resolve("x.mid");
        SmfWriter.write(song, f);
        Sequence seq = MidiSystem.getSequence(f.toFile());
        assertThat(seq.getDivisionType()).isEqualTo(Sequence.PPQ);
        assertThat(seq.getResolution()).isEqualTo(480);
        assertThat(seq.getTracks()).hasSize(4);
        List<List<Integer>> theirs = new ArrayList<>();
        List<Long> tempoTicks = new ArrayList<>();
        for (Track t : seq.getTracks())
            for (int i = 0; i < t.size(); i++) {
                MidiMessage m = t.get(i).getMessage();
                if (m instanceof ShortMessage sm)
                    theirs.add(List.of((int) t.get(i).getTick(), sm.getStatus(), sm.getData1(), sm.getData2()));
                else if (m instanceof MetaMessage mm && mm.getType() == 0x51) tempoTicks.add(t.get(i).getTick());
            }
        List<List<Integer>> ours = new ArrayList<>();
        for (int c = 0; c < 16; c++) ours.addAll(channelSequence(SmfReader.read(f), c));
        assertThat(theirs).isEqualTo(ours);
        assertThat(tempoTicks).containsExactly(0L, 3840L, 9600L);
    }

    @Test
    void weReadWhatJavaSoundWrites(@TempDir Path dir) throws Exception {
        Sequence seq = new Sequence(Sequence.PPQ, 240);
        Track conductor = seq.createTrack();
        conductor.add(new javax.sound.midi.MidiEvent(new MetaMessage(0x51, new byte[] {0x09, 0x27, (byte) 0xC0}, 3), 0)); // 600000 µs
        conductor.add(new javax.sound.midi.MidiEvent(new MetaMessage(0x51, new byte[] {0x07, (byte) 0xA1, 0x20}, 3), 960));
        Track notes = seq.createTrack();
        List<List<Integer>> expected = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            int key = 48 + (i * 7) % 24;
            notes.add(new javax.sound.midi.MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 2, key, 90), i * 120L));
            notes.add(new javax.sound.midi.MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 2, key, 0), i * 120L + 100));
            expected.add(List.of(i * 120, 0x92, key, 90));
            expected.add(List.of(i * 120 + 100, 0x92, key, 0));
        }
        Path f = dir.resolve("jdk.mid");
        MidiSystem.write(seq, 1, f.toFile());
        MidiSong song = SmfReader.read(f);
        assertThat(channelSequence(song, 2)).isEqualTo(expected);
        assertThat(song.tempoMap().changes()).containsExactly(new TempoMap.Change(0, 600_000), new TempoMap.Change(960, 500_000));
        assertThat(song.tempoMap().seconds(960 + 240)).isCloseTo(2.9, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(song.name()).isEqualTo("jdk");
    }
}
