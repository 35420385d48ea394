package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FlacFrameHeader#find} (the tail search's, no exception per false sync) refuses exactly the bytes
 * {@link FlacFrameHeader#read} (the decoder's) throws for, and reads the same header from the rest; past the end of
 * its input it is null. Random header bytes (most refused, as audio bytes after a sync code are), and real headers
 * with their CRC-8 made here from the CRC's definition.
 */
class FlacFrameHeaderTest {
    @Test
    void findRefusesWhatReadThrowsForAndReadsTheSameHeaders() throws IOException {
        SplittableRandom rnd = new SplittableRandom(9639);
        int found = 0;
        for (int t = 0; t < 60_000; t++) {
            byte[] b = new byte[16];
            for (int i = 0; i < b.length; i++) b[i] = (byte) rnd.nextInt(256);
            b[0] = (byte) 0xFF;
            b[1] = (byte) (0xF8 | rnd.nextInt(4)); // sync, the reserved bit and the blocking strategy at random
            if (t % 2 == 0) { // a plausible header for stereo 16-bit: block code 1-15, a rate code, assignment 1 or 8-10, size 4
                b[2] = (byte) ((1 + rnd.nextInt(15)) << 4 | rnd.nextInt(15));
                b[3] = (byte) ((rnd.nextBoolean() ? 1 : 8 + rnd.nextInt(3)) << 4 | 4 << 1);
                b[4] = (byte) rnd.nextInt(0x80);
                int end = headerEnd(b);
                if (t % 4 == 0) b[end] = (byte) crc8(b, end); // most of these pass
            }
            FlacFrameHeader thrown = null;
            boolean threw = false;
            try {
                thrown = FlacFrameHeader.read(b[1] & 0xFF, input(b, b.length), 2, 16, 4096);
            } catch (FlacFrameDecoder.Corrupt e) {
                threw = true;
            }
            FlacFrameHeader h = FlacFrameHeader.find(b[1] & 0xFF, input(b, b.length), 2, 16, 4096);
            assertThat(h).as("case %d", t).isEqualTo(thrown);
            assertThat(h == null).as("case %d", t).isEqualTo(threw);
            if (h != null) {
                found++;
                assertThat(FlacFrameHeader.find(b[1] & 0xFF, input(b, headerEnd(b)), 2, 16, 4096)).as("cut before its CRC").isNull();
            }
        }
        assertThat(found).as("headers that pass were tried too").isGreaterThan(3_000);
    }

    /** Bytes from index 2 on, then -1 from {@code limit}. */
    private static FlacFrameHeader.Input input(byte[] b, int limit) {
        int[] at = {2};
        return () -> at[0] < limit ? b[at[0]++] & 0xFF : -1;
    }

    /** Where a header in b (a one-byte number) keeps its CRC-8: after the optional block size and rate bytes. */
    private static int headerEnd(byte[] b) {
        int blockCode = (b[2] & 0xFF) >>> 4, rateCode = b[2] & 0x0F;
        return 5 + (blockCode == 6 ? 1 : blockCode == 7 ? 2 : 0) + (rateCode == 12 ? 1 : rateCode == 13 || rateCode == 14 ? 2 : 0);
    }

    /** CRC-8, polynomial x^8 + x^2 + x + 1 (0x07), initial 0, bit by bit as RFC 9639 defines it. */
    private static int crc8(byte[] b, int end) {
        int crc = 0;
        for (int i = 0; i < end; i++) {
            crc ^= b[i] & 0xFF;
            for (int k = 0; k < 8; k++) crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0x07) & 0xFF : (crc << 1) & 0xFF;
        }
        return crc;
    }
}
