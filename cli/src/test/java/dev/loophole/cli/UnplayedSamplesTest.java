package dev.loophole.cli;

import static dev.loophole.cli.RenderCommandTest.RATE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.media.WavReader;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A library of ten samples (enough for the render to open them on its preload threads) of which the song plays one:
 * the others are opened for their headers only. A damaged one the song never plays still counts as damaged, a missing
 * one is a warning naming it, and neither changes a sample of the render; a damaged one the song plays is as before.
 */
class UnplayedSamplesTest {
    @TempDir Path dir;
    Path song;
    static final int KEPT = 6_000;

    @BeforeEach
    void setUp() throws Exception {
        for (int k = 0; k < 10; k++) RenderCommandTest.write(dir.resolve("k" + k + ".wav"), RenderCommandTest.sine(220 * Math.pow(2, k / 12.0), RATE));
        byte[] bytes = Files.readAllBytes(dir.resolve("k7.wav"));
        Files.write(dir.resolve("k7.wav"), Arrays.copyOf(bytes, bytes.length - RATE * 4 + KEPT * 4 + 1)); // cut short
        Files.delete(dir.resolve("k8.wav"));                                                             // gone
        Files.writeString(dir.resolve("k9.wav"), "not audio at all");                                     // not a WAV
        // Key 60 for half a second, at 480 ppq and 120 BPM.
        song = dir.resolve("song.mid");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), List.of(
                new MidiEvent(0, 0x90, 60, 100, 0, 0), new MidiEvent(480, 0x80, 60, 0, 0, 1))), song);
    }

    private Path sfz(String name, int from, int to) throws Exception {
        StringBuilder s = new StringBuilder();
        for (int k = from; k <= to; k++) s.append("<region> sample=k").append(k).append(".wav key=").append(60 + k).append(" ampeg_release=0.01\n");
        return Files.writeString(dir.resolve(name), s);
    }

    @Test
    void damagedAndMissingSamplesTheSongNeverPlaysAreReportedAndChangeNothing() throws Exception {
        Path all = sfz("all.sfz", 0, 9), one = sfz("one.sfz", 0, 0);
        Path out = dir.resolve("all.wav"), ref = dir.resolve("one.wav");
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", all.toString(), "--out", out.toString(), "--float");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.errLines().stream().filter(l -> l.contains("damaged audio"))).containsExactly("warning: damaged audio: "
                + dir.resolve("k7.wav").toAbsolutePath() + ": data chunk (" + RATE * 4 + " bytes) claims " + RATE
                + " frames but only " + KEPT + " are present; playing those");
        assertThat(run.out().strip()).endsWith(", 1 damaged sample");
        assertThat(run.err()).contains("k8.wav").contains("k9.wav");

        CliRun alone = CliRun.of("render", "--midi", song.toString(), "--instrument", one.toString(), "--out", ref.toString(), "--float");
        assertThat(alone.status()).as(alone.err()).isZero();
        float[][] a = WavReader.read(out).channels(), b = WavReader.read(ref).channels();
        assertThat(a[0]).containsExactly(b[0]);
        assertThat(a[1]).containsExactly(b[1]);
        assertThat(RenderCommandTest.frequency(a[0], 1000, 20_000)).isBetween(219.9, 220.1);
    }

    @Test
    void aDamagedSampleTheSongPlaysIsStillWarnedAndPlaysWhatExists() throws Exception {
        Path all = sfz("all.sfz", 0, 9);
        Path mid = dir.resolve("k7.mid");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), List.of(
                new MidiEvent(0, 0x90, 67, 100, 0, 0), new MidiEvent(480, 0x80, 67, 0, 0, 1))), mid);
        Path out = dir.resolve("k7out.wav");
        CliRun run = CliRun.of("render", "--midi", mid.toString(), "--instrument", all.toString(), "--out", out.toString(), "--float");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.errLines().stream().filter(l -> l.contains("damaged audio"))).singleElement().asString().contains("k7.wav");
        float[] l = WavReader.read(out).channels()[0];
        int last = l.length - 1;
        while (last > 0 && l[last] == 0) last--;
        assertThat(last).as("the cut sample plays its %d frames, then its 10 ms release", KEPT).isBetween(KEPT - 10, KEPT + 2);
        CliRun strict = CliRun.of("render", "--midi", mid.toString(), "--instrument", all.toString(), "--out", out.toString(), "--strict");
        assertThat(strict.status()).isEqualTo(1);
    }

    /**
     * An unplayed FLAC cut inside its audio: a render opens it for its header only (STREAMINFO's length, no search for
     * the cut), so it plays; --strict opens every sample in full and fails naming it, as inspect --strict does.
     */
    @Test
    void strictFindsAFlacCutShortThatTheSongNeverPlays() throws Exception {
        Path wav = dir.resolve("k6-16.wav"), flac = dir.resolve("k6.flac");
        float[] sine = new float[RATE];
        for (int i = 0; i < sine.length; i++) sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / RATE));
        dev.loophole.media.WavWriter.write(wav, new dev.loophole.media.AudioData(new float[][] {sine}, RATE,
                dev.loophole.media.SampleFormat.PCM_16, dev.loophole.media.SampleMetadata.NONE)); // flac takes integer PCM
        Process enc = new ProcessBuilder("flac", "-s", "-f", "-o", flac.toString(), wav.toString()).redirectErrorStream(true).start();
        enc.getInputStream().readAllBytes();
        assertThat(enc.waitFor()).as("the flac encoder").isZero();
        byte[] bytes = Files.readAllBytes(flac);
        Files.write(flac, Arrays.copyOf(bytes, bytes.length / 2));
        Path sfz = Files.writeString(dir.resolve("flac.sfz"), "<region> sample=k0.wav key=60 ampeg_release=0.01\n"
                + "<region> sample=k6.flac key=66 ampeg_release=0.01\n");
        Path out = dir.resolve("flac.wav");
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", sfz.toString(), "--out", out.toString(), "--float");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).as("opened for its header only: the cut is not looked for").doesNotContain("k6.flac");
        CliRun strict = CliRun.of("render", "--midi", song.toString(), "--instrument", sfz.toString(), "--out", dir.resolve("s.wav").toString(), "--strict");
        assertThat(strict.status()).as(strict.err()).isEqualTo(1);
        assertThat(strict.errLines()).anySatisfy(l -> assertThat(l).startsWith("warning: damaged audio: " + flac.toAbsolutePath()));
        assertThat(dir.resolve("s.wav")).doesNotExist();
        CliRun inspect = CliRun.of("inspect", sfz.toString(), "--strict");
        assertThat(inspect.status()).isEqualTo(1);
        assertThat(inspect.out()).contains("damaged: " + flac.toAbsolutePath());
    }

    /**
     * An unplayed float WAV whose head holds values that are not audio: a plain render opens it for its header only
     * and says nothing of it; --strict reads its head through as a played sample's load would, and fails naming it.
     */
    @Test
    void strictFindsValuesThatAreNotAudioInTheHeadOfASampleTheSongNeverPlays() throws Exception {
        float[] s = RenderCommandTest.sine(330, RATE);
        s[100] = Float.NaN;
        s[101] = 1e38f;
        RenderCommandTest.write(dir.resolve("nan.wav"), s);
        Path sfz = Files.writeString(dir.resolve("nan.sfz"), "<region> sample=k0.wav key=60 ampeg_release=0.01\n"
                + "<region> sample=nan.wav key=70 ampeg_release=0.01\n");
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", sfz.toString(), "--out", dir.resolve("p.wav").toString(), "--float");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("nan.wav");
        CliRun strict = CliRun.of("render", "--midi", song.toString(), "--instrument", sfz.toString(), "--out", dir.resolve("s.wav").toString(), "--strict");
        assertThat(strict.status()).as(strict.err()).isEqualTo(1);
        assertThat(strict.errLines()).contains("warning: damaged audio: " + dir.resolve("nan.wav").toAbsolutePath()
                + ": holds float samples that are not audio (NaN, infinite or beyond ±256); they play as silence");
        assertThat(dir.resolve("s.wav")).doesNotExist();
    }
}
