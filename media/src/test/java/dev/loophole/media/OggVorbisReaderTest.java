package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OggVorbisReaderTest {
    @TempDir Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource({"tone12345, 2, 44100, 12345", "tone11025, 1, 22050, 11025", "tone3001, 1, 22050, 3001"})
    void lengthIsExactlyWhatWasEncoded(String name, int channels, int rate, int frames) throws IOException {
        AudioFileInfo info = AudioFiles.probe(Fixtures.path(name + ".ogg"));
        assertThat(info.type()).isEqualTo(AudioFileType.OGG_VORBIS);
        assertThat(info.channels()).isEqualTo(channels);
        assertThat(info.sampleRate()).isEqualTo(rate);
        assertThat(info.frames()).isEqualTo(frames);
        assertThat(AudioFiles.read(Fixtures.path(name + ".ogg")).frames()).isEqualTo(frames);
    }

    @Test
    void decodeMatchesLibvorbisWithinOneLsb() throws IOException {
        AudioData ours = AudioFiles.read(Fixtures.path("tone3001.ogg"));
        AudioData ref = WavReader.read(Fixtures.path("tone3001-oggdec.wav"));
        assertThat(ours.frames()).isEqualTo(ref.frames());
        double maxDiff = 0;
        for (int i = 0; i < ours.frames(); i++) maxDiff = Math.max(maxDiff, Math.abs(ours.channels()[0][i] - ref.channels()[0][i]));
        assertThat(maxDiff).isLessThanOrEqualTo(1.0 / 32768);
    }

    @Test
    void sinesComeBackAtTheirFrequencyAmplitudeAndPhase() throws IOException {
        // sox wrote sin(2π f n / rate) at -6 dB (amplitude 0.501); a least-squares fit of a·sin + b·cos
        // recovers a ≈ 0.501 and b ≈ 0: any shift in time would show up as b (one frame at 440 Hz ≈ 0.03).
        AudioData a = AudioFiles.read(Fixtures.path("tone12345.ogg"));
        double[] freqs = {440, 550};
        for (int c = 0; c < 2; c++) {
            double[] ab = fit(a.channels()[c], 2 * Math.PI * freqs[c] / 44100);
            assertThat(ab[0]).as("sine amplitude, channel %d", c).isBetween(0.49, 0.51);
            assertThat(Math.abs(ab[1])).as("cosine part, channel %d", c).isLessThan(0.005);
        }
    }

    @Test
    void loopCommentsBecomeALoop() throws IOException {
        assertThat(AudioFiles.probe(Fixtures.path("tone3001.ogg")).metadata())
                .isEqualTo(new SampleMetadata(-1, 0, List.of(new SampleMetadata.SampleLoop(1000, 2499, 0))));
    }

    @Test
    void readerContinuesJumpsForwardAndRestartsBackward() throws IOException {
        AudioData all = AudioFiles.read(Fixtures.path("tone12345.ogg"));
        try (AudioReader r = AudioFiles.open(Fixtures.path("tone12345.ogg"))) {
            assertThat(r.randomAccess()).isFalse();
            int[][] spans = {{0, 1000}, {1000, 3000}, {50, 20}, {9000, 5000}, {12344, 1}, {0, 12345}, {12345, 3}};
            for (int[] s : spans) {
                float[][] dst = new float[2][s[1] + 1];
                int n = r.read(s[0], dst, 1, s[1]);
                int expected = Math.max(0, Math.min(s[1], 12345 - s[0]));
                assertThat(n).as("frames from %d", s[0]).isEqualTo(expected);
                for (int c = 0; c < 2; c++)
                    assertThat(Arrays.copyOfRange(dst[c], 1, 1 + n)).containsExactly(Arrays.copyOfRange(all.channels()[c], s[0], s[0] + n));
            }
        }
    }

    @Test
    void corruptionAndOtherCodecsAreClearErrors() throws IOException {
        byte[] ogg = Files.readAllBytes(Fixtures.path("tone11025.ogg"));
        byte[] bad = ogg.clone();
        bad[bad.length - 500] ^= 0x01;
        Path f = Files.write(dir.resolve("bad.ogg"), bad);
        assertThatThrownBy(() -> AudioFiles.read(f)).isInstanceOf(MediaException.class).hasMessageStartingWith(f + ": Ogg")
                .hasMessageContaining("corrupt");

        Path opus = Bytes.le().ascii("OggS").u8(0).u8(2).u64(0).u32(1).u32(0).u32(0).u8(1).u8(19)
                .ascii("OpusHead").u8(1).u8(2).u16(0).u32(48000).u16(0).u8(0).writeTo(dir.resolve("x.opus"));
        assertThatThrownBy(() -> AudioFiles.read(opus)).hasMessage(opus + ": Ogg file holding Opus; only Ogg Vorbis is supported");

        Path cut = Files.write(dir.resolve("cut.ogg"), Arrays.copyOf(ogg, 3000));
        assertThatThrownBy(() -> AudioFiles.read(cut)).isInstanceOf(MediaException.class).hasMessageStartingWith(cut + ": ");
    }

    private static double[] fit(float[] x, double w) {
        double ss = 0, cc = 0, sc = 0, xs = 0, xc = 0;
        for (int i = 0; i < x.length; i++) {
            double s = Math.sin(w * i), co = Math.cos(w * i);
            ss += s * s; cc += co * co; sc += s * co; xs += x[i] * s; xc += x[i] * co;
        }
        double det = ss * cc - sc * sc;
        return new double[]{(xs * cc - xc * sc) / det, (xc * ss - xs * sc) / det};
    }
}
