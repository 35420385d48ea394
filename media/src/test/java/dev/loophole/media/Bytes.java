package dev.loophole.media;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds files byte by byte for tests, so every header field is one the test chose. */
final class Bytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final boolean littleEndian;

    private Bytes(boolean littleEndian) { this.littleEndian = littleEndian; }

    static Bytes le() { return new Bytes(true); }

    static Bytes be() { return new Bytes(false); }

    Bytes ascii(String s) { out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1)); return this; }

    Bytes u8(int v) { out.write(v); return this; }

    Bytes u16(int v) { return n(v, 2); }

    Bytes u24(int v) { return n(v, 3); }

    Bytes u32(long v) { return n(v, 4); }

    Bytes u64(long v) { return n(v, 8); }

    Bytes f32(float v) { return u32(Float.floatToRawIntBits(v) & 0xFFFFFFFFL); }

    Bytes f64(double v) { return u64(Double.doubleToRawLongBits(v)); }

    Bytes raw(byte... b) { out.writeBytes(b); return this; }

    Bytes zeros(int n) { out.writeBytes(new byte[n]); return this; }

    /** A chunk: id, size, body, and the pad byte when the body is odd-sized. */
    Bytes chunk(String id, Bytes body) {
        byte[] b = body.toArray();
        ascii(id).u32(b.length).raw(b);
        if ((b.length & 1) != 0) u8(0);
        return this;
    }

    int size() { return out.size(); }

    private Bytes n(long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            int shift = littleEndian ? 8 * i : 8 * (bytes - 1 - i);
            out.write((int) (v >>> shift) & 0xFF);
        }
        return this;
    }

    byte[] toArray() { return out.toByteArray(); }

    Path writeTo(Path file) throws IOException { return Files.write(file, toArray()); }

    /** A RIFF WAVE file around the given chunks (its size field computed). */
    static Bytes riff(Bytes chunks) {
        byte[] b = chunks.toArray();
        return le().ascii("RIFF").u32(4 + b.length).ascii("WAVE").raw(b);
    }

    /** A plain PCM/float fmt chunk body. */
    static Bytes fmt(int tag, int channels, int rate, int bits) {
        int align = channels * ((bits + 7) / 8);
        return le().u16(tag).u16(channels).u32(rate).u32((long) rate * align).u16(align).u16(bits);
    }
}
