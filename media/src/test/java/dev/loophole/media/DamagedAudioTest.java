package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged audio plays what is there and says so: one typed {@link AudioProblem} naming the file, the frames
 * claimed and the frames present, for every format; values that are not audio are silenced and reported.
 */
class DamagedAudioTest {
    @TempDir Path dir;

    private static List<AudioProblem> problemsReading(Path f, int[] framesRead) throws IOException {
        List<AudioProblem> seen = new ArrayList<>();
        try (AudioReader r = AudioFiles.open(f)) {
            r.reportTo(seen::add);
            framesRead[0] = AudioFiles.readAll(r).frames();
        }
        return seen;
    }

    private Path cut(Path whole, String name, long length) throws IOException {
        return Files.write(dir.resolve(name), Arrays.copyOf(Files.readAllBytes(whole), (int) length));
    }

    @Test
    void aWavCutShortPlaysTheFramesThatExist() throws IOException {
        float[][] audio = Signals.onGrid(SampleFormat.PCM_24, 2, 1000, 7);
        Path whole = dir.resolve("whole.wav");
        WavWriter.write(whole, new AudioData(audio, 48000, SampleFormat.PCM_24, null));
        long dataStart = Files.size(whole) - 1000 * 6; // no chunk follows the data: it ends the file
        Path f = cut(whole, "cut.wav", dataStart + 600 * 6 + 4); // 600 whole frames and part of one more
        int[] read = new int[1];
        assertThat(problemsReading(f, read)).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(AudioProblem.Kind.TRUNCATED);
            assertThat(p.toString()).startsWith(f + ": ").contains("claims 1000 frames but only 600 are present");
        });
        assertThat(read[0]).isEqualTo(600);
        AudioData a = AudioFiles.read(f);
        for (int c = 0; c < 2; c++) assertThat(a.channels()[c]).containsExactly(Arrays.copyOf(audio[c], 600));
    }

    @Test
    void anAiffCutShortPlaysTheFramesThatExist() throws IOException {
        Path whole = Fixtures.path("sine16.aiff");
        AudioFileInfo info = AudioFiles.probe(whole);
        long frames = info.frames();
        int frameBytes = info.channels() * 2;
        long keep = frames / 3;
        Path f = cut(whole, "cut.aiff", info.dataOffset() + keep * frameBytes + 1);
        int[] read = new int[1];
        assertThat(problemsReading(f, read)).singleElement().asString()
                .isEqualTo(f + ": COMM chunk claims " + frames + " frames but only " + keep + " are present; playing those");
        assertThat(read[0]).isEqualTo(keep);
    }

    private static boolean tool(String name) {
        try {
            return new ProcessBuilder(name, "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    }

    @Test
    void aFlacCutShortPlaysItsCompleteFrames() throws Exception {
        assumeTrue(tool("flac"), "the flac command line tool makes this fixture (.ci/run installs it)");
        float[][] audio = Signals.onGrid(SampleFormat.PCM_16, 2, 20_000, 11);
        Path wav = dir.resolve("src.wav");
        WavWriter.write(wav, new AudioData(audio, 44100, SampleFormat.PCM_16, null));
        Path whole = dir.resolve("whole.flac");
        run("flac", "-s", "-f", "--blocksize=1024", "--no-padding", "-o", whole.toString(), wav.toString());
        assertThat(AudioFiles.probe(whole).damage()).as("an intact file is not damaged").isEmpty();
        assertThat(AudioFiles.read(whole).frames()).isEqualTo(20_000);

        Path f = cut(whole, "cut.flac", Files.size(whole) * 3 / 5);
        int[] read = new int[1];
        List<AudioProblem> problems = problemsReading(f, read);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(AudioProblem.Kind.TRUNCATED);
            assertThat(p.toString()).startsWith(f + ": STREAMINFO claims 20000 frames but only " + read[0] + " are present");
        });
        // Whole 1024-frame blocks, about three fifths of the file (noise compresses evenly), decoded exactly.
        assertThat(read[0] % 1024).isZero();
        assertThat(read[0]).isBetween(20_000 * 3 / 5 - 2048, 20_000 * 3 / 5 + 1024);
        AudioData a = AudioFiles.read(f);
        for (int c = 0; c < 2; c++) assertThat(a.channels()[c]).containsExactly(Arrays.copyOf(audio[c], read[0]));

        // A tag after the last frame (APEv2 here) is not damage.
        byte[] tagged = Arrays.copyOf(Files.readAllBytes(whole), (int) Files.size(whole) + 64);
        System.arraycopy("APETAGEX".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, tagged, (int) Files.size(whole), 8);
        Path withTag = Files.write(dir.resolve("tagged.flac"), tagged);
        assertThat(AudioFiles.probe(withTag).damage()).isEmpty();
        assertThat(AudioFiles.probe(withTag).frames()).isEqualTo(20_000);

        // Cut inside the first audio frame: not one frame to play.
        byte[] bytes = Files.readAllBytes(whole);
        int audioStart = 4;
        for (boolean last = false; !last; ) { // metadata blocks: 1 byte last-flag/type, 3 bytes length
            last = (bytes[audioStart] & 0x80) != 0;
            audioStart += 4 + (((bytes[audioStart + 1] & 0xFF) << 16) | ((bytes[audioStart + 2] & 0xFF) << 8) | (bytes[audioStart + 3] & 0xFF));
        }
        Path headOnly = cut(whole, "head.flac", audioStart + 100);
        assertThatThrownBy(() -> AudioFiles.open(headOnly)).isInstanceOf(MediaException.class)
                .hasMessage(headOnly + ": holds no complete FLAC frame; STREAMINFO claims 20000 frames");
    }

    @Test
    void anOggStreamThatEndsEarlyPlaysItsCompletePages() throws Exception {
        assumeTrue(tool("oggenc"), "oggenc makes this fixture (.ci/run installs vorbis-tools)");
        Path wav = dir.resolve("src.wav");
        WavWriter.write(wav, new AudioData(Signals.onGrid(SampleFormat.PCM_16, 1, 96_000, 5), 48000, SampleFormat.PCM_16, null)); // noise: many pages
        Path whole = dir.resolve("whole.ogg");
        run("oggenc", "-Q", "-q", "4", "-o", whole.toString(), wav.toString());
        assertThat(AudioFiles.probe(whole).damage()).isEmpty();
        float[] full = AudioFiles.read(whole).channels()[0];
        assertThat(full).hasSize(96_000);

        Path f = cut(whole, "cut.ogg", Files.size(whole) / 2 + 3);
        int[] read = new int[1];
        List<AudioProblem> problems = problemsReading(f, read);
        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(AudioProblem.Kind.TRUNCATED);
            assertThat(p.toString()).startsWith(f + ": Ogg Vorbis stream ends early").endsWith("playing the " + read[0] + " frames of its complete pages");
        });
        assertThat(read[0]).isBetween(4096, 96_000 - 4096);
        // The complete pages decode to the same samples as in the whole file.
        assertThat(AudioFiles.read(f).channels()[0]).containsExactly(Arrays.copyOf(full, read[0]));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"sine16.wav", "sine16.aiff", "sine16.flac", "sine24.flac", "noise24.flac",
            "sine8.flac", "six16.flac", "smpl16.flac", "tone3001.ogg", "tone11025.ogg", "tone12345.ogg"})
    void intactFilesAreNotDamaged(String name) throws IOException {
        int[] read = new int[1];
        assertThat(problemsReading(Fixtures.path(name), read)).isEmpty();
        assertThat(read[0]).isEqualTo(AudioFiles.probe(Fixtures.path(name)).frames());
    }

    @Test
    void floatSamplesThatAreNotAudioAreSilencedAndReportedOnce() throws IOException {
        float[][] audio = {{0.5f, 1e38f, -0.25f, Float.NaN, 300f, 2.0f, -200f, Float.NEGATIVE_INFINITY}};
        Path f = dir.resolve("bad-float.wav");
        WavWriter.write(f, new AudioData(audio, 48000, SampleFormat.FLOAT_32, null));
        List<AudioProblem> seen = new ArrayList<>();
        float[][] out = new float[1][8];
        try (AudioReader r = AudioFiles.open(f)) {
            r.reportTo(seen::add);
            r.read(0, out, 0, 4);
            r.read(4, out, 4, 4);
        }
        // Headroom up to +48 dBFS (256) is kept: 2.0 and -200 are loud floats, 1e38, 300, NaN and -inf are not audio.
        assertThat(out[0]).containsExactly(0.5f, 0f, -0.25f, 0f, 0f, 2.0f, -200f, 0f);
        assertThat(seen).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(AudioProblem.Kind.REPAIRED_SAMPLES);
            assertThat(p.toString()).isEqualTo(f + ": holds float samples that are not audio (NaN, infinite or beyond ±256); they play as silence");
        });
    }

    @Test
    void pcmBitDepthsNoCodecHoldsAreRefusedNamingTheFile() throws IOException {
        for (int bits : new int[] {1, 4, 7}) {
            Path f = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 44100, bits)).chunk("data", Bytes.le().u8(0xFF).u8(0x80)))
                    .writeTo(dir.resolve("b" + bits + ".wav"));
            assertThatThrownBy(() -> AudioFiles.read(f)).isInstanceOf(MediaException.class)
                    .hasMessage(f + ": PCM with " + bits + " bits per sample; expected 8 to 32");
        }
        // 12-bit stereo packed into 3 bytes per frame: refused, not decoded as noise.
        Bytes packed = Bytes.le().u16(1).u16(2).u32(44100).u32(44100 * 3).u16(3).u16(12);
        Path p = Bytes.riff(Bytes.le().chunk("fmt ", packed).chunk("data", Bytes.le().zeros(30))).writeTo(dir.resolve("p12.wav"));
        assertThatThrownBy(() -> AudioFiles.read(p)).isInstanceOf(MediaException.class).hasMessageStartingWith(p + ": 12-bit PCM with block align 3 is packed");
        // 12-bit samples left-justified in 16-bit containers (the usual layout) decode within full scale.
        Path ok = Bytes.riff(Bytes.le().chunk("fmt ", Bytes.fmt(1, 1, 44100, 12)).chunk("data", Bytes.le().u16(0x7FF0).u16(0x8000).u16(0x0010)))
                .writeTo(dir.resolve("ok12.wav"));
        assertThat(AudioFiles.read(ok).channels()[0]).containsExactly(0x7FF0 / 32768f, -1f, 0x10 / 32768f);
    }
}
