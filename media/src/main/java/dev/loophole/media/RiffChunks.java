package dev.loophole.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Walks the chunk list of a RIFF (little-endian) or IFF/AIFF (big-endian) file. Both pad odd-sized
 * chunks to an even length; both are read leniently, because real files are often slightly wrong.
 */
final class RiffChunks {
    /** 0xFFFFFFFF as a size means "see ds64" in RF64 and "until the end" in streaming-written RIFF. */
    static final long SIZE_UNKNOWN = 0xFFFF_FFFFL;

    /**
     * One chunk.
     *
     * @param offset    file offset of the body (after the 8-byte header)
     * @param size      size the file declares
     * @param available bytes of the body that are really in the file
     */
    record Chunk(String id, long offset, long size, long available) {
        boolean truncated() { return available < size; }
    }

    private RiffChunks() {}

    /**
     * Lists the chunks from {@code start} to the end of the file.
     *
     * @param bigSizes RF64 ds64 sizes by chunk id, used where a header says 0xFFFFFFFF
     * @param warnings receives what was repaired or skipped
     */
    static List<Chunk> scan(FileSource src, long start, ByteOrder order, Map<String, Long> bigSizes, List<String> warnings)
            throws MediaException {
        List<Chunk> chunks = new ArrayList<>();
        long pos = start;
        long end = src.size();
        while (end - pos >= 8) {
            ByteBuffer h = src.read(pos, 8, order, "chunk header");
            String id = fourCC(h, 0);
            if (!isPrintable(id)) {
                // Writers that forget the pad byte leave the next header one byte early; accept that.
                if (pos > start && end - (pos - 1) >= 8 && looksPadMisaligned(src, pos - 1, order, chunks)) {
                    pos--;
                    continue;
                }
                warnings.add("unreadable chunk header at offset " + pos + "; ignored the last " + (end - pos) + " bytes");
                break;
            }
            long size = Integer.toUnsignedLong(h.getInt(4));
            if (size == SIZE_UNKNOWN) size = bigSizes.getOrDefault(id, end - pos - 8);
            long body = pos + 8;
            long available = Math.min(size, end - body);
            chunks.add(new Chunk(id, body, size, available));
            if (available < size) break;
            pos = body + size + (size & 1);
        }
        return chunks;
    }

    /** Re-checks the previous chunk's tail: true if a valid header starts one byte before {@code pos + 1}. */
    private static boolean looksPadMisaligned(FileSource src, long pos, ByteOrder order, List<Chunk> chunks)
            throws MediaException {
        if (chunks.isEmpty()) return false;
        Chunk last = chunks.getLast();
        if ((last.size() & 1) == 0 || last.offset() + last.size() != pos) return false;
        String id = fourCC(src.read(pos, 8, order, "chunk header"), 0);
        return isPrintable(id);
    }

    static String fourCC(ByteBuffer b, int at) {
        char[] c = new char[4];
        for (int i = 0; i < 4; i++) c[i] = (char) (b.get(at + i) & 0xFF);
        return new String(c);
    }

    static boolean isPrintable(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x20 || c > 0x7E) return false;
        }
        return true;
    }

    /** A fourCC for an error message: quoted when printable, hex otherwise. */
    static String describe(String id) {
        if (isPrintable(id)) return "'" + id + "'";
        StringBuilder sb = new StringBuilder("0x");
        for (int i = 0; i < id.length(); i++) sb.append(String.format("%02X", (int) id.charAt(i)));
        return sb.toString();
    }

    /** Reads at most {@code limit} bytes of a chunk's body (metadata chunks only; never the audio). */
    static ByteBuffer body(FileSource src, Chunk chunk, int limit, ByteOrder order) throws MediaException {
        int n = (int) Math.min(chunk.available(), limit);
        return src.read(chunk.offset(), n, order, "'" + chunk.id() + "' chunk");
    }
}
