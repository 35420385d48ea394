package dev.loophole.media;

import java.nio.ByteBuffer;

/**
 * How many frames a FLAC file really holds, from the last frame header near its end: a download cut short
 * still says in STREAMINFO how long the whole was. Each frame header names its first sample and carries a
 * CRC-8, and a frame that reaches the end of the file intact passes its CRC-16; so the frames present end
 * either after that last frame (intact) or where it begins (cut). Read at open, like an Ogg file's last page.
 */
final class FlacTail {
    /** Window searched when STREAMINFO does not give the largest frame size. */
    private static final int DEFAULT_WINDOW = 1 << 20;
    private static final int ID3V1 = 128;

    private FlacTail() {}

    /**
     * Frames present, or -1 when no frame header consistent with STREAMINFO is found near the end (the
     * length then stays what STREAMINFO says and decoding decides).
     *
     * @param audioStart byte offset of the first audio frame
     * @param si         the 34-byte STREAMINFO body
     */
    static long framesPresent(FileSource src, long audioStart, byte[] si, int channels, int bits) throws MediaException {
        ByteBuffer b = ByteBuffer.wrap(si);
        int maxBlock = Short.toUnsignedInt(b.getShort(2));
        int maxFrameBytes = ((si[7] & 0xFF) << 16) | ((si[8] & 0xFF) << 8) | (si[9] & 0xFF);
        long end = src.size();
        int window = (int) Math.min(end - audioStart, maxFrameBytes > 0 ? 2L * maxFrameBytes + 64 : DEFAULT_WINDOW);
        if (window < 4) return -1;
        byte[] tail = new byte[window];
        long from = end - window;
        int got = src.readAtMost(from, ByteBuffer.wrap(tail));
        if (got < window) return -1;
        // An ID3v1 tag ("TAG" + 125 bytes) may follow the last frame.
        int audioEnd = window >= ID3V1 && tail[window - ID3V1] == 'T' && tail[window - ID3V1 + 1] == 'A'
                && tail[window - ID3V1 + 2] == 'G' ? window - ID3V1 : window;
        for (int i = audioEnd - 4; i >= 0; i--) {
            if ((tail[i] & 0xFF) != 0xFF || (tail[i + 1] & 0xFE) != 0xF8) continue;
            long[] h = header(tail, i, audioEnd, maxBlock, channels, bits);
            if (h == null) continue;
            return intact(tail, i, audioEnd) ? h[0] + h[1] : h[0];
        }
        return -1;
    }

    /** {first sample, block size} of a valid frame header at {@code p} that fits STREAMINFO, else null. */
    private static long[] header(byte[] t, int p, int limit, int maxBlock, int channels, int bits) {
        if (p + 6 > limit) return null;
        boolean variable = (t[p + 1] & 1) != 0;
        int blockCode = (t[p + 2] & 0xF0) >>> 4, rateCode = t[p + 2] & 0x0F;
        int assignment = (t[p + 3] & 0xF0) >>> 4, sizeCode = (t[p + 3] & 0x0E) >>> 1;
        if (blockCode == 0 || rateCode == 15 || (t[p + 3] & 1) != 0 || sizeCode == 3) return null;
        if (assignment > 10 || (assignment < 8 ? assignment + 1 : 2) != channels) return null;
        int[] sizes = {0, 8, 12, 0, 16, 20, 24, 32};
        if (sizeCode != 0 && sizes[sizeCode] != bits) return null;
        int q = p + 4;
        int first = t[q] & 0xFF;
        int extra = first < 0x80 ? 0 : first < 0xC0 ? -1 : first < 0xE0 ? 1 : first < 0xF0 ? 2 : first < 0xF8 ? 3
                : first < 0xFC ? 4 : first < 0xFE ? 5 : first == 0xFE ? 6 : -1;
        if (extra < 0 || q + 1 + extra > limit) return null;
        long number = extra == 0 ? first : extra == 6 ? 0 : first & (0x3F >> extra);
        for (int k = 1; k <= extra; k++) {
            int c = t[q + k] & 0xFF;
            if ((c & 0xC0) != 0x80) return null;
            number = (number << 6) | (c & 0x3F);
        }
        q += 1 + extra;
        int blockSize;
        if (blockCode == 6 || blockCode == 7) {
            int n = blockCode == 6 ? 1 : 2;
            if (q + n > limit) return null;
            blockSize = (blockCode == 6 ? t[q] & 0xFF : ((t[q] & 0xFF) << 8) | (t[q + 1] & 0xFF)) + 1;
            q += n;
        } else {
            blockSize = blockCode == 1 ? 192 : blockCode <= 5 ? 576 << (blockCode - 2) : 256 << (blockCode - 8);
        }
        if (rateCode >= 12) q += rateCode == 12 ? 1 : 2;
        if (q + 1 > limit || FlacCrc.crc8(t, p, q) != (t[q] & 0xFF)) return null;
        if (blockSize > maxBlock) return null;
        return new long[] {variable ? number : number * maxBlock, blockSize};
    }

    /**
     * Whether the frame at {@code from} is whole: its CRC-16 (polynomial 0x8005, over the frame and its stored CRC)
     * comes to 0 at the end of the audio, or at a point after which only a tag (APEv2, ID3) or zero padding follows.
     */
    private static boolean intact(byte[] t, int from, int end) {
        int crc = 0;
        for (int i = from; i < end; i++) {
            crc = FlacCrc.crc16(crc, t[i]);
            if (crc == 0 && i - from >= 6 && (i + 1 == end || onlyTrailerFollows(t, i + 1, end))) return true;
        }
        return false;
    }

    private static boolean onlyTrailerFollows(byte[] t, int from, int end) {
        if (startsWith(t, from, end, "APETAGEX") || startsWith(t, from, end, "ID3")) return true;
        for (int i = from; i < end; i++) if (t[i] != 0) return false;
        return true;
    }

    private static boolean startsWith(byte[] t, int from, int end, String ascii) {
        if (end - from < ascii.length()) return false;
        for (int k = 0; k < ascii.length(); k++) if (t[from + k] != ascii.charAt(k)) return false;
        return true;
    }
}
