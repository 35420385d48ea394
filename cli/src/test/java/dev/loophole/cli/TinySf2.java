package dev.loophole.cli;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The smallest SoundFont 2 bank that plays: one 16-bit mono sample, one instrument zone over all keys, one preset
 * (bank 0, program 0) — laid out as the SoundFont 2.01 spec's chunk tables say, for the command-line mutation campaign.
 */
final class TinySf2 {
    static final int GEN_INSTRUMENT = 41, GEN_SAMPLE_ID = 53, GEN_SAMPLE_MODES = 54;

    private TinySf2() {}

    static byte[] bytes(short[] pcm, int rate, int rootKey) {
        ByteBuffer smpl = le(2 * (pcm.length + 46)); // 46 zero frames after each sample, as the spec asks
        for (short s : pcm) smpl.putShort(s);
        byte[] info = concat(chunk("ifil", le(4).putShort((short) 2).putShort((short) 1).array()),
                chunk("isng", zstr("EMU8000", 8)), chunk("INAM", zstr("Tiny", 6)));
        byte[] sdta = chunk("smpl", smpl.array());
        byte[] pdta = concat(
                chunk("phdr", concat(phdr("Tiny", 0, 0, 0), phdr("EOP", 255, 255, 1))),
                chunk("pbag", le(8).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 0).array()),
                chunk("pmod", new byte[10]),
                chunk("pgen", le(8).putShort((short) GEN_INSTRUMENT).putShort((short) 0).putInt(0).array()),
                chunk("inst", concat(nameBag("Tiny", 0), nameBag("EOI", 1))),
                chunk("ibag", le(8).putShort((short) 0).putShort((short) 0).putShort((short) 2).putShort((short) 0).array()),
                chunk("imod", new byte[10]),
                chunk("igen", le(12).putShort((short) GEN_SAMPLE_MODES).putShort((short) 1)
                        .putShort((short) GEN_SAMPLE_ID).putShort((short) 0).putInt(0).array()),
                chunk("shdr", concat(shdr("Sine", pcm.length, rate, rootKey, 1), shdr("EOS", 0, 0, 0, 0))));
        return chunk("RIFF", concat("sfbk".getBytes(StandardCharsets.US_ASCII), list("INFO", info), list("sdta", sdta), list("pdta", pdta)));
    }

    private static byte[] phdr(String name, int preset, int bank, int bag) {
        return le(38).put(zstr(name, 20)).putShort((short) preset).putShort((short) bank).putShort((short) bag).putInt(0).putInt(0).putInt(0).array();
    }

    private static byte[] nameBag(String name, int bag) {
        return le(22).put(zstr(name, 20)).putShort((short) bag).array();
    }

    /** A sample of {@code frames} at 0 in smpl, looped over all but its first and last 8 frames ({@code type} 1 = mono, 0 for EOS). */
    private static byte[] shdr(String name, int frames, int rate, int key, int type) {
        return le(46).put(zstr(name, 20)).putInt(0).putInt(frames).putInt(type == 0 ? 0 : 8).putInt(type == 0 ? 0 : frames - 8)
                .putInt(rate).put((byte) key).put((byte) 0).putShort((short) 0).putShort((short) type).array();
    }

    private static byte[] list(String type, byte[] body) {
        return chunk("LIST", concat(type.getBytes(StandardCharsets.US_ASCII), body));
    }

    private static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = le(8 + body.length + (body.length & 1));
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    private static byte[] zstr(String s, int size) {
        byte[] b = new byte[size];
        byte[] t = s.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(t, 0, b, 0, Math.min(t.length, size - 1));
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    private static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }
}
