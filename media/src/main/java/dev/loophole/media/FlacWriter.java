package dev.loophole.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Writes 16- or 24-bit PCM as a FLAC file (RFC 9639) without compressing it: STREAMINFO with the audio's MD5
 * signature, then fixed 4,096-sample blocks whose channels are VERBATIM subframes. For content our own code makes
 * where no {@code flac} tool can be assumed (the launcher's start-up training); samples are quantised as
 * {@link WavWriter} does, so both files of one signal decode to the same values. The samples are quantised once, block by
 * block: each block's big-endian bytes go into its frame and, reordered little-endian, into the MD5, which is written
 * into STREAMINFO last. The file is assembled in memory (about twice the PCM's size): meant for small files.
 */
public final class FlacWriter {
    static final int BLOCK = 4096;
    /** Where STREAMINFO's MD5 lies in the file: after "fLaC", the block's header and 18 bytes of sizes, rate and counts. */
    private static final int MD5_AT = 4 + 4 + 18;

    private FlacWriter() {}

    public static void write(Path file, AudioData audio) throws IOException {
        int bits = audio.format().bitsPerSample(), channels = audio.channelCount(), rate = audio.sampleRate();
        if (audio.format().floatingPoint() || (bits != 16 && bits != 24))
            throw new IllegalArgumentException("FLAC holds 16- or 24-bit PCM here, not " + audio.format());
        if (channels < 1 || channels > 8 || rate <= 0 || rate >= 1 << 20)
            throw new IllegalArgumentException(channels + " channels at " + rate + " Hz do not fit STREAMINFO");
        int frames = audio.frames(), bytes = bits / 8;
        if (frames == 0) throw new IllegalArgumentException("no audio frames to write (a FLAC file of none would not be read back)");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {'f', 'L', 'a', 'C', (byte) 0x80, 0, 0, 34});   // STREAMINFO, the last metadata block
        out.writeBytes(new byte[] {BLOCK >> 8, 0, BLOCK >> 8, 0, 0, 0, 0, 0, 0, 0});  // block sizes; frame sizes unknown
        long packed = (long) rate << 44 | (long) (channels - 1) << 41 | (long) (bits - 1) << 36 | frames;
        for (int s = 56; s >= 0; s -= 8) out.write((int) (packed >>> s));
        out.writeBytes(new byte[16]);                                          // the MD5, once every block is in it
        MessageDigest md5 = md5();

        byte[] be = new byte[BLOCK * channels * bytes], le = new byte[be.length];
        for (int start = 0, number = 0; start < frames; start += BLOCK, number++) {
            int n = Math.min(BLOCK, frames - start);
            PcmCodec.encode(audio.channels(), start, audio.format(), ByteOrder.BIG_ENDIAN, false, be, 0, n);
            if (md5 != null) {
                int length = n * channels * bytes;
                for (int i = 0; i < length; i += bytes)
                    for (int k = 0; k < bytes; k++) le[i + k] = be[i + bytes - 1 - k];
                md5.update(le, 0, length);
            }
            ByteArrayOutputStream f = new ByteArrayOutputStream();
            f.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xF8});
            f.write((n == BLOCK ? 12 : 7) << 4);                      // 4,096, or (n - 1) in 16 bits below; rate: STREAMINFO's
            f.write((channels - 1) << 4 | (bits == 16 ? 4 : 6) << 1);  // independent channels, the sample size code
            utf8(f, number);
            if (n != BLOCK) f.writeBytes(new byte[] {(byte) ((n - 1) >> 8), (byte) (n - 1)});
            int crc8 = 0;
            for (byte b : f.toByteArray()) crc8 = FlacCrc.crc8(crc8, b);
            f.write(crc8);
            for (int c = 0; c < channels; c++) {
                f.write(0b0000_0010);                                  // VERBATIM, no wasted bits
                for (int i = 0; i < n; i++) f.write(be, (i * channels + c) * bytes, bytes);
            }
            byte[] frame = f.toByteArray();
            int crc16 = FlacCrc.crc16(frame, 0, frame.length);
            out.writeBytes(frame);
            out.writeBytes(new byte[] {(byte) (crc16 >> 8), (byte) crc16});
        }
        byte[] whole = out.toByteArray();
        if (md5 != null) System.arraycopy(md5.digest(), 0, whole, MD5_AT, 16);
        Files.write(file, whole);
    }

    /** The frame number in FLAC's extended UTF-8 coding (up to 31 bits here). */
    private static void utf8(ByteArrayOutputStream f, int v) {
        if (v < 0x80) {
            f.write(v);
            return;
        }
        int extra = v < 0x800 ? 1 : v < 0x1_0000 ? 2 : v < 0x20_0000 ? 3 : v < 0x400_0000 ? 4 : 5;
        f.write((0xFF00 >> (extra + 1)) & 0xFF | v >>> (6 * extra));
        for (int k = extra - 1; k >= 0; k--) f.write(0x80 | (v >>> (6 * k)) & 0x3F);
    }

    /** STREAMINFO's signature (MD5 of the samples, interleaved, little-endian, signed), or null: left "unknown" (zeros). */
    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            return null;   // every JDK has MD5
        }
    }
}
