package dev.loophole.media;

/**
 * FLAC's two checksums (RFC 9639, section 9.1): CRC-8 (polynomial 0x07) over a frame header, CRC-16 (polynomial
 * 0x8005) over a whole frame, both MSB-first from zero. By tables: a frame's CRC-16 takes eight bytes a step.
 */
final class FlacCrc {
    /** CRC16[k][v]: the CRC-16 of byte v followed by k zero bytes (slicing by eight). */
    private static final char[][] CRC16 = new char[8][256];
    private static final byte[] CRC8 = new byte[256];

    static {
        for (int v = 0; v < 256; v++) {
            int c16 = v << 8, c8 = v;
            for (int k = 0; k < 8; k++) {
                c16 = (c16 & 0x8000) != 0 ? (c16 << 1) ^ 0x8005 : c16 << 1;
                c8 = (c8 & 0x80) != 0 ? (c8 << 1) ^ 0x07 : c8 << 1;
            }
            CRC16[0][v] = (char) c16;
            CRC8[v] = (byte) c8;
        }
        for (int k = 1; k < 8; k++)
            for (int v = 0; v < 256; v++) {
                int prev = CRC16[k - 1][v];
                CRC16[k][v] = (char) (((prev << 8) & 0xFFFF) ^ CRC16[0][prev >>> 8]);
            }
    }

    private FlacCrc() {}

    /** The CRC-8 after one more byte. */
    static int crc8(int crc, int b) {
        return CRC8[(crc ^ b) & 0xFF] & 0xFF;
    }

    /** The CRC-16 after one more byte. */
    static int crc16(int crc, byte b) {
        return ((crc << 8) & 0xFFFF) ^ CRC16[0][(crc >>> 8) ^ (b & 0xFF)];
    }

    static int crc16(byte[] b, int from, int to) {
        char[] t0 = CRC16[0], t1 = CRC16[1], t2 = CRC16[2], t3 = CRC16[3], t4 = CRC16[4], t5 = CRC16[5], t6 = CRC16[6], t7 = CRC16[7];
        int crc = 0, i = from;
        for (; i + 8 <= to; i += 8)
            crc = t7[(crc >>> 8) ^ (b[i] & 0xFF)] ^ t6[(crc & 0xFF) ^ (b[i + 1] & 0xFF)] ^ t5[b[i + 2] & 0xFF] ^ t4[b[i + 3] & 0xFF]
                    ^ t3[b[i + 4] & 0xFF] ^ t2[b[i + 5] & 0xFF] ^ t1[b[i + 6] & 0xFF] ^ t0[b[i + 7] & 0xFF];
        for (; i < to; i++) crc = crc16(crc, b[i]);
        return crc;
    }
}
