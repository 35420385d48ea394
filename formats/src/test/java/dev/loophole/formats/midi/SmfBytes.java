package dev.loophole.formats.midi;

import java.io.ByteArrayOutputStream;

/** Builds Standard MIDI File bytes by hand for tests: chunks get their lengths computed. */
final class SmfBytes {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static SmfBytes header(int format, int tracks, int division) {
        SmfBytes s = new SmfBytes();
        s.chunk("MThd", hex(String.format("%04X %04X %04X", format, tracks, division)));
        return s;
    }

    /** An MTrk chunk whose body is the given hex bytes. */
    SmfBytes track(String body) { return chunk("MTrk", hex(body)); }

    SmfBytes chunk(String tag, byte[] body) {
        out.writeBytes(tag.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        int n = body.length;
        out.writeBytes(new byte[] {(byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n});
        out.writeBytes(body);
        return this;
    }

    SmfBytes raw(String hexBytes) {
        out.writeBytes(hex(hexBytes));
        return this;
    }

    byte[] bytes() { return out.toByteArray(); }

    /** "90 3C 64" → bytes; spaces are ignored. */
    static byte[] hex(String s) {
        String h = s.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        return b;
    }
}
