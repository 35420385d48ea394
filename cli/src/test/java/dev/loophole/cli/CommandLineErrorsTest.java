package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a wrong command line, a folder where a file belongs, an empty instrument or a huge quote look like to the user. */
class CommandLineErrorsTest {
    @TempDir Path dir;
    Path song, lead;

    @BeforeEach
    void setUp() throws Exception {
        lead = RenderCommandTest.lead(dir, "ampeg_release=0.01");
        song = dir.resolve("song.mid");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), List.of(
                new MidiEvent(0, 0x90, 69, 100, 0, 0), new MidiEvent(480, 0x80, 69, 0, 0, 1))), song);
    }

    private CliRun render(String... extra) {
        List<String> args = new ArrayList<>(List.of("render", "--midi", song.toString(), "--instrument", lead.toString(),
                "--out", dir.resolve("out.wav").toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "--preload|0|--preload 0 is outside 64..16777216 frames",
            "--rate|12345|--rate 12345 is not supported; expected 44100, 48000 or 96000",
            "--bits|7|--bits 7 is not supported; expected 16 or 24 (or --float)",
            "--tail|-1|--tail -1.0 is outside 0..3600 seconds (--max-length)",
            "--quality|foo|--quality 'foo' is not known; expected one of nearest, linear, cubic, sinc8, sinc16, sinc32, sinc64",
            "--polyphony|0|--polyphony 0 is outside 1..4096 voices",
            "--gain|NaN|--gain NaN is outside -96..96 dB",
            "--max-length|0|Invalid value for option '--max-length': '0' is outside the accepted range: more than 0, up to 24h",
            "--max-length|an hour|Invalid value for option '--max-length': 'an hour' is not a length: expected seconds, M:SS, H:MM:SS, 90s, 30m or 2h",
    })
    void anOptionOutOfRangeIsAWrongCommandLineNamingTheOptionAndItsRange(String option, String value, String message) {
        CliRun run = render(option, value);
        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("loophole: " + message);
        assertThat(Files.exists(dir.resolve("out.wav"))).isFalse();
    }

    @Test
    void aPathNoFileSystemCanHoldIsAWrongCommandLine() {
        CliRun run = CliRun.of("render", "--midi", "song\u0000.mid", "--instrument", "1=\u0000", "--out", dir.resolve("o.wav").toString());
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("loophole: Invalid value for option '--")
                .contains("is not a file path: Nul character not allowed").doesNotContain("Exception");
    }

    @Test
    void aFolderGivenAsTheMidiFileIsSaidToBeAFolder() {
        CliRun run = CliRun.of("render", "--midi", dir.toString(), "--instrument", lead.toString(), "--out", dir.resolve("o.wav").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("loophole: " + dir + ": is a folder; expected a MIDI file (.mid)");
    }

    @Test
    void inspectOfAFolderNamedLikeABankIsSaidToBeAFolder() throws Exception {
        Path bank = Files.createDirectory(dir.resolve("d.sf2"));
        CliRun run = CliRun.of("inspect", bank.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("loophole: " + bank + ": is a folder; expected a SoundFont bank (.sf2, .sf3)");
    }

    @Test
    void anSfzWithoutARegionIsNamed() throws Exception {
        Path empty = dir.resolve("empty.sfz");
        Files.writeString(empty, "// a header and no region\n<control> default_path=./\n<group> volume=-3\n");
        CliRun run = render("--instrument", "10=" + empty); // the lead plays channel 1, the empty one channel 10
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: " + empty + " has no region; its channels stay silent");

        run = CliRun.of("render", "--midi", song.toString(), "--instrument", empty.toString(), "--out", dir.resolve("x.wav").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("loophole: nothing to render: " + empty + " has no region");
        assertThat(Files.exists(dir.resolve("x.wav"))).isFalse();
    }

    @Test
    void aRegionWhoseSampleIsMissingIsNamedWithItsWarning() throws Exception {
        Path gone = dir.resolve("gone.sfz");
        Files.writeString(gone, "<region> sample=missing.wav\n");
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", gone.toString(), "--out", dir.resolve("x.wav").toString());
        assertThat(run.status()).isEqualTo(1);
        List<String> lines = run.errLines();
        assertThat(lines.getFirst()).startsWith(gone + ":1:").contains("warning: ").contains("missing.wav");
        assertThat(lines.getLast()).isEqualTo("loophole: nothing to render: " + gone + ": none of its 1 region can play (see the warnings above)");
    }

    @Test
    void aMegabyteHeaderNameIsQuotedShort() throws Exception {
        Path huge = dir.resolve("huge.sfz");
        String name = "h".repeat(1 << 20);
        Files.writeString(huge, "<" + name + "> sample=a440.wav\n<region> sample=a440.wav\n");
        for (String command : List.of("render", "inspect")) {
            CliRun run = command.equals("render")
                    ? CliRun.of("render", "--midi", song.toString(), "--instrument", huge.toString(), "--out", dir.resolve("x.wav").toString())
                    : CliRun.of("inspect", huge.toString());
            assertThat(run.err()).as(command).contains("huge.sfz:1");
            for (String line : run.errLines())
                assertThat(line.length()).as(command + ": " + line.substring(0, Math.min(200, line.length()))).isLessThanOrEqualTo(ReadableText.LINE_MAX + 40);
        }
    }

    @Test
    void readableTextCutsQuotesLinesAndControlCharacters() {
        String q = "x".repeat(5000);
        assertThat(ReadableText.of("a.sfz:1:2: unknown header '" + q + "', expected <region>"))
                .isEqualTo("a.sfz:1:2: unknown header '" + "x".repeat(ReadableText.QUOTE_KEEP) + "…' (5000 characters), expected <region>");
        String line = ReadableText.of("y".repeat(10_000) + " the end");
        assertThat(line).hasSize(ReadableText.LINE_HEAD + ReadableText.LINE_TAIL + " … [9648 characters cut] … ".length())
                .startsWith("yyy").endsWith("y the end").contains("[9648 characters cut]");
        assertThat(ReadableText.of("bell\u0007 and escape\u001b[2J")).isEqualTo("bell\\x07 and escape\\x1B[2J");
        assertThat(ReadableText.of("short 'quote' stays")).isEqualTo("short 'quote' stays");
        // apostrophes in words are not quotes, and a short quote's closing mark opens nothing (a SoundFont warning was
        // cut from the end of 'Yamaha Grand Piano' to the apostrophe of "modLfo's")
        String words = "preset 125 'Yamaha Grand Piano', pdta/pbag[777] × pdta/ibag[2421]: v1 LFOs have no model home yet: "
                + "vibLfo is kept as pitchlfo_* and modLfo's volume and cutoff targets as amplfo_*/fillfo_*; modLfo's pitch target is LFO 1";
        assertThat(ReadableText.of(words)).isEqualTo(words);
        String bobs = "preset 'Bob's Piano " + "b".repeat(80) + "' has no zones";
        assertThat(ReadableText.of(bobs)).isEqualTo("preset 'Bob's Piano " + "b".repeat(ReadableText.QUOTE_KEEP - 12) + "…' (92 characters) has no zones");
        assertThat(ReadableText.of("\"" + "d".repeat(70) + "\", then ('" + "s".repeat(65) + "')"))
                .isEqualTo("\"" + "d".repeat(ReadableText.QUOTE_KEEP) + "…\" (70 characters), then ('" + "s".repeat(ReadableText.QUOTE_KEEP) + "…' (65 characters))");
        // a line of a megabyte of unclosed marks is cut in one pass (a regular expression retrying from each mark took minutes)
        String marks = " 'a".repeat(350_000);
        long t0 = System.nanoTime();
        assertThat(ReadableText.of(marks)).startsWith(" 'a 'a").contains("characters cut");
        assertThat((System.nanoTime() - t0) / 1e9).as("seconds for a line of 1,050,000 characters (a hang guard: 17 ms here)").isLessThan(20);
        assertThat(ReadableText.of("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14").lines().toList())
                .hasSize(ReadableText.MAX_LINES + 1).last().isEqualTo("… and 2 more lines");
    }

    @Test
    void aWrongCommandLineIsOneLineWithoutTheUsageScreen() {
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", lead.toString(), "--out", "x.wav", "--rate", "fast");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("loophole: Invalid value for option '--rate': 'fast' is not an int");
        run = CliRun.of("render", "--midi", song.toString(), "--instrument", lead.toString(), "--out", "x.wav", "--rat", "44100");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).startsWith("loophole: ").contains("--rat").contains("Possible solutions: --rate").doesNotContain("Usage:");
    }
}
