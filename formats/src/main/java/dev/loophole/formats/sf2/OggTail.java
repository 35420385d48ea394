package dev.loophole.formats.sf2;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The length of an Ogg stream stored in a SoundFont 3 {@code smpl} chunk, from its last page alone: that page's
 * granule position is the number of frames the stream decodes to (an Ogg Vorbis stream starts at granule 0),
 * so a bank's compressed samples get exact lengths at load without decoding anything.
 */
final class OggTail {
    private OggTail() {}

    /** Largest Ogg page: 27-byte header + 255 lacing values + 255 × 255 bytes. */
    static final int MAX_PAGE = 27 + 255 + 255 * 255;

    /**
     * Frames in the stream at bytes {@code from .. to} of the file, or a negative number when the bytes do not start
     * with an Ogg page or do not end with a complete one carrying a granule position.
     */
    static long frames(RiffReader r, long from, long to) throws IOException {
        if (to - from < 28 || RiffReader.fourCc(r.read(from, 4), 0).equals("OggS") == false) return -1;
        // The last page is usually a few KB: look at a small tail first, grow it only when the page is larger.
        for (int window = 8192; ; window *= 4) {
            int n = (int) Math.min(to - from, Math.min(window, 2L * MAX_PAGE));
            ByteBuffer b = r.read(to - n, n);
            for (int at = n - 27; at >= 0; at--) {
                if (b.get(at) != 'O' || b.get(at + 1) != 'g' || b.get(at + 2) != 'g' || b.get(at + 3) != 'S') continue;
                int segments = b.get(at + 26) & 0xFF;
                if (at + 27 + segments > n) continue;
                long size = 27L + segments;
                for (int i = 0; i < segments; i++) size += b.get(at + 27 + i) & 0xFF;
                if (at + size == n) { // the page that ends exactly where the sample's bytes end
                    long granule = b.getLong(at + 6);
                    return granule >= 0 ? granule : -1;
                }
            }
            if (n == to - from || n == 2L * MAX_PAGE) return -1;
        }
    }
}
