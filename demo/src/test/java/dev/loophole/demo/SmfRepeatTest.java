package dev.loophole.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.formats.midi.SmfException;
import dev.loophole.formats.midi.SmfWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.SysexMessage;
import javax.sound.midi.Track;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The repeated file read back with the JDK's own MIDI reader (javax.sound.midi), against the original read the same way. */
class SmfRepeatTest {
    /** The GM band song cut to 4 bars, as SmfWriter writes it (running status, every track ending at the last tick). */
    static byte[] band() throws Exception { return SmfWriter.toBytes(GmSongs.band(4), "band"); }

    /** Two tracks written by javax: 120 BPM, then 60 BPM from tick 960 (a tempo map that must restart with each copy),
     *  a GM-reset sysex, a text meta, notes ending before the conductor track's end. */
    static byte[] tempoAndSysex() throws Exception {
        Sequence s = new Sequence(Sequence.PPQ, 480);
        Track conductor = s.createTrack(), notes = s.createTrack();
        conductor.add(new MidiEvent(new MetaMessage(0x51, new byte[] {0x07, (byte) 0xA1, 0x20}, 3), 0));
        conductor.add(new MidiEvent(new MetaMessage(0x51, new byte[] {0x0F, 0x42, 0x40}, 3), 960));
        conductor.add(new MidiEvent(new MetaMessage(0x01, "verse".getBytes(), 5), 1000));
        conductor.add(new MidiEvent(new MetaMessage(0x2F, new byte[0], 0), 2400));
        byte[] reset = {(byte) 0xF0, 0x7E, 0x7F, 0x09, 0x01, (byte) 0xF7};
        notes.add(new MidiEvent(new SysexMessage(reset, reset.length), 0));
        for (int i = 0; i < 8; i++) {
            notes.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 2, 60 + i, 100), 240L * i));
            notes.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 2, 60 + i, 0), 240L * i + 200));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MidiSystem.write(s, 1, out);
        return out.toByteArray();
    }

    static Sequence read(byte[] smf) throws Exception { return MidiSystem.getSequence(new ByteArrayInputStream(smf)); }

    /** Every event but end-of-track, as "tick hex-bytes". */
    static List<String> events(Track t, long shift) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            MidiEvent e = t.get(i);
            byte[] m = e.getMessage().getMessage();
            if (m.length >= 2 && (m[0] & 0xFF) == 0xFF && m[1] == 0x2F) continue;
            out.add((e.getTick() + shift) + " " + HexFormat.of().formatHex(Arrays.copyOf(m, e.getMessage().getLength())));
        }
        return out;
    }

    static List<Long> noteOnTicks(Sequence s) {
        List<Long> ticks = new ArrayList<>();
        for (Track t : s.getTracks())
            for (int i = 0; i < t.size(); i++)
                if (t.get(i).getMessage() instanceof ShortMessage m && m.getCommand() == ShortMessage.NOTE_ON && m.getData2() > 0)
                    ticks.add(t.get(i).getTick());
        ticks.sort(null);
        return ticks;
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    void theBandSongRepeatedHasNTimesItsNotesItsLengthAndEachCopyShiftedBySongLength(int n) throws Exception {
        check(band(), n);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3})
    void aTempoMapAndSysexAreKeptAndRestartWithEachCopy(int n) throws Exception {
        check(tempoAndSysex(), n);
        Sequence one = read(tempoAndSysex());
        assertThat(one.getMicrosecondLength()).as("960 ticks at 120 BPM, 1440 at 60 BPM").isEqualTo(1_000_000 + 3_000_000);
    }

    private static void check(byte[] smf, int n) throws Exception {
        Sequence one = read(smf), many = read(SmfRepeat.repeat(smf, n, "song"));
        long song = one.getTickLength();
        List<Long> on1 = noteOnTicks(one), onN = noteOnTicks(many);
        assertThat(on1).isNotEmpty();
        assertThat(onN).hasSize(n * on1.size());
        assertThat(onN.getLast()).isEqualTo(on1.getLast() + (n - 1) * song);
        assertThat(many.getTickLength()).isEqualTo(n * song);
        assertThat(many.getMicrosecondLength()).as("the tempo map plays again with each copy").isEqualTo(n * one.getMicrosecondLength());
        assertThat(many.getResolution()).isEqualTo(one.getResolution());
        assertThat(many.getTracks()).hasSameSizeAs(one.getTracks());
        for (int t = 0; t < one.getTracks().length; t++) {
            List<String> expected = new ArrayList<>();
            for (int r = 0; r < n; r++) expected.addAll(events(one.getTracks()[t], r * song));
            assertThat(events(many.getTracks()[t], 0)).as("track %d", t).isEqualTo(expected);
        }
    }

    @Test
    void badInputNamesTheFileTheTrackAndWhatWasExpected() throws Exception {
        byte[] smf = band();
        byte[] cut = Arrays.copyOf(smf, smf.length - 5); // the last track's length now runs past the end
        assertThatThrownBy(() -> SmfRepeat.repeat(cut, 2, "x.mid")).isInstanceOf(SmfException.class)
                .hasMessageStartingWith("x.mid: track truncated: its length says").hasMessageContaining("remain");
        byte[] format2 = smf.clone();
        format2[9] = 2;
        assertThatThrownBy(() -> SmfRepeat.repeat(format2, 2, "y.mid")).hasMessage("y.mid: SMF format 2: expected 0 or 1 (one song whose tracks play together) (at byte 8)");
        assertThatThrownBy(() -> SmfRepeat.repeat(smf, 0, "z.mid")).hasMessage("z.mid: cannot repeat a song 0 times: expected 1 or more");
        byte[] noStatus = smf.clone();
        int body = 14 + 8; // the first track's first event: delta 0, then FF 03 (its name)
        noStatus[body + 1] = 0x03;
        assertThatThrownBy(() -> SmfRepeat.repeat(noStatus, 2, "w.mid"))
                .hasMessage("w.mid: expected a status byte, found data byte 0x03 and there is no running status (track 0, at byte 23)");
        // the header announces a track more than the file holds: refused, as the song reader refuses it
        byte[] oneShort = tempoAndSysex();
        int second = 14 + 8 + (int) ((oneShort[18] & 0xFFL) << 24 | (oneShort[19] & 0xFF) << 16 | (oneShort[20] & 0xFF) << 8 | (oneShort[21] & 0xFF));
        byte[] cutTrack = Arrays.copyOf(oneShort, second);
        assertThatThrownBy(() -> SmfRepeat.repeat(cutTrack, 2, "v.mid"))
                .hasMessageStartingWith("v.mid: file ends after 1 of the 2 tracks the header announces");
    }

    /** No tempo at tick 0 (120 BPM until tick 960 by the standard's default), then 60 BPM: 4 s of song. */
    static byte[] tempoLate() throws Exception {
        Sequence s = new Sequence(Sequence.PPQ, 480);
        Track conductor = s.createTrack(), notes = s.createTrack();
        conductor.add(new MidiEvent(new MetaMessage(0x51, new byte[] {0x0F, 0x42, 0x40}, 3), 960));
        conductor.add(new MidiEvent(new MetaMessage(0x2F, new byte[0], 0), 2400));
        notes.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, 0, 60, 100), 0));
        notes.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, 0, 60, 0), 2000));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MidiSystem.write(s, 1, out);
        return out.toByteArray();
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void aSongWithoutATempoAtItsStartStartsEachCopyAt120Bpm(int n) throws Exception {
        Sequence one = read(tempoLate()), many = read(SmfRepeat.repeat(tempoLate(), n, "late"));
        assertThat(one.getMicrosecondLength()).as("960 ticks at 120 BPM, 1440 at 60 BPM").isEqualTo(4_000_000);
        assertThat(many.getMicrosecondLength()).isEqualTo(n * 4_000_000L);
        assertThat(noteOnTicks(many)).containsExactly(java.util.stream.LongStream.range(0, n).map(r -> r * 2400).boxed().toArray(Long[]::new));
    }
}
