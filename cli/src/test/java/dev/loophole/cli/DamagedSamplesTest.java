package dev.loophole.cli;

import static dev.loophole.cli.RenderCommandTest.RATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.media.AudioData;
import dev.loophole.media.WavReader;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged samples are said, counted in the summary line, and with --strict fail the command. */
class DamagedSamplesTest {
    @TempDir Path dir;
    Path song, cut, kit;
    static final int KEPT = 12_000;

    @BeforeEach
    void setUp() throws Exception {
        // One second of 440 Hz as 32-bit float mono (4 bytes a frame, the data chunk last), cut after 12,000 frames
        // and two bytes of the next: a truncated download.
        Path whole = dir.resolve("whole.wav");
        RenderCommandTest.write(whole, RenderCommandTest.sine(440, RATE));
        byte[] bytes = Files.readAllBytes(whole);
        int dataStart = bytes.length - RATE * 4;
        cut = Files.write(dir.resolve("cut.wav"), Arrays.copyOf(bytes, dataStart + KEPT * 4 + 2));
        Files.writeString(dir.resolve("cut.sfz"), "<region> sample=cut.wav pitch_keycenter=69 ampeg_release=0.01\n");
        // A sample whose data chunk holds less than one frame, on channel 2.
        Files.write(dir.resolve("empty.wav"), Arrays.copyOf(bytes, dataStart + 3));
        Files.writeString(dir.resolve("empty.sfz"), "<region> sample=empty.wav pitch_keycenter=69\n");
        kit = dir.resolve("kit.sfz");
        Files.writeString(kit, "<region> sample=cut.wav key=69\n<region> sample=empty.wav key=70\n");
        // A4 for one second from 0 s, at 480 ppq and 120 BPM (tick 960 = 1 s).
        song = dir.resolve("song.mid");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), List.of(
                new MidiEvent(0, 0x90, 69, 100, 0, 0), new MidiEvent(960, 0x80, 69, 0, 0, 1),
                new MidiEvent(0, 0x91, 69, 100, 0, 2), new MidiEvent(960, 0x81, 69, 0, 0, 3))), song);
    }

    private CliRun render(Path out, String... extra) {
        List<String> args = Stream.concat(Stream.of("render", "--midi", song.toString(), "--instrument", "1=" + dir.resolve("cut.sfz"),
                "--instrument", "2=" + dir.resolve("empty.sfz"), "--out", out.toString(), "--float"), Stream.of(extra)).toList();
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void aCutSamplePlaysWhatExistsWithOneWarningAndTheSummaryCountsEveryDamagedSample() throws Exception {
        Path out = dir.resolve("out.wav");
        CliRun run = render(out);
        assertThat(run.status()).as(run.err()).isZero();
        List<String> damaged = run.errLines().stream().filter(l -> l.contains("damaged audio")).toList();
        assertThat(damaged).containsExactly("warning: damaged audio: " + cut.toAbsolutePath() + ": data chunk (" + RATE * 4
                + " bytes) claims " + RATE + " frames but only " + KEPT + " are present; playing those");
        assertThat(run.errLines()).anySatisfy(l -> assertThat(l).contains("empty.wav").contains("sample not loaded"));
        assertThat(run.out().strip()).endsWith("× realtime, 2 damaged samples");

        // The 12,000 frames that exist play at pitch; after them (and the 10 ms release) there is silence.
        float[] l = WavReader.read(out).channels()[0];
        assertThat(RenderCommandTest.frequency(l, 1000, KEPT - 1000)).isCloseTo(440, within(0.1));
        int last = l.length - 1;
        while (last > 0 && l[last] == 0) last--;
        assertThat(last).isBetween(KEPT - 10, KEPT + 2);
    }

    @Test
    void strictFailsAndWritesNothing() throws Exception {
        Path out = dir.resolve("strict.wav");
        CliRun run = render(out, "--strict");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).last().asString()
                .isEqualTo("loophole: 2 damaged samples (see the warnings above) and --strict: nothing was rendered");
        assertThat(Files.exists(out)).isFalse();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void floatSamplesThatAreNotAudioAreSilencedAndReported() throws Exception {
        float[] s = RenderCommandTest.sine(440, RATE);
        // Past the preloaded head (8,192 frames): only the streamer meets these, while the note plays.
        s[30_000] = 1e38f;
        s[30_001] = Float.NaN;
        Path bad = dir.resolve("huge.wav");
        RenderCommandTest.write(bad, s);
        Files.writeString(dir.resolve("huge.sfz"), "<region> sample=huge.wav pitch_keycenter=69\n");
        Path out = dir.resolve("h.wav");
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", "1=" + dir.resolve("huge.sfz"),
                "--out", out.toString(), "--float");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.errLines()).contains("warning: damaged audio: " + bad.toAbsolutePath()
                + ": holds float samples that are not audio (NaN, infinite or beyond ±256); they play as silence");
        assertThat(run.out().strip()).endsWith(", 1 damaged sample");
        // Without the repair this render peaked at +759 dBFS; the sine itself is at -6 dBFS before the amp stage.
        AudioData a = WavReader.read(out);
        float peak = 0;
        for (float[] c : a.channels()) for (float v : c) peak = Math.max(peak, Math.abs(v));
        assertThat(peak).isGreaterThan(0.05f).isLessThanOrEqualTo(1f);
    }

    @Test
    void inspectCountsDamagedSamplesAndStrictFails() {
        CliRun run = CliRun.of("inspect", kit.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("  samples: 2, 0 missing, 2 damaged samples")
                .contains("    damaged: " + cut.toAbsolutePath() + ": data chunk (" + RATE * 4 + " bytes) claims " + RATE
                        + " frames but only " + KEPT + " are present; playing those")
                .contains("    damaged: " + dir.resolve("empty.wav").toAbsolutePath() + ": no usable audio: ");
        CliRun strict = CliRun.of("inspect", kit.toString(), "--strict");
        assertThat(strict.status()).isEqualTo(1);
        assertThat(strict.out()).contains("2 damaged samples");
        assertThat(strict.errLines()).containsExactly(
                "loophole: 2 damaged samples (see the warnings above) and --strict: the instrument would not play as made");
    }
    @Test
    void exportSaysWhichSamplesAreDamagedAndStrictWritesNothing() throws Exception {
        Path out = dir.resolve("exported");
        CliRun run = CliRun.of("export", kit.toString(), out.toString(), "--copy-samples");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.errLines()).contains("warning: damaged audio: " + cut.toAbsolutePath() + ": data chunk (" + RATE * 4
                + " bytes) claims " + RATE + " frames but only " + KEPT + " are present; playing those");
        Path strictOut = dir.resolve("strict-export");
        CliRun strict = CliRun.of("export", kit.toString(), strictOut.toString(), "--copy-samples", "--strict");
        assertThat(strict.status()).isEqualTo(1);
        assertThat(strict.errLines()).last().asString()
                .isEqualTo("loophole: 2 damaged samples (see the warnings above) and --strict: nothing was exported");
        assertThat(Files.exists(strictOut)).isFalse();
    }
    @Test
    void aSoundFontSampleReachingPastItsDataIsOneWarningAndCountedInTheSummary() throws Exception {
        Path fluid = Sf2PlaybackTest.FLUID;
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(fluid), "FluidR3_GM.sf2 is not installed (fluid-soundfont-gm)");
        dev.loophole.formats.sf2.Sf2Bank bank = dev.loophole.formats.sf2.Sf2Importer.load(fluid);
        // The piano's sample for middle C at velocity 100 that lies last in smpl: its header is made to reach past the data.
        var region = bank.find(0, 0).orElseThrow().program().regions().stream()
                .filter(r -> r.keyRange().contains(60) && r.velocityRange().contains(100))
                .max(java.util.Comparator.comparingLong(r -> bank.samples().get(index(r.sample().path())).start())).orElseThrow();
        int idx = index(region.sample().path());
        var sample = bank.samples().get(idx);
        long smplFrames = bank.data().smplFrames(), lie = smplFrames + 1000;
        Path copy = Files.copy(fluid, dir.resolve("damaged.sf2"));
        try (var ch = java.nio.channels.FileChannel.open(copy, java.nio.file.StandardOpenOption.READ, java.nio.file.StandardOpenOption.WRITE)) {
            int tailBytes = (int) Math.min(ch.size(), 4 << 20); // pdta, with shdr last, ends the file
            java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate(tailBytes);
            ch.read(tail, ch.size() - tailBytes);
            String text = new String(tail.array(), java.nio.charset.StandardCharsets.ISO_8859_1);
            long shdrBody = ch.size() - tailBytes + text.lastIndexOf("shdr") + 8;
            java.nio.ByteBuffer end = java.nio.ByteBuffer.allocate(4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0, (int) lie);
            ch.write(end, shdrBody + 46L * idx + 24);
        }
        Path mid = dir.resolve("c.mid");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), List.of(
                new MidiEvent(0, 0x90, 60, 100, 0, 0), new MidiEvent(480, 0x80, 60, 0, 0, 1))), mid);
        Path out = dir.resolve("sf2.wav");
        CliRun run = CliRun.of("render", "--midi", mid.toString(), "--instrument", copy.toString(), "--out", out.toString(), "--tail", "0.1");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.errLines().stream().filter(l -> l.contains("damaged audio"))).containsExactly("warning: damaged audio: "
                + copy.toAbsolutePath() + ": pdta/shdr[" + idx + "] '" + sample.name() + "' claims " + (lie - sample.start())
                + " frames but only " + (smplFrames - sample.start()) + " are present; playing those");
        assertThat(run.out().strip()).endsWith(", 1 damaged sample");
        CliRun strict = CliRun.of("render", "--midi", mid.toString(), "--instrument", copy.toString(), "--out", out.toString(), "--strict");
        assertThat(strict.status()).isEqualTo(1);
        assertThat(strict.errLines()).last().asString().endsWith("--strict: nothing was rendered");
    }

    private static int index(String sf2Ref) { return dev.loophole.formats.sf2.Sf2SampleRef.parse(sf2Ref).sampleIndex(); }
}
