package dev.loophole.demo;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small SoundFont 2 bank built byte by byte (SoundFont 2.01 spec, sections 5–8): 16-bit mono samples, instruments of
 * zones that each play one sample, presets of one zone per instrument. Enough for {@link TrainingContent}; the formats module's tests
 * have their own writer with every table and damaged variants.
 */
final class SoundFontBytes {
    /** One generator (spec 8.1.2): its number and 16-bit amount. */
    record Gen(int oper, int amount) {}

    static final int INITIAL_FILTER_FC = 8, PAN = 17, ATTACK_VOL_ENV = 34, RELEASE_VOL_ENV = 38, INSTRUMENT = 41, KEY_RANGE = 43,
            SAMPLE_ID = 53, SAMPLE_MODES = 54, EXCLUSIVE_CLASS = 57, ROOT_KEY = 58;

    private record Header(String name, int program, int bank, int bag) {}

    private final ByteArrayOutputStream smpl = new ByteArrayOutputStream();
    private final ByteArrayOutputStream shdr = new ByteArrayOutputStream();
    private final List<Header> presets = new ArrayList<>(), instruments = new ArrayList<>();
    private final List<List<Gen>> presetZones = new ArrayList<>(), instrumentZones = new ArrayList<>();
    private int sampleCount;
    private long frames;

    /** Adds a mono sample (then the 46 zero frames the spec asks for); loop points in frames from its start. */
    int sample(String name, short[] data, int rate, int rootKey, int loopStart, int loopEnd) {
        long start = frames;
        for (int i = 0; i < data.length + 46; i++) {
            short v = i < data.length ? data[i] : 0;
            smpl.write(v);
            smpl.write(v >> 8);
        }
        frames += data.length + 46;
        shdr.writeBytes(le(46).put(name(name)).putInt((int) start).putInt((int) (start + data.length))
                .putInt((int) (start + loopStart)).putInt((int) (start + loopEnd)).putInt(rate).put((byte) rootKey)
                .put((byte) 0).putShort((short) 0).putShort((short) 1).array());   // mono sample
        return sampleCount++;
    }

    /** A zone playing {@code sample}: {@code gens} in the spec's order (key range first), then the sample. */
    static List<Gen> zone(int sample, Gen... gens) {
        List<Gen> zone = new ArrayList<>(List.of(gens));
        zone.add(new Gen(SAMPLE_ID, sample));
        return zone;
    }

    @SafeVarargs
    final int instrument(String name, List<Gen>... zones) {
        instruments.add(new Header(name, 0, 0, instrumentZones.size()));
        instrumentZones.addAll(List.of(zones));
        return instruments.size() - 1;
    }

    void preset(String name, int program, int bank, int instrument) {
        presets.add(new Header(name, program, bank, presetZones.size()));
        presetZones.add(List.of(new Gen(INSTRUMENT, instrument)));
    }

    byte[] build(String bankName) {
        byte[] info = list("INFO", chunk("ifil", le(4).putShort((short) 2).putShort((short) 1).array()),
                chunk("isng", zstr("EMU8000")), chunk("INAM", zstr(bankName)));
        byte[] pdta = list("pdta", chunk("phdr", headers(presets, presetZones.size(), true)), chunk("pbag", bags(presetZones)),
                chunk("pmod", new byte[10]), chunk("pgen", gens(presetZones)),
                chunk("inst", headers(instruments, instrumentZones.size(), false)), chunk("ibag", bags(instrumentZones)),
                chunk("imod", new byte[10]), chunk("igen", gens(instrumentZones)),
                chunk("shdr", concat(shdr.toByteArray(), le(46).put(name("EOS")).array())));
        return chunk("RIFF", concat("sfbk".getBytes(StandardCharsets.US_ASCII), info,
                list("sdta", chunk("smpl", smpl.toByteArray())), pdta));
    }

    private static byte[] headers(List<Header> hs, int bags, boolean preset) {
        ByteBuffer b = le((preset ? 38 : 22) * (hs.size() + 1));
        List<Header> all = new ArrayList<>(hs);
        all.add(new Header(preset ? "EOP" : "EOI", 0, 0, bags));
        for (Header h : all) {
            b.put(name(h.name()));
            if (preset) b.putShort((short) h.program()).putShort((short) h.bank()).putShort((short) h.bag()).putInt(0).putInt(0).putInt(0);
            else b.putShort((short) h.bag());
        }
        return b.array();
    }

    /** Each zone's first generator index; no modulators (the default ones apply). */
    private static byte[] bags(List<List<Gen>> zones) {
        ByteBuffer b = le(4 * (zones.size() + 1));
        int g = 0;
        for (List<Gen> z : zones) {
            b.putShort((short) g).putShort((short) 0);
            g += z.size();
        }
        return b.putShort((short) g).putShort((short) 0).array();
    }

    private static byte[] gens(List<List<Gen>> zones) {
        int n = zones.stream().mapToInt(List::size).sum();
        ByteBuffer b = le(4 * (n + 1));
        for (List<Gen> z : zones) for (Gen g : z) b.putShort((short) g.oper()).putShort((short) g.amount());
        return b.putInt(0).array();
    }

    private static byte[] chunk(String id, byte[] body) {
        return le(8 + body.length + (body.length & 1)).put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body).array();
    }

    private static byte[] list(String type, byte[]... chunks) {
        return chunk("LIST", concat(type.getBytes(StandardCharsets.US_ASCII), concat(chunks)));
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    /** A 20-byte name field, zero-padded. */
    private static byte[] name(String s) { return Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), 20); }

    /** A zero-terminated string of even length (INFO strings). */
    private static byte[] zstr(String s) { return Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), s.length() + 2 & ~1); }

    private static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }
}
