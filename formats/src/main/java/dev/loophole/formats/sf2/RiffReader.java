package dev.loophole.formats.sf2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Walks RIFF chunks of a file through a {@link SeekableByteChannel} without reading their bodies, so that a
 * 141 MB {@code smpl} chunk costs nothing at load. Every size is checked against the enclosing chunk
 * (and so against the file size) before anything is read or allocated.
 */
final class RiffReader {
    /** A chunk header: four-character id, body offset in the file, body size as declared. */
    record Chunk(String id, long offset, long size, String listType) {
        long end() { return offset + size; }
    }

    private final Path file;
    private final SeekableByteChannel channel;
    private final long fileSize;

    RiffReader(Path file, SeekableByteChannel channel) throws IOException {
        this.file = file;
        this.channel = channel;
        this.fileSize = channel.size();
    }

    long fileSize() { return fileSize; }

    /** The top-level {@code RIFF} chunk, which must have form type {@code form}. */
    Chunk root(String form) throws IOException {
        if (fileSize < 12) throw new Sf2Exception(file, "RIFF header", "a RIFF file of at least 12 bytes, found " + fileSize);
        ByteBuffer b = read(0, 12);
        String id = fourCc(b, 0);
        if (!id.equals("RIFF")) throw new Sf2Exception(file, "RIFF header", "'RIFF' at offset 0, found '" + printable(id) + "'");
        long size = b.getInt(4) & 0xFFFFFFFFL;
        String type = fourCc(b, 8);
        if (!type.equals(form)) throw new Sf2Exception(file, "RIFF header", "form type '" + form + "', found '" + printable(type) + "'");
        if (size < 4 || 8 + size > fileSize)
            throw new Sf2Exception(file, "RIFF header", "a RIFF size within the file (" + (fileSize - 8) + " bytes), found " + size);
        return new Chunk("RIFF", 12, size - 4, form);
    }

    /**
     * The sub-chunks of {@code parent} in order. A sub-chunk whose size runs past its parent is an error;
     * odd sizes are followed by one pad byte, as RIFF requires.
     */
    java.util.List<Chunk> children(Chunk parent, String where) throws IOException {
        java.util.List<Chunk> out = new java.util.ArrayList<>();
        long pos = parent.offset();
        while (pos + 8 <= parent.end()) {
            ByteBuffer h = read(pos, 8);
            String id = fourCc(h, 0);
            long size = h.getInt(4) & 0xFFFFFFFFL;
            long body = pos + 8;
            if (body + size > parent.end())
                throw new Sf2Exception(file, where + "/" + printable(id) + " at offset " + pos,
                        "a chunk size within its parent (at most " + (parent.end() - body) + " bytes), found " + size);
            String listType = null;
            if (id.equals("LIST")) {
                if (size < 4) throw new Sf2Exception(file, where + "/LIST at offset " + pos, "a LIST of at least 4 bytes, found " + size);
                listType = fourCc(read(body, 4), 0);
                out.add(new Chunk(id, body + 4, size - 4, listType));
            } else {
                out.add(new Chunk(id, body, size, null));
            }
            pos = body + size + (size & 1);
            if (out.size() > 10_000) throw new Sf2Exception(file, where, "at most 10000 sub-chunks");
        }
        return out;
    }

    /** Reads {@code length} bytes at {@code offset}, little-endian. The caller has checked the range. */
    ByteBuffer read(long offset, int length) throws IOException {
        if (offset < 0 || length < 0 || offset + length > fileSize)
            throw new Sf2Exception(file, "offset " + offset, length + " bytes within the file of " + fileSize + " bytes");
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        channel.position(offset);
        while (b.hasRemaining()) {
            int n = channel.read(b);
            if (n < 0) throw new Sf2Exception(file, "offset " + (offset + b.position()), "more data, found the end of the file");
        }
        return b.flip();
    }

    static String fourCc(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        for (int i = 0; i < 4; i++) id[i] = b.get(at + i);
        return new String(id, StandardCharsets.ISO_8859_1);
    }

    /** A zero-terminated (or full-length) ASCII string of at most {@code length} bytes. */
    static String string(ByteBuffer b, int at, int length) {
        int n = 0;
        while (n < length && b.get(at + n) != 0) n++;
        byte[] s = new byte[n];
        for (int i = 0; i < n; i++) s[i] = b.get(at + i);
        return new String(s, StandardCharsets.ISO_8859_1).strip();
    }

    static String printable(String id) {
        StringBuilder sb = new StringBuilder();
        for (char c : id.toCharArray()) sb.append(c >= 32 && c < 127 ? c : '?');
        return sb.toString();
    }
}
