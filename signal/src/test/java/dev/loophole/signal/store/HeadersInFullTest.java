package dev.loophole.signal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.SampleRef;
import dev.loophole.signal.sampler.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sample asked for its header alone (no note of a render reaches it): a store for {@code --strict} opens it in full
 * — a FLAC file cut inside its audio is found and reported, with the length really present — and still decodes
 * nothing; a plain store reads the header only and takes STREAMINFO's length. A FLAC from the real encoder, cut in half.
 */
class HeadersInFullTest {
    private static final int RATE = 48_000;
    @TempDir Path dir;

    @Test
    void aStrictStoreFindsAnUnplayedFlacsCutWithoutDecodingIt() throws Exception {
        Path wav = dir.resolve("a.wav"), flac = dir.resolve("a.flac");
        float[] sine = new float[RATE];
        for (int i = 0; i < sine.length; i++) sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / RATE));
        WavWriter.write(wav, new AudioData(new float[][] {sine}, RATE, SampleFormat.PCM_16, SampleMetadata.NONE));
        Process enc = new ProcessBuilder("flac", "-s", "-f", "-o", flac.toString(), wav.toString()).redirectErrorStream(true).start();
        enc.getInputStream().readAllBytes();
        assertThat(enc.waitFor()).as("the flac encoder (package flac)").isZero();
        byte[] bytes = Files.readAllBytes(flac);
        Files.write(flac, Arrays.copyOf(bytes, bytes.length / 2));
        SampleRef ref = new SampleRef(flac.toString());

        SampleStore plain = new SampleStore(1L << 30, true);
        SampleData claimed = plain.header(ref);
        assertThat(claimed.frames()).as("STREAMINFO's length").isEqualTo(RATE);
        assertThat(plain.problems()).isEmpty();

        SampleStore strict = new SampleStore(1L << 30, true, true);
        SampleData present = strict.header(ref);
        assertThat(present.headFrames()).as("nothing decoded").isZero();
        assertThat(strict.size()).as("nothing held").isZero();
        // whole frames of the encoder's 4,096 (the first half of the bytes holds the metadata's padding too), and as many
        // as the reference decoder finds: `flac -d -F` decodes through the cut, to raw 16-bit samples, the sine's own
        int[] decoded = referenceDecode(flac);
        assertThat(decoded.length).as("the reference decoder's frames").isPositive().isLessThanOrEqualTo(RATE / 2).isEqualTo(present.frames());
        assertThat(present.frames() % 4_096).isZero();
        long worst = 0;
        for (int i = 0; i < decoded.length; i++) worst = Math.max(worst, Math.abs(decoded[i] - Math.round(sine[i] * 32768.0)));
        assertThat(worst).as("the decoded frames are the sine's first ones (16-bit steps)").isLessThanOrEqualTo(1);
        assertThat(strict.problems()).singleElement().satisfies(p -> {
            assertThat(p.file()).isEqualTo(flac.toAbsolutePath().normalize());
            assertThat(p.toString()).contains("claims " + RATE + " frames but only " + present.frames() + " are present");
        });
    }

    /** The mono 16-bit samples the flac command-line tool decodes from {@code flac}, through errors (a cut file). */
    private int[] referenceDecode(Path flac) throws Exception {
        Path raw = dir.resolve("decoded.raw");
        Process dec = new ProcessBuilder("flac", "-d", "-s", "-F", "-f", "--force-raw-format", "--endian=little", "--sign=signed",
                "-o", raw.toString(), flac.toString()).redirectErrorStream(true).start();
        dec.getInputStream().readAllBytes(); // it says where it lost sync
        dec.waitFor();
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(raw)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int[] samples = new int[b.remaining() / 2];
        for (int i = 0; i < samples.length; i++) samples[i] = b.getShort();
        return samples;
    }
}
