package dev.loophole.media;

import java.io.IOException;
import java.nio.ByteBuffer;
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
 * into STREAMINFO last. The file is assembled in memory, in one array of exactly its size (VERBATIM subframes make every
 * frame's size known before it is written), plus one block's scratch: meant for small files.
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
        long size = fileSize(frames, channels, bytes);
        if (size > Integer.MAX_VALUE - 8) throw new IllegalArgumentException(frames + " frames make a FLAC file too large to assemble in memory");
        byte[] whole = new byte[(int) size];
        ByteBuffer out = ByteBuffer.wrap(whole);                                // big-endian, as FLAC is
        out.put(new byte[] {'f', 'L', 'a', 'C', (byte) 0x80, 0, 0, 34});        // STREAMINFO, the last metadata block
        out.put(new byte[] {BLOCK >> 8, 0, BLOCK >> 8, 0, 0, 0, 0, 0, 0, 0});   // block sizes; frame sizes unknown
        out.putLong((long) rate << 44 | (long) (channels - 1) << 41 | (long) (bits - 1) << 36 | frames);
        out.position(out.position() + 16);                                      // the MD5, once every block is in it
        MessageDigest md5 = md5();

        byte[] be = new byte[BLOCK * channels * bytes], le = new byte[be.length];
        for (int start = 0, number = 0; start < frames; start += BLOCK, number++) {
            int n = Math.min(BLOCK, frames - start);
            PcmCodec.encode(audio.channels(), start, audio.format(), ByteOrder.BIG_ENDIAN, false, be, 0, n);
            int length = n * channels * bytes;
            for (int i = 0; i < length; i += bytes)
                for (int k = 0; k < bytes; k++) le[i + k] = be[i + bytes - 1 - k];
            md5.update(le, 0, length);
            int frame = out.position();
            out.put((byte) 0xFF).put((byte) 0xF8);
            out.put((byte) ((n == BLOCK ? 12 : 7) << 4));                       // 4,096, or (n - 1) in 16 bits below; rate: STREAMINFO's
            out.put((byte) ((channels - 1) << 4 | (bits == 16 ? 4 : 6) << 1));   // independent channels, the sample size code
            utf8(out, number);
            if (n != BLOCK) out.putShort((short) (n - 1));
            int crc8 = 0;
            for (int i = frame; i < out.position(); i++) crc8 = FlacCrc.crc8(crc8, whole[i]);
            out.put((byte) crc8);
            for (int c = 0; c < channels; c++) {
                out.put((byte) 0b0000_0010);                                    // VERBATIM, no wasted bits
                for (int i = 0; i < n; i++) out.put(be, (i * channels + c) * bytes, bytes);
            }
            out.putShort((short) FlacCrc.crc16(whole, frame, out.position()));
        }
        if (out.hasRemaining()) throw new IllegalStateException("FLAC size worked out as " + size + " bytes, written " + out.position());
        System.arraycopy(md5.digest(), 0, whole, MD5_AT, 16);
        Files.write(file, whole);
    }

    /** The file's size in bytes: the header with STREAMINFO, then per block its frame header, VERBATIM subframes and CRC-16. */
    static long fileSize(int frames, int channels, int bytes) {
        long size = 4 + 4 + 34;
        for (int start = 0, number = 0; start < frames; start += BLOCK, number++) {
            int n = Math.min(BLOCK, frames - start);
            size += 4 + utf8Length(number) + (n != BLOCK ? 2 : 0) + 1 + channels * (1 + (long) n * bytes) + 2;
        }
        return size;
    }

    private static int utf8Length(int v) {
        return v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x1_0000 ? 3 : v < 0x20_0000 ? 4 : v < 0x400_0000 ? 5 : 6;
    }

    /** The frame number in FLAC's extended UTF-8 coding (up to 31 bits here). */
    private static void utf8(ByteBuffer f, int v) {
        if (v < 0x80) {
            f.put((byte) v);
            return;
        }
        int extra = utf8Length(v) - 1;
        f.put((byte) ((0xFF00 >> (extra + 1)) & 0xFF | v >>> (6 * extra)));
        for (int k = extra - 1; k >= 0; k--) f.put((byte) (0x80 | (v >>> (6 * k)) & 0x3F));
    }

    /** STREAMINFO's signature: MD5 of the samples, interleaved, little-endian, signed. */
    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every Java platform has MD5", e);
        }
    }
}
