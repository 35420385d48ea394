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
            FlacFrameHeader h = header(tail, i, audioEnd, maxBlock, channels, bits);
            if (h == null) continue;
            long first = h.firstSample(maxBlock);
            return intact(tail, i, audioEnd) ? first + h.blockSize() : first;
        }
        return -1;
    }

    /** The valid frame header at {@code p} that fits STREAMINFO, else null (audio bytes can look like a sync code). */
    private static FlacFrameHeader header(byte[] t, int p, int limit, int maxBlock, int channels, int bits) {
        int[] at = {p + 2};
        try {
            return FlacFrameHeader.find(t[p + 1] & 0xFF, () -> at[0] < limit ? t[at[0]++] & 0xFF : -1, channels, bits, maxBlock);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("reading from memory", e); // the input above throws nothing
        }
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
