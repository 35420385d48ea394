package dev.loophole.media.library;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Text a file carries about itself: BWF {@code bext}, RIFF {@code LIST/INFO}, the {@code acid} chunk (tempo,
 * root note, one-shot flag), AIFF NAME/AUTH/ANNO, and Vorbis comments (FLAC and Ogg). Keys are
 * {@code bext.description}, {@code info.INAM}, {@code acid.tempo}, {@code vorbis.ARTIST}, … Only small metadata
 * chunks are read; a damaged one is skipped (the audio readers report damage, this is best effort).
 */
final class EmbeddedTags {
    private static final int CHUNK_LIMIT = 1 << 16;

    private EmbeddedTags() {}

    static Map<String, String> read(Path file, String format) {
        Map<String, String> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            switch (format) {
                case "WAV" -> riff(ch, out);
                case "AIFF" -> aiff(ch, out);
                case "FLAC" -> flac(ch, out);
                case "OGG_VORBIS" -> ogg(ch, out);
                default -> { }
            }
        } catch (IOException | RuntimeException e) {
            // best effort: whatever was read so far stays
        }
        return out;
    }

    private static ByteBuffer bytes(FileChannel ch, long at, int n, ByteOrder order) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(order);
        while (b.hasRemaining()) if (ch.read(b, at + b.position()) < 0) break;
        return b.flip();
    }

    /** What to do with one top-level chunk's body. */
    private interface ChunkReader {
        void read(String id, ByteBuffer body);
    }

    /** Walks the top-level chunks of a RIFF or IFF file, handing the small ones named in {@code ids} to {@code reader}. */
    private static void chunks(FileChannel ch, ByteOrder order, java.util.Set<String> ids, ChunkReader reader) throws IOException {
        long pos = 12, end = ch.size();
        while (pos + 8 <= end) {
            ByteBuffer h = bytes(ch, pos, 8, order);
            if (h.limit() < 8) return;
            String id = fourCC(h, 0);
            long size = Integer.toUnsignedLong(h.getInt(4));
            if (size <= CHUNK_LIMIT && ids.contains(id)) reader.read(id, bytes(ch, pos + 8, (int) size, order));
            pos += 8 + size + (size & 1);
        }
    }

    private static void riff(FileChannel ch, Map<String, String> out) throws IOException {
        chunks(ch, ByteOrder.LITTLE_ENDIAN, java.util.Set.of("bext", "LIST", "acid"), (id, b) -> {
            switch (id) {
                case "bext" -> bext(b, out);
                case "LIST" -> info(b, out);
                default -> acid(b, out);
            }
        });
    }

    /** BWF: Description[256] Originator[32] OriginatorReference[32] OriginationDate[10] OriginationTime[8]. */
    private static void bext(ByteBuffer b, Map<String, String> out) {
        put(out, "bext.description", text(b, 0, 256));
        put(out, "bext.originator", text(b, 256, 32));
        put(out, "bext.originatorReference", text(b, 288, 32));
        put(out, "bext.originationDate", text(b, 320, 10));
    }

    private static void info(ByteBuffer b, Map<String, String> out) {
        if (b.limit() < 4 || !fourCC(b, 0).equals("INFO")) return;
        int pos = 4;
        while (b.limit() - pos >= 8) {
            String id = fourCC(b, pos);
            int size = b.getInt(pos + 4);
            if (size < 0 || size > b.limit() - pos - 8) return;
            put(out, "info." + id, text(b, pos + 8, size));
            pos += 8 + size + (size & 1);
        }
    }

    /** acid: flags (bit 0 one-shot, bit 1 root note set), root note, …, beats at 12, tempo (float) at 20. */
    private static void acid(ByteBuffer b, Map<String, String> out) {
        if (b.limit() < 24) return;
        int flags = b.getInt(0);
        out.put("acid.oneShot", (flags & 1) != 0 ? "1" : "0");
        if ((flags & 2) != 0) out.put("acid.rootNote", Integer.toString(b.getShort(4) & 0xFFFF));
        out.put("acid.beats", Integer.toString(b.getInt(12)));
        float tempo = b.getFloat(20);
        if (tempo > 0 && tempo < 1000) out.put("acid.tempo", Float.toString(tempo));
    }

    private static void aiff(FileChannel ch, Map<String, String> out) throws IOException {
        chunks(ch, ByteOrder.BIG_ENDIAN, java.util.Set.of("NAME", "AUTH", "ANNO", "(c) "),
                (id, b) -> put(out, "aiff." + id.trim(), text(b, 0, b.limit())));
    }

    private static void flac(FileChannel ch, Map<String, String> out) throws IOException {
        long pos = id3Length(ch) + 4;
        while (pos + 4 <= ch.size()) {
            ByteBuffer h = bytes(ch, pos, 4, ByteOrder.BIG_ENDIAN);
            int type = h.get(0) & 0x7F;
            boolean last = (h.get(0) & 0x80) != 0;
            int len = ((h.get(1) & 0xFF) << 16) | ((h.get(2) & 0xFF) << 8) | (h.get(3) & 0xFF);
            if (type == 4 && len <= CHUNK_LIMIT * 4) vorbisComments(bytes(ch, pos + 4, len, ByteOrder.LITTLE_ENDIAN), 0, out);
            if (last) return;
            pos += 4 + len;
        }
    }

    private static long id3Length(FileChannel ch) throws IOException {
        ByteBuffer b = bytes(ch, 0, 10, ByteOrder.BIG_ENDIAN);
        if (b.limit() < 10 || b.get(0) != 'I' || b.get(1) != 'D' || b.get(2) != '3') return 0;
        long size = 0;
        for (int i = 6; i < 10; i++) size = (size << 7) | (b.get(i) & 0x7F);
        return 10 + size + ((b.get(5) & 0x10) != 0 ? 10 : 0);
    }

    /** The second Ogg packet is the Vorbis comment header ({@code 0x03 "vorbis"}); it may span pages. */
    private static void ogg(FileChannel ch, Map<String, String> out) throws IOException {
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        int packetNo = 0;
        long pos = 0;
        for (int page = 0; page < 16 && pos + 27 <= ch.size(); page++) {
            ByteBuffer h = bytes(ch, pos, 27, ByteOrder.LITTLE_ENDIAN);
            if (!fourCC(h, 0).equals("OggS")) return;
            int segments = h.get(26) & 0xFF;
            ByteBuffer lacing = bytes(ch, pos + 27, segments, ByteOrder.LITTLE_ENDIAN);
            long data = pos + 27 + segments;
            for (int s = 0; s < segments; s++) {
                int len = lacing.get(s) & 0xFF;
                if (packetNo == 1) {
                    if (packet.size() + len > CHUNK_LIMIT * 4) return;
                    packet.write(bytes(ch, data, len, ByteOrder.LITTLE_ENDIAN).array(), 0, len);
                }
                data += len;
                if (len < 255) {
                    if (packetNo == 1) {
                        byte[] p = packet.toByteArray();
                        if (p.length > 7 && p[0] == 3) vorbisComments(ByteBuffer.wrap(p).order(ByteOrder.LITTLE_ENDIAN), 7, out);
                        return;
                    }
                    packetNo++;
                }
            }
            pos = data;
        }
    }

    private static void vorbisComments(ByteBuffer b, int at, Map<String, String> out) {
        int vendor = b.getInt(at);
        int pos = at + 4 + vendor;
        int count = b.getInt(pos);
        pos += 4;
        for (int i = 0; i < count && pos + 4 <= b.limit(); i++) {
            int len = b.getInt(pos);
            if (len < 0 || len > b.limit() - pos - 4) return;
            String c = new String(b.array(), b.arrayOffset() + pos + 4, len, StandardCharsets.UTF_8);
            int eq = c.indexOf('=');
            if (eq > 0) put(out, "vorbis." + c.substring(0, eq).toUpperCase(java.util.Locale.ROOT), c.substring(eq + 1));
            pos += 4 + len;
        }
    }

    private static String fourCC(ByteBuffer b, int at) {
        return new String(new byte[]{b.get(at), b.get(at + 1), b.get(at + 2), b.get(at + 3)}, StandardCharsets.ISO_8859_1);
    }

    /** NUL-terminated or padded text; BWF and INFO are ASCII in practice, read as UTF-8 (ASCII is a subset). */
    private static String text(ByteBuffer b, int at, int max) {
        int n = 0;
        while (n < max && at + n < b.limit() && b.get(at + n) != 0) n++;
        return new String(b.array(), b.arrayOffset() + at, n, StandardCharsets.UTF_8).strip();
    }

    private static void put(Map<String, String> out, String key, String value) {
        if (value != null && !value.isBlank()) out.merge(key, value.strip(), (a, v) -> a + "; " + v);
    }
}
