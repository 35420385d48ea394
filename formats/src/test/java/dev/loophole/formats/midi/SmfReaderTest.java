package dev.loophole.formats.midi;

import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.loophole.formats.midi.SmfBytes.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SmfReaderTest {
    private static MidiSong parse(byte[] b) throws SmfException { return SmfReader.parse(b, "t.mid"); }

    private static MidiEvent ev(long tick, int status, int d1, int d2, int track, long order) {
        return new MidiEvent(tick, status, d1, d2, track, order);
    }

    @Test
    void runningStatusAndVelocityZeroNoteOff() throws Exception {
        byte[] b = header(0, 1, 96).track(
                "00 90 3C 64" +   // note on C4
                "60 3C 00" +      // running status: note on vel 0 = note off, 96 ticks later
                "00 40 50" +      // running status again: E4 on
                "30 80 40 40" +   // explicit note off
                "00 C1 05" +      // program change: one data byte
                "10 05" +         // running status with a one-byte message
                "00 B1 40 7F" +   // sustain pedal down
                "00 FF 2F 00").bytes();
        MidiSong s = parse(b);
        assertThat(s.events()).containsExactly(
                ev(0, 0x90, 60, 100, 0, 0),
                ev(96, 0x90, 60, 0, 0, 1),
                ev(96, 0x90, 64, 80, 0, 2),
                ev(144, 0x80, 64, 64, 0, 3),
                ev(144, 0xC1, 5, 0, 0, 4),
                ev(160, 0xC1, 5, 0, 0, 5),
                ev(160, 0xB1, 64, 127, 0, 6));
        assertThat(s.events().get(1).isNoteOff()).isTrue();
        assertThat(s.tempoMap().ppq()).isEqualTo(96);
        assertThat(s.tempoMap().changes()).containsExactly(new TempoMap.Change(0, TempoMap.DEFAULT_TEMPO));
        assertThat(s.name()).isEmpty();
    }

    @Test
    void tempoChangeMidSongGivesExactSeconds() throws Exception {
        byte[] b = header(1, 2, 480)
                .track("00 FF 03 04 44 65 6D 6F" +      // track name "Demo"
                       "00 FF 51 03 07 A1 20" +         // 500000 µs = 120 BPM
                       "87 40 FF 51 03 0F 42 40" +      // at tick 960: 1000000 µs = 60 BPM
                       "00 FF 2F 00")
                .track("00 FF 03 04 4B 65 79 73" +      // "Keys" must not become the song name
                       "00 90 3C 64 8B 20 80 3C 40 00 FF 2F 00") // on at 0, off at 1440
                .bytes();
        MidiSong s = parse(b);
        assertThat(s.name()).isEqualTo("Demo");
        TempoMap t = s.tempoMap();
        assertThat(t.changes()).containsExactly(new TempoMap.Change(0, 500_000), new TempoMap.Change(960, 1_000_000));
        assertThat(t.seconds(480)).isEqualTo(0.5);
        assertThat(t.seconds(960)).isEqualTo(1.0);
        assertThat(t.seconds(1440)).isEqualTo(2.0);
        assertThat(t.frame(1440, 48_000)).isEqualTo(96_000);
        assertThat(s.events()).containsExactly(ev(0, 0x90, 60, 100, 1, 0), ev(1440, 0x80, 60, 64, 1, 1));
        assertThat(s.lengthSeconds()).isEqualTo(2.0);
    }

    @Test
    void tempoFromAnyTrackAndSameTickOrderFollowsTracks() throws Exception {
        byte[] b = header(1, 3, 100)
                .track("00 FF 2F 00")
                .track("00 91 40 64 64 FF 51 03 03 D0 90 00 FF 2F 00") // tempo 250000 at tick 100
                .track("00 92 24 64 00 92 26 64 00 FF 2F 00")
                .bytes();
        MidiSong s = parse(b);
        assertThat(s.tempoMap().changes()).containsExactly(new TempoMap.Change(0, 500_000), new TempoMap.Change(100, 250_000));
        assertThat(s.tempoMap().seconds(300)).isEqualTo(1.0);
        assertThat(s.events()).extracting(MidiEvent::track, MidiEvent::data1)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 0x40), org.assertj.core.groups.Tuple.tuple(2, 0x24),
                        org.assertj.core.groups.Tuple.tuple(2, 0x26));
        assertThat(s.events()).extracting(MidiEvent::order).containsExactly(0L, 1L, 2L);
    }

    @Test
    void sysexOtherMetasAndUnknownChunksAreSkipped() throws Exception {
        byte[] b = header(1, 1, 96)
                .chunk("XYZW", SmfBytes.hex("01 02 03"))
                .track("00 F0 03 43 12 F7" +             // sysex
                       "00 F7 02 F3 01" +                // escape sequence
                       "00 FF 58 04 04 02 18 08" +        // time signature
                       "00 FF 7F 00" +                    // empty sequencer-specific
                       "00 E0 00 40" +                    // pitch bend centre
                       "00 FF 2F 00" +
                       "00 90 3C 64")                     // after end of track: ignored
                .chunk("junk", new byte[0])
                .bytes();
        assertThat(parse(b).events()).containsExactly(ev(0, 0xE0, 0, 64, 0, 0));
    }

    @Test
    void trackWithoutEndOfTrackEndsAtChunkEnd() throws Exception {
        MidiSong s = parse(header(0, 1, 96).track("00 90 3C 64 60 80 3C 00").bytes());
        assertThat(s.events()).hasSize(2);
        assertThat(s.lastTick()).isEqualTo(96);
    }

    @Test
    void smpteDivisionIgnoresTempo() throws Exception {
        // E7 = -25 fps, 40 ticks per frame = 1000 ticks per second
        MidiSong s = parse(header(0, 1, 0xE728).track("00 FF 51 03 0F 42 40 00 90 3C 64 87 68 80 3C 00").bytes());
        assertThat(s.tempoMap().seconds(1000)).isEqualTo(1.0);
        assertThat(s.lengthSeconds()).isEqualTo(1.0);
        MidiSong drop = parse(header(0, 1, 0xE302).track("00 FF 2F 00").bytes()); // -29: 29.97 drop frame
        assertThat(drop.tempoMap().seconds(2 * 30_000L)).isCloseTo(1001.0, within(1e-9));
    }

    @Test
    void aWalkSeesEveryEventsBytesAndEachTracksEnd() throws Exception {
        byte[] b = header(2, 2, 96)
                .track("00 F0 03 43 12 F7" +              // sysex: its status at byte 23 of the file, data 25..27
                       "10 C5 07" +                       // program change: one data byte
                       "20 FF 2F 00")                      // end of track at tick 48
                .track("00 90 3E 64 30 3E 00")             // running status, no end-of-track: ends at its last event
                .bytes();
        List<String> seen = new java.util.ArrayList<>();
        SmfReader.walk(b, "w.mid", new SmfReader.Walk() {
            @Override public void header(int format, int tracks, int division) { seen.add("header " + format + " " + tracks + " " + division); }
            @Override public void channel(int track, long tick, int status, int d1, int d2) {
                seen.add(String.format("t%d @%d %02X %d %d", track, tick, status, d1, d2));
            }
            @Override public void other(int track, long tick, int type, int at, int dataAt, int end) {
                seen.add(String.format("t%d @%d type %d [%d %d %d) %02X", track, tick, type, at, dataAt, end, b[at] & 0xFF));
            }
            @Override public void trackEnd(int track, long tick) { seen.add("t" + track + " ends @" + tick); }
        });
        assertThat(seen).containsExactly(
                "header 2 2 96",
                "t0 @0 type -1 [23 25 28) F0",
                "t0 @16 C5 7 -1",
                "t0 @48 type 47 [32 35 35) FF",
                "t0 ends @48",
                "t1 @48 90 62 100", // a type 2 file's second track starts where the first ended
                "t1 @96 90 62 0",
                "t1 ends @96");
    }

    @Test
    void type2TracksPlayOneAfterAnother() throws Exception {
        byte[] b = header(2, 2, 96)
                .track("00 90 3C 64 60 80 3C 00 00 FF 2F 00")
                .track("00 90 3E 64 30 80 3E 00 00 FF 2F 00")
                .bytes();
        assertThat(parse(b).events()).extracting(MidiEvent::tick).containsExactly(0L, 96L, 96L, 144L);
    }

    @Test
    void readFromFileFallsBackToFileNameForTheSongName(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("groove.mid");
        Files.write(f, header(0, 1, 96).track("00 FF 2F 00").bytes());
        assertThat(SmfReader.read(f).name()).isEqualTo("groove");
    }

    // ---- errors: file, place and expectation in the message --------------------------------

    @Test
    void notAMidiFile() {
        byte[] riff = "RIFF\0\0\0\4WAVE".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> parse(riff)).isInstanceOf(SmfException.class)
                .hasMessage("t.mid: not a MIDI file: expected 'MThd', found 'RIFF' (at byte 0)");
        assertThatThrownBy(() -> parse(new byte[0])).hasMessageContaining("expected 'MThd'").hasMessageContaining("the end of the file");
    }

    @Test
    void truncatedTrackLength() {
        byte[] b = header(0, 1, 96).raw("4D 54 72 6B 00 00 01 00 00 90 3C").bytes(); // says 256 bytes, has 3
        assertThatThrownBy(() -> parse(b)).isInstanceOf(SmfException.class)
                .hasMessage("t.mid: track truncated: its length says 256 bytes but only 3 remain (track 0, at byte 18)")
                .satisfies(e -> {
                    SmfException x = (SmfException) e;
                    assertThat(x.track()).isZero();
                    assertThat(x.offset()).isEqualTo(18);
                    assertThat(x.source()).isEqualTo("t.mid");
                });
    }

    @Test
    void truncatedEvent() {
        assertThatThrownBy(() -> parse(header(0, 1, 96).track("00 90 3C").bytes()))
                .hasMessage("t.mid: track truncated: expected a data byte (track 0, at byte 25)");
    }

    @Test
    void vlqTooLong() {
        assertThatThrownBy(() -> parse(header(0, 1, 96).track("FF FF FF FF 00 90 3C 64").bytes()))
                .hasMessage("t.mid: variable-length delta time is longer than 4 bytes (track 0, at byte 22)");
    }

    @Test
    void dataByteWithoutRunningStatus() {
        assertThatThrownBy(() -> parse(header(0, 1, 96).track("00 3C 64").bytes()))
                .hasMessage("t.mid: expected a status byte, found data byte 0x3C and there is no running status (track 0, at byte 23)");
    }

    @Test
    void metaAndSysexCancelRunningStatus() {
        byte[] afterMeta = header(0, 1, 96).track("00 90 3C 64 00 FF 01 01 41 00 3C 00").bytes();
        assertThatThrownBy(() -> parse(afterMeta)).hasMessageContaining("no running status").hasMessageContaining("at byte 32");
        byte[] afterSysex = header(0, 1, 96).track("00 90 3C 64 00 F0 01 F7 00 3C 00").bytes();
        assertThatThrownBy(() -> parse(afterSysex)).hasMessageContaining("no running status").hasMessageContaining("at byte 31");
    }

    @Test
    void lyingMetaLengthIsRefusedWithoutAllocating() {
        // a text meta claiming 0x0FFFFFFF bytes inside a 12-byte track
        assertThatThrownBy(() -> parse(header(0, 1, 96).track("00 FF 01 FF FF FF 7F 41 42 43 44 45").bytes()))
                .hasMessage("t.mid: track truncated: meta event length says 268435455 bytes but only 5 remain in the track (track 0, at byte 25)");
    }

    @Test
    void headerProblems() {
        assertThatThrownBy(() -> parse(header(0, 2, 96).track("00 FF 2F 00").track("00 FF 2F 00").bytes()))
                .hasMessage("t.mid: SMF format 0 must have 1 track, the header says 2 (at byte 10)");
        assertThatThrownBy(() -> parse(header(1, 3, 96).track("00 FF 2F 00").bytes()))
                .hasMessage("t.mid: file ends after 1 of the 3 tracks the header announces (track 1, at byte 26)");
        assertThatThrownBy(() -> parse(header(3, 1, 96).bytes())).hasMessageContaining("unknown SMF format 3");
        assertThatThrownBy(() -> parse(header(1, 1, 0).bytes())).hasMessageContaining("division of 0");
        assertThatThrownBy(() -> parse(header(1, 1, 0xE700).bytes())).hasMessageContaining("0 ticks per frame");
        assertThatThrownBy(() -> parse(header(1, 1, 0x9C10).bytes())).hasMessageContaining("100 frames per second");
        assertThatThrownBy(() -> parse(header(1, 1, 96).raw("00 01 02 03 00 00 00 00").bytes()))
                .hasMessage("t.mid: expected a chunk ('MTrk'), found bytes 00 01 02 03 (at byte 14)");
    }

    @Test
    void badEventContents() {
        assertThatThrownBy(() -> parse(header(0, 1, 96).track("00 90 3C 90").bytes()))
                .hasMessage("t.mid: expected a data byte (below 0x80), found 0x90 (track 0, at byte 25)");
        assertThatThrownBy(() -> parse(header(0, 1, 96).track("00 F3 01").bytes()))
                .hasMessageContaining("status byte 0xF3 is not allowed");
        assertThatThrownBy(() -> parse(header(0, 1, 96).track("00 FF 51 02 01 02").bytes()))
                .hasMessageContaining("tempo meta event has 2 data bytes: expected 3");
        assertThatThrownBy(() -> parse(header(0, 1, 96).track("00 FF 51 03 00 00 00").bytes()))
                .hasMessageContaining("tempo of 0");
    }

    @Test
    void oversizedFileIsRefusedBeforeReading(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("huge.mid");
        try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[1]), SmfReader.MAX_FILE_BYTES); // sparse
        }
        assertThatThrownBy(() -> SmfReader.read(f)).isInstanceOf(SmfException.class).hasMessageContaining("huge.mid").hasMessageContaining("more than");
    }
}
