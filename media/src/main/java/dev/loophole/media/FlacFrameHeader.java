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
    /** The header's bytes after the two sync bytes, one at a time (0–255). */
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
     * checks it fits a stream of {@code channels} × {@code bits}-bit samples and blocks of at most {@code maxBlock}.
     */
    static FlacFrameHeader read(int syncSecond, Input in, int channels, int bits, int maxBlock) throws IOException {
        if ((syncSecond & 0xFE) != 0xF8) throw new FlacFrameDecoder.Corrupt(
                (syncSecond & 0xFC) == 0xF8 ? "a frame header's reserved bit is set" : "no frame sync code", false);
        int crc = FlacCrc.crc8(FlacCrc.crc8(0, 0xFF), syncSecond);
        int b2 = in.next(), b3 = in.next();
        crc = FlacCrc.crc8(FlacCrc.crc8(crc, b2), b3);
        int blockCode = b2 >>> 4, rateCode = b2 & 0x0F, assignment = b3 >>> 4, sizeCode = (b3 >>> 1) & 7;
        if ((b3 & 1) != 0) throw corrupt("a frame header's reserved bit is set");
        if (rateCode == 15) throw corrupt("a frame header's sample rate code is invalid");
        if (assignment > 10) throw corrupt("a frame header's channel assignment " + assignment + " is reserved");
        int frameChannels = assignment < 8 ? assignment + 1 : 2;
        if (frameChannels != channels) throw corrupt("a frame has " + frameChannels + " channels; STREAMINFO says " + channels);
        if (sizeCode == 3) throw corrupt("a frame header's sample size code is reserved");
        int frameBits = sizeCode == 0 ? bits : SAMPLE_BITS[sizeCode];
        if (frameBits != bits) throw corrupt("a frame has " + frameBits + "-bit samples; STREAMINFO says " + bits);

        // The frame or sample number, coded like UTF-8 in up to 7 bytes (36 bits).
        int first = in.next();
        crc = FlacCrc.crc8(crc, first);
        int extra = first < 0x80 ? 0 : first < 0xC0 ? -1 : first < 0xE0 ? 1 : first < 0xF0 ? 2 : first < 0xF8 ? 3
                : first < 0xFC ? 4 : first < 0xFE ? 5 : first == 0xFE ? 6 : -1;
        if (extra < 0) throw corrupt("a frame header's frame number is not UTF-8 coded");
        long number = extra == 0 ? first : extra == 6 ? 0 : first & (0x3F >> extra);
        for (int k = 0; k < extra; k++) {
            int c = in.next();
            crc = FlacCrc.crc8(crc, c);
            if ((c & 0xC0) != 0x80) throw corrupt("a frame header's frame number is not UTF-8 coded");
            number = (number << 6) | (c & 0x3F);
        }

        if (blockCode == 0) throw corrupt("a frame header's block size code is reserved");
        int blockSize;
        if (blockCode == 6 || blockCode == 7) {
            int v = in.next();
            crc = FlacCrc.crc8(crc, v);
            if (blockCode == 7) {
                int lo = in.next();
                crc = FlacCrc.crc8(crc, lo);
                v = (v << 8) | lo;
            }
            blockSize = v + 1;
        } else {
            blockSize = blockCode == 1 ? 192 : blockCode <= 5 ? 576 << (blockCode - 2) : 256 << (blockCode - 8);
        }
        for (int k = rateCode == 12 ? 1 : rateCode == 13 || rateCode == 14 ? 2 : 0; k > 0; k--) crc = FlacCrc.crc8(crc, in.next());
        if (in.next() != crc) throw new FlacFrameDecoder.Corrupt("a frame header fails its CRC check", true);
        if (blockSize > maxBlock)
            throw corrupt("a frame of " + blockSize + " samples exceeds STREAMINFO's largest, " + maxBlock);
        return new FlacFrameHeader((syncSecond & 1) != 0, number, blockSize, assignment);
    }

    private static FlacFrameDecoder.Corrupt corrupt(String message) {
        return new FlacFrameDecoder.Corrupt(message, false);
    }
}
