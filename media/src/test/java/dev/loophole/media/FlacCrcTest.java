package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The table-driven checksums against the bit-by-bit definitions, on seeded random bytes of every length to 40. */
class FlacCrcTest {
    static int bitwise(byte[] b, int from, int to, int width, int poly) {
        int top = 1 << (width - 1), mask = (1 << width) - 1, crc = 0;
        for (int i = from; i < to; i++) {
            crc ^= (b[i] & 0xFF) << (width - 8);
            for (int k = 0; k < 8; k++) crc = ((crc & top) != 0 ? (crc << 1) ^ poly : crc << 1) & mask;
        }
        return crc;
    }

    @Test
    void tablesAgreeWithTheBitwiseDefinition() {
        SplittableRandom rnd = new SplittableRandom(15);
        for (int len = 0; len <= 40; len++) {
            for (int trial = 0; trial < 20; trial++) {
                byte[] b = new byte[len + 3];
                rnd.nextBytes(b);
                assertThat(FlacCrc.crc16(b, 3, 3 + len)).as("crc16 of %d bytes", len).isEqualTo(bitwise(b, 3, 3 + len, 16, 0x8005));
                assertThat(crc8(b, 3, 3 + len)).as("crc8 of %d bytes", len).isEqualTo(bitwise(b, 3, 3 + len, 8, 0x07));
                int step = 0;
                for (int i = 3; i < 3 + len; i++) step = FlacCrc.crc16(step, b[i]);
                assertThat(step).isEqualTo(bitwise(b, 3, 3 + len, 16, 0x8005));
            }
        }
        // A known value: CRC-16/UMTS (poly 0x8005, init 0, no reflection) of "123456789" is 0xFEE8.
        assertThat(FlacCrc.crc16("123456789".getBytes(), 0, 9)).isEqualTo(0xFEE8);
        // CRC-8 (poly 0x07, init 0): 0xF4.
        assertThat(crc8("123456789".getBytes(), 0, 9)).isEqualTo(0xF4);
    }

    /** The frame header's CRC as its reader forms it: byte by byte. */
    private static int crc8(byte[] b, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) crc = FlacCrc.crc8(crc, b[i]);
        return crc;
    }
}
