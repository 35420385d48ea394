package dev.loophole.media;

import java.io.IOException;

/**
 * One FLAC frame header (RFC 9639, section 9.1), read and checked against STREAMINFO: the one reader behind both the
 * frame decoder and {@link FlacTail}'s search for the last frame, so both agree on where a frame begins.
 *
 * @param variable   the blocking strategy bit: the coded number is a sample number (else a frame number)
 * @param number     the coded frame or sample number
 * @param blockSize  samples in this frame
 * @param assignment the channel assignment (0–7 independent channels, 8–10 a stereo decorrelation)
 */
record FlacFrameHeader(boolean variable, long number, int blockSize, int assignment) {
    /** The header's bytes after the two sync bytes, one at a time (0–255; for {@link #find}, negative past the end). */
    interface Input {
        int next() throws IOException;
    }

    /** Bits per sample by the header's sample size code; 0 = as STREAMINFO, -1 reserved. */
    private static final int[] SAMPLE_BITS = {0, 8, 12, -1, 16, 20, 24, 32};

    /**
     * The first sample of this frame. In a fixed-blocksize stream the coded number counts frames, and every frame but
     * the last holds the stream's block size, STREAMINFO's largest (the last may be shorter, so its own size will not do).
     */
    long firstSample(int streamBlockSize) {
        return variable ? number : number * streamBlockSize;
    }

    /**
     * Reads the header whose two sync bytes were {@code 0xFF, syncSecond} from {@code in}, through its CRC-8, and
     * checks it fits a stream of {@code channels} × {@code bits}-bit samples and blocks of at most {@code maxBlock};
     * throws what is wrong with it.
     */
    static FlacFrameHeader read(int syncSecond, Input in, int channels, int bits, int maxBlock) throws IOException {
        return parse(syncSecond, in, channels, bits, maxBlock, true);
    }

    /**
     * As {@link #read}, for a search through bytes that may only look like a header (audio bytes can hold a sync
     * code): null where they are not one, or where {@code in} runs out (returns a negative byte), without the cost of
     * an exception per false sync.
     */
    static FlacFrameHeader find(int syncSecond, Input in, int channels, int bits, int maxBlock) throws IOException {
        return parse(syncSecond, in, channels, bits, maxBlock, false);
    }

    /** {@code explain}: a header that does not fit throws what is wrong with it; else it is null. */
    private static FlacFrameHeader parse(int syncSecond, Input in, int channels, int bits, int maxBlock, boolean explain) throws IOException {
        if ((syncSecond & 0xFE) != 0xF8)
            return refuse(explain, (syncSecond & 0xFC) == 0xF8 ? "a frame header's reserved bit is set" : "no frame sync code");
        int crc = FlacCrc.crc8(FlacCrc.crc8(0, 0xFF), syncSecond);
        int b2 = in.next(), b3 = in.next();
        if (b3 < 0) return refuse(explain, ENDS);
        crc = FlacCrc.crc8(FlacCrc.crc8(crc, b2), b3);
        int blockCode = b2 >>> 4, rateCode = b2 & 0x0F, assignment = b3 >>> 4, sizeCode = (b3 >>> 1) & 7;
        if ((b3 & 1) != 0) return refuse(explain, "a frame header's reserved bit is set");
        if (rateCode == 15) return refuse(explain, "a frame header's sample rate code is invalid");
        if (assignment > 10) return refuse(explain, explain ? "a frame header's channel assignment " + assignment + " is reserved" : null);
        int frameChannels = assignment < 8 ? assignment + 1 : 2;
        if (frameChannels != channels)
            return refuse(explain, explain ? "a frame has " + frameChannels + " channels; STREAMINFO says " + channels : null);
        if (sizeCode == 3) return refuse(explain, "a frame header's sample size code is reserved");
        int frameBits = sizeCode == 0 ? bits : SAMPLE_BITS[sizeCode];
        if (frameBits != bits) return refuse(explain, explain ? "a frame has " + frameBits + "-bit samples; STREAMINFO says " + bits : null);

        // The frame or sample number, coded like UTF-8 in up to 7 bytes (36 bits).
        int first = in.next();
        if (first < 0) return refuse(explain, ENDS);
        crc = FlacCrc.crc8(crc, first);
        int extra = first < 0x80 ? 0 : first < 0xC0 ? -1 : first < 0xE0 ? 1 : first < 0xF0 ? 2 : first < 0xF8 ? 3
                : first < 0xFC ? 4 : first < 0xFE ? 5 : first == 0xFE ? 6 : -1;
        if (extra < 0) return refuse(explain, "a frame header's frame number is not UTF-8 coded");
        long number = extra == 0 ? first : extra == 6 ? 0 : first & (0x3F >> extra);
        for (int k = 0; k < extra; k++) {
            int c = in.next();
            if (c < 0) return refuse(explain, ENDS);
            crc = FlacCrc.crc8(crc, c);
            if ((c & 0xC0) != 0x80) return refuse(explain, "a frame header's frame number is not UTF-8 coded");
            number = (number << 6) | (c & 0x3F);
        }

        if (blockCode == 0) return refuse(explain, "a frame header's block size code is reserved");
        int blockSize;
        if (blockCode == 6 || blockCode == 7) {
            int v = in.next();
            if (v < 0) return refuse(explain, ENDS);
            crc = FlacCrc.crc8(crc, v);
            if (blockCode == 7) {
                int lo = in.next();
                if (lo < 0) return refuse(explain, ENDS);
                crc = FlacCrc.crc8(crc, lo);
                v = (v << 8) | lo;
            }
            blockSize = v + 1;
        } else {
            blockSize = blockCode == 1 ? 192 : blockCode <= 5 ? 576 << (blockCode - 2) : 256 << (blockCode - 8);
        }
        for (int k = rateCode == 12 ? 1 : rateCode == 13 || rateCode == 14 ? 2 : 0; k > 0; k--) {
            int c = in.next();
            if (c < 0) return refuse(explain, ENDS);
            crc = FlacCrc.crc8(crc, c);
        }
        int stored = in.next();
        if (stored != crc) {
            if (explain && stored >= 0) throw new FlacFrameDecoder.Corrupt("a frame header fails its CRC check", true);
            return refuse(explain, ENDS);
        }
        if (blockSize > maxBlock)
            return refuse(explain, explain ? "a frame of " + blockSize + " samples exceeds STREAMINFO's largest, " + maxBlock : null);
        return new FlacFrameHeader((syncSecond & 1) != 0, number, blockSize, assignment);
    }

    private static final String ENDS = "the input ends inside a frame header";

    /** Null, or with {@code explain} the header's fault thrown. */
    private static FlacFrameHeader refuse(boolean explain, String message) throws FlacFrameDecoder.Corrupt {
        if (explain) throw corrupt(message);
        return null;
    }

    private static FlacFrameDecoder.Corrupt corrupt(String message) {
        return new FlacFrameDecoder.Corrupt(message, false);
    }
}
