package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FlacWriter}: what it writes decodes to the signal on the PCM grid (rounded as a WAV file is), through our reader
 * and through the reference tool where it is installed, and STREAMINFO's MD5 is that of the same samples in a WAV file's
 * data chunk.
 */
class FlacWriterTest {
    @TempDir Path dir;

    @Test
    void stereo24BitWithAShortLastBlockReadsBackOnThePcmGrid() throws Exception {
        float[][] s = noise(2, 2 * FlacWriter.BLOCK + 1_000, 7);
        Path f = dir.resolve("a.flac");
        FlacWriter.write(f, new AudioData(s, 48_000, SampleFormat.PCM_24, SampleMetadata.NONE));
        AudioData back = AudioFiles.read(f);   // a whole read checks STREAMINFO's MD5
        assertThat(back.sampleRate()).isEqualTo(48_000);
        assertThat(back.format()).isEqualTo(SampleFormat.PCM_24);
        for (int c = 0; c < 2; c++) assertThat(Arrays.mismatch(back.channels()[c], grid(s[c], 23))).as("first differing frame, channel %d", c).isEqualTo(-1);
    }

    /** Debian's {@code flac -t} decodes both shapes and checks them against their MD5 (apart, so the checks above never skip). */
    @Test
    void theReferenceToolAcceptsWhatIsWritten() throws Exception {
        Path a = dir.resolve("a.flac"), b = dir.resolve("b.flac");
        FlacWriter.write(a, new AudioData(noise(2, 2 * FlacWriter.BLOCK + 1_000, 7), 48_000, SampleFormat.PCM_24, SampleMetadata.NONE));
        FlacWriter.write(b, new AudioData(noise(1, 130 * FlacWriter.BLOCK + 5, 11), 44_100, SampleFormat.PCM_16, SampleMetadata.NONE));
        referenceToolAccepts(a);
        referenceToolAccepts(b);
    }

    @Test
    void noFramesIsRefusedAndWritesNothing() {
        Path f = dir.resolve("empty.flac");
        assertThatThrownBy(() -> FlacWriter.write(f, new AudioData(new float[1][0], 48_000, SampleFormat.PCM_16, SampleMetadata.NONE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no audio frames");
        assertThat(f).doesNotExist();
    }

    @Test
    void frameNumbersPast127AndTheSignatureOfTheSamples() throws Exception {
        float[][] s = noise(1, 130 * FlacWriter.BLOCK + 5, 11);   // frame numbers up to 130: two bytes of UTF-8
        AudioData audio = new AudioData(s, 44_100, SampleFormat.PCM_16, SampleMetadata.NONE);
        Path f = dir.resolve("b.flac");
        FlacWriter.write(f, audio);
        assertThat(Arrays.mismatch(AudioFiles.read(f).channels()[0], grid(s[0], 15))).as("first differing frame").isEqualTo(-1);

        // FLAC's MD5 covers the samples as signed little-endian bytes of their width: 16-bit mono, made here from the grid
        float[] q = grid(s[0], 15);
        byte[] le = new byte[q.length * 2];
        for (int i = 0; i < q.length; i++) {
            int v = (int) Math.rint(q[i] * 32768.0);
            le[2 * i] = (byte) v;
            le[2 * i + 1] = (byte) (v >> 8);
        }
        byte[] expected = MessageDigest.getInstance("MD5").digest(le);
        assertThat(Arrays.copyOfRange(Files.readAllBytes(f), 26, 42)).isEqualTo(expected);
    }

    /** Full-scale noise with the extremes included, so clamping at both ends is read back too. */
    private static float[][] noise(int channels, int frames, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] s = new float[channels][frames];
        for (float[] ch : s) {
            for (int i = 0; i < frames; i++) ch[i] = (float) r.nextDouble(-1.0, 1.0);
            ch[0] = 1f;
            ch[1] = -1f;
        }
        return s;
    }

    /** x rounded to the nearest of 2^bits steps per unit (ties to even), clamped to the two's complement range. */
    private static float[] grid(float[] x, int bits) {
        double scale = Math.scalb(1.0, bits);
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) out[i] = (float) (Math.max(-scale, Math.min(scale - 1, Math.rint(x[i] * scale))) / scale) + 0f;   // -0 read back is +0
        return out;
    }

    /** {@code flac -t} (decode and compare with the MD5) where Debian's flac is installed. */
    private static void referenceToolAccepts(Path f) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder("flac", "-t", "-s", f.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            assumeTrue(false, "the flac command line tool is not installed");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("flac -t: %s", out).isZero();
    }
}
