package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.media.WavReader;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code --max-length}: a song past the limit is refused up front, naming the file, the event and its time. */
class SongLengthTest {
    static final long DAMAGED_DELTA = 0x0FFFFFFF; // the largest delta a variable-length quantity can hold
    @TempDir Path dir;
    Path lead;

    @BeforeEach
    void setUp() throws Exception {
        lead = RenderCommandTest.lead(dir, "ampeg_release=0.01");
    }

    /** 480 ppq at the default 120 BPM: a tick is 1/960 s. Two notes, the second {@code gapTicks} after the first ends. */
    Path song(String name, long gapTicks) throws Exception {
        Path p = dir.resolve(name);
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), List.of(
                new MidiEvent(0, 0x90, 60, 90, 0, 0), new MidiEvent(480, 0x80, 60, 0, 0, 1),
                new MidiEvent(480 + gapTicks, 0x90, 64, 90, 0, 2), new MidiEvent(960 + gapTicks, 0x80, 64, 0, 0, 3))), p);
        return p;
    }

    @Test
    @Timeout(60) // a hang guard only: the render this replaces took hours
    void aDamagedDeltaTimeFailsBeforeRenderingAndNamesTheEvent() throws Exception {
        // One track, 480 ppq: note-on 60 at 0, note-off at 480, then a delta of 0x0FFFFFFF (FF FF FF 7F) before note-on 64.
        Path midi = dir.resolve("damaged.mid");
        Files.write(midi, HexFormat.of().parseHex("4d546864" + "00000006" + "0000" + "0001" + "01e0"
                + "4d54726b" + "00000019" + "00" + "903c5a" + "8360" + "803c00" + "ffffff7f" + "90405a" + "8360" + "804000" + "00ff2f00"));
        // Tick 480 + 0x0FFFFFFF = 268435935, at 1/960 s per tick 279620.77 s = 77 h 40 min 20.8 s.
        String expected = "loophole: " + midi + ": note-on key 64 velocity 90 on channel 1 (track 0, tick 268435935) is at 77:40:20.8,"
                + " past --max-length 1:00:00.0; a damaged delta time? Raise --max-length to play it anyway";
        Path out = dir.resolve("out.wav");
        CliRun run = CliRun.of("render", "--midi", midi.toString(), "--instrument", lead.toString(), "--out", out.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(expected);
        assertThat(Files.exists(out)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
        // The live path refuses the same song before any audio opens (no JACK server of that name exists).
        run = CliRun.of("play", lead.toString(), "--song", midi.toString(), "--driver", "jack", "--jack-server", "loophole-test-none");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly(expected);
    }

    @Test
    void theLimitIsTheUsersToRaise() throws Exception {
        // The second note starts 70 s in: 480 + 66720 ticks = 67200 ticks = 70 s.
        Path midi = song("long.mid", 66_720);
        Path out = dir.resolve("long.wav");
        CliRun run = CliRun.of("render", "--midi", midi.toString(), "--instrument", lead.toString(), "--out", out.toString(),
                "--max-length", "1:00", "--quality", "linear");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("note-on key 64 velocity 90 on channel 1 (track 1, tick 67200) is at 1:10.0, past --max-length 1:00.0");

        run = CliRun.of("render", "--midi", midi.toString(), "--instrument", lead.toString(), "--out", out.toString(),
                "--max-length", "2m", "--quality", "linear", "--tail", "0", "--verbose");
        assertThat(run.status()).as(run.err()).isZero();
        // Said up front: the last event (the note-off at 67680 ticks = 70.5 s).
        assertThat(run.err()).contains("long.mid: 1:10.5 of music, 4 events; rendering to " + out);
        assertThat(WavReader.read(out).frames()).as("70.5 s × 48000, and the frame of the last event").isEqualTo(3_384_000 + 1);

        run = CliRun.of("render", "--midi", midi.toString(), "--instrument", lead.toString(), "--out", out.toString(),
                "--max-length", "75", "--tail", "10");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("loophole: --tail 10.0 after the song's 1:10.5 runs past --max-length 1:15.0");
    }

    @ParameterizedTest(name = "{0} = {1} s")
    @CsvSource({"90, 90", "1:30, 90", "1:00:00, 3600", "2h, 7200", "30m, 1800", "45s, 45", "0.5, 0.5", "24h, 86400"})
    void maxLengthReadsSecondsAndClockTimes(String text, double seconds) {
        assertThat(new SongLength.Seconds().convert(text)).isEqualTo(seconds);
    }

    @Test
    void clockTimesRoundToATenth() {
        assertThat(SongLength.clock(0)).isEqualTo("0:00.0");
        assertThat(SongLength.clock(59.96)).isEqualTo("1:00.0");
        assertThat(SongLength.clock(3600)).isEqualTo("1:00:00.0");
        assertThat(SongLength.clock(36_000 + 61.25)).isEqualTo("10:01:01.3");
    }
}
