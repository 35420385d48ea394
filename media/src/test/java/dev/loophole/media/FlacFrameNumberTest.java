package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Where each FLAC frame begins (RFC 9639, section 9.1.5): in a fixed-blocksize stream the header codes a frame number,
 * times the stream's block size; in a variable-blocksize stream it codes the sample number itself. Files come from the
 * reference encoder; where it cannot make a case (a variable-blocksize stream, STREAMINFO's smallest block below its
 * largest in a fixed one) the test edits the real file's bytes. Frame positions come from the encoder's own SEEKTABLE
 * ({@code -S Nx} and a point on the last sample put one on every frame), not from the reader. Both the whole decode (STREAMINFO's MD5 checked) and
 * the search for the last frame of a file cut short must land on the encoder's samples exactly.
 */
class FlacFrameNumberTest {
    private static final int RATE = 44100, FRAMES = 20_000;
    @TempDir Path dir;

    /** A frame: its first sample, its byte offset from the first frame, its length in samples (a SEEKTABLE point). */
    private record Frame(long sample, long offset, int samples) {}

    private record Encoded(byte[] bytes, int audioStart, List<Frame> frames) {}

    @ParameterizedTest(name = "--blocksize={0}")
    @ValueSource(ints = {576, 1152, 4096})
    void aFixedBlocksizeStreamPlacesFramesByFrameNumberTimesItsBlockSize(int blockSize) throws Exception {
        float[][] audio = Signals.onGrid(SampleFormat.PCM_16, 2, FRAMES, blockSize);
        Encoded e = encode(audio, blockSize);
        assertThat(e.frames()).as("one SEEKTABLE point per frame").hasSize((FRAMES + blockSize - 1) / blockSize);
        checkPlays(Files.write(dir.resolve("fixed.flac"), e.bytes()), audio, e);

        // STREAMINFO's smallest block lowered to 16: the last frame, shorter than the rest, still begins at its frame
        // number times the block size (not times its own length).
        byte[] lowered = e.bytes().clone();
        lowered[8] = 0;
        lowered[9] = 16;
        checkPlays(Files.write(dir.resolve("lowered.flac"), lowered), audio, e);
    }

    @Test
    void aVariableBlocksizeStreamPlacesFramesBySampleNumber() throws Exception {
        float[][] audio = Signals.onGrid(SampleFormat.PCM_16, 2, FRAMES, 99);
        int split = 7_000;   // 1152-sample frames up to here (the last of them 88), then 4096-sample frames
        Encoded head = encode(slice(audio, 0, split), 1152), rest = encode(slice(audio, split, FRAMES), 4096);
        Encoded whole = encode(audio, 4096);   // its STREAMINFO (MD5 of all the samples) heads the spliced stream

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Frame> frames = new ArrayList<>();
        for (Encoded part : List.of(head, rest)) {
            long base = part == head ? 0 : split;
            for (int k = 0; k < part.frames().size(); k++) {
                Frame f = part.frames().get(k);
                int from = part.audioStart() + (int) f.offset();
                int to = k + 1 < part.frames().size() ? part.audioStart() + (int) part.frames().get(k + 1).offset() : part.bytes().length;
                frames.add(new Frame(base + f.sample(), out.size(), f.samples()));
                out.writeBytes(asVariable(Arrays.copyOfRange(part.bytes(), from, to), base + f.sample()));
            }
        }
        byte[] streamInfo = Arrays.copyOf(whole.bytes(), 4 + 4 + 34);
        streamInfo[4] |= (byte) 0x80;                           // the last (only) metadata block
        ByteBuffer si = ByteBuffer.wrap(streamInfo, 8, 34);
        si.putShort(8, (short) 88).putShort(10, (short) 4096);  // smallest and largest block (the last one excepted)
        si.put(12, new byte[6]);                                // frame byte sizes: unknown
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(Arrays.copyOf(streamInfo, streamInfo.length));
        file.writeBytes(out.toByteArray());
        byte[] bytes = file.toByteArray();
        assertThat(bytes[4] & 0x7F).as("STREAMINFO first").isZero();
        checkPlays(Files.write(dir.resolve("variable.flac"), bytes), audio, new Encoded(bytes, streamInfo.length, frames));
    }

    /** Decodes the whole file exactly, then the file cut inside a frame: its search for the last frame finds that frame's start. */
    private void checkPlays(Path flac, float[][] audio, Encoded e) throws IOException {
        AudioData decoded = AudioFiles.read(flac);
        for (int c = 0; c < 2; c++) assertThat(decoded.channels()[c]).as("channel %d of %s", c, flac).containsExactly(audio[c]);
        AudioFileInfo info = AudioFiles.probe(flac);
        assertThat(info.damage()).isEmpty();
        assertThat(info.frames()).isEqualTo(FRAMES);

        Frame cutInside = e.frames().get(e.frames().size() * 2 / 3);
        long cutAt = e.audioStart() + cutInside.offset() + 20;
        Path cut = Files.write(dir.resolve("cut-" + flac.getFileName()), Arrays.copyOf(e.bytes(), (int) cutAt));
        AudioFileInfo cutInfo = AudioFiles.probe(cut);
        assertThat(cutInfo.damage()).hasSize(1);
        assertThat(cutInfo.frames()).as("frames present in %s", cut).isEqualTo(cutInside.sample());
        AudioData prefix = AudioFiles.read(cut);
        for (int c = 0; c < 2; c++) assertThat(prefix.channels()[c]).containsExactly(Arrays.copyOf(audio[c], (int) cutInside.sample()));
    }

    /** The frame with its blocking strategy bit set and its frame number replaced by {@code sample}; both CRCs redone. */
    private static byte[] asVariable(byte[] frame, long sample) {
        assertThat(frame[0] & 0xFF).isEqualTo(0xFF);
        assertThat(frame[1] & 0xFF).as("a fixed-blocksize frame").isEqualTo(0xF8);
        int first = frame[4] & 0xFF;
        int numberBytes = first < 0x80 ? 1 : Integer.numberOfLeadingZeros(~first << 24);   // leading ones = bytes
        int blockCode = (frame[2] & 0xFF) >>> 4, rateCode = frame[2] & 0x0F;
        int after = (blockCode == 6 ? 1 : blockCode == 7 ? 2 : 0) + (rateCode == 12 ? 1 : rateCode == 13 || rateCode == 14 ? 2 : 0);
        int crc8At = 4 + numberBytes + after;
        ByteArrayOutputStream h = new ByteArrayOutputStream();
        h.write(0xFF);
        h.write(0xF9);
        h.write(frame, 2, 2);
        h.writeBytes(codedNumber(sample));
        h.write(frame, 4 + numberBytes, after);
        byte[] header = h.toByteArray();
        h.write(FlacCrcTest.bitwise(header, 0, header.length, 8, 0x07));
        h.write(frame, crc8At + 1, frame.length - 2 - (crc8At + 1));
        byte[] body = h.toByteArray();
        int crc16 = FlacCrcTest.bitwise(body, 0, body.length, 16, 0x8005);
        h.write(crc16 >>> 8);
        h.write(crc16 & 0xFF);
        return h.toByteArray();
    }

    /** A number in FLAC's UTF-8-like code: below 0x80 one byte, else a lead byte of n ones and n-1 bytes of 6 bits. */
    private static byte[] codedNumber(long v) {
        if (v < 0x80) return new byte[] {(byte) v};
        int n = 2;
        while (v >= 1L << (5 * n + 1)) n++;
        byte[] b = new byte[n];
        b[0] = (byte) (((0xFF << (8 - n)) & 0xFF) | (v >>> (6 * (n - 1))));
        for (int k = 1; k < n; k++) b[k] = (byte) (0x80 | ((v >>> (6 * (n - 1 - k))) & 0x3F));
        return b;
    }

    private Encoded encode(float[][] audio, int blockSize) throws IOException, InterruptedException {
        assertThat(flacInstalled()).as("the flac command line tool (Debian package flac, which .ci/run installs) makes these files").isTrue();
        Path wav = Files.createTempFile(dir, "in", ".wav"), flac = Files.createTempFile(dir, "out", ".flac");
        WavWriter.write(wav, new AudioData(audio, RATE, SampleFormat.PCM_16, SampleMetadata.NONE));
        // More evenly spaced points than frames, and one on the last sample (the last frame may be short): every frame gets one.
        int points = 4 * (audio[0].length / blockSize + 1);
        List<String> command = List.of("flac", "-s", "-f", "--no-padding", "--blocksize=" + blockSize, "-S", points + "x",
                "-S", String.valueOf(audio[0].length - 1),
                "-o", flac.toString(), wav.toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(command + ": " + out).isZero();
        byte[] bytes = Files.readAllBytes(flac);
        // Metadata blocks: a last-flag and type byte, a 3-byte length. Type 3 is the SEEKTABLE: 18-byte points.
        List<Frame> frames = new ArrayList<>();
        int at = 4;
        for (boolean last = false; !last; ) {
            last = (bytes[at] & 0x80) != 0;
            int type = bytes[at] & 0x7F, length = ByteBuffer.wrap(bytes, at, 4).getInt(at) & 0xFFFFFF;
            if (type == 3) {
                ByteBuffer b = ByteBuffer.wrap(bytes, at + 4, length);
                for (int k = 0; k < length / 18; k++) {
                    long sample = b.getLong(at + 4 + 18 * k);
                    if (sample != -1L) frames.add(new Frame(sample, b.getLong(at + 4 + 18 * k + 8), Short.toUnsignedInt(b.getShort(at + 4 + 18 * k + 16))));
                }
            }
            at += 4 + length;
        }
        assertThat(frames).as("points on every frame, in order, end to end").isNotEmpty();
        for (int k = 0; k < frames.size(); k++)
            assertThat(frames.get(k).sample()).isEqualTo(k == 0 ? 0 : frames.get(k - 1).sample() + frames.get(k - 1).samples());
        assertThat(frames.getLast().sample() + frames.getLast().samples()).isEqualTo(audio[0].length);
        return new Encoded(bytes, at, frames);
    }

    private static float[][] slice(float[][] audio, int from, int to) {
        float[][] out = new float[audio.length][];
        for (int c = 0; c < audio.length; c++) out[c] = Arrays.copyOfRange(audio[c], from, to);
        return out;
    }

    private static boolean flacInstalled() {
        try {
            return new ProcessBuilder("flac", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }
}
