package dev.loophole.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Ogg's page checksum (CRC-32, polynomial 0x04C11DB7, no reflection, initial 0), for tests that forge pages. */
final class OggCrc {
    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int r = i << 24;
            for (int k = 0; k < 8; k++) r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            TABLE[i] = r;
        }
    }

    private OggCrc() {}

    static int crc(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ b[i]) & 0xFF];
        return crc;
    }

    /**
     * Rewrites the checksum of every page of {@code damaged}, at the page positions and lengths of
     * {@code original} (same length), so that damaged page bodies still pass the Ogg layer.
     */
    static byte[] fixPages(byte[] damaged, byte[] original) {
        ByteBuffer out = ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        while (at + 27 <= original.length) {
            int segments = original[at + 26] & 0xFF;
            int length = 27 + segments;
            for (int s = 0; s < segments && at + 27 + s < original.length; s++) length += original[at + 27 + s] & 0xFF;
            int end = Math.min(at + length, damaged.length);
            out.putInt(at + 22, 0);
            out.putInt(at + 22, crc(damaged, at, end));
            at += length;
        }
        return damaged;
    }
}
