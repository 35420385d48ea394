package dev.loophole.formats.sf2;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds SoundFont 2 files byte by byte, following the spec's layout, for tests (public: the cli tests render its banks). */
public final class Sf2TestWriter {
    public record Gen(int oper, int amount) {}
    public record Mod(int src, int dest, int amount, int amountSrc, int transform) {}
    public record Zone(List<Gen> gens, List<Mod> mods) {}
    private record Header(String name, int a, int b, int bag) {}
    private record SampleHeader(String name, long start, long end, long loopStart, long loopEnd, int rate, int pitch,
                                int correction, int link, int type) {}

    public static Gen gen(int oper, int amount) { return new Gen(oper, amount); }

    public static Gen range(int oper, int lo, int hi) { return new Gen(oper, lo | (hi << 8)); }

    public static Zone zone(Gen... gens) { return new Zone(List.of(gens), List.of()); }

    public static Zone zone(List<Mod> mods, Gen... gens) { return new Zone(List.of(gens), mods); }

    int ifilMajor = 2, ifilMinor = 1;
    String bankName = "Test Bank";
    boolean with24Bit;
    /** Replaces a pdta table's bytes as built (for tests of damaged tables). */
    final java.util.Map<String, byte[]> replaceTable = new java.util.HashMap<>();
    private final ByteArrayOutputStream smpl = new ByteArrayOutputStream(), sm24 = new ByteArrayOutputStream();
    private long frames;
    private final List<SampleHeader> samples = new ArrayList<>();
    private final List<Header> presets = new ArrayList<>(), instruments = new ArrayList<>();
    private final List<Zone> presetZones = new ArrayList<>(), instrumentZones = new ArrayList<>();

    /** Adds a sample followed by the 46 zero frames the spec requires; loop points are relative, end exclusive. */
    public int sample(String name, short[] data, byte[] low, int rate, int pitch, int correction, int loopStart, int loopEnd,
               int type, int link) {
        long start = frames;
        for (int i = 0; i < data.length + 46; i++) {
            short v = i < data.length ? data[i] : 0;
            smpl.write(v & 0xFF);
            smpl.write((v >> 8) & 0xFF);
            sm24.write(i < data.length && low != null ? low[i] : 0);
        }
        frames += data.length + 46;
        samples.add(new SampleHeader(name, start, start + data.length, start + loopStart, start + loopEnd, rate, pitch,
                correction, link, type));
        return samples.size() - 1;
    }

    /**
     * Adds a SoundFont 3 sample: {@code stream}'s bytes in smpl (padded to an even length), shdr start/end their byte
     * range, loop points as given (frames relative to the sample), type bit 0x10 added.
     */
    int compressedSample(String name, byte[] stream, int rate, int pitch, int loopStart, int loopEnd, int type) {
        long start = frames * 2;
        smpl.writeBytes(stream);
        if (stream.length % 2 != 0) smpl.write(0);
        sm24.writeBytes(new byte[(stream.length + 1) / 2]);
        frames += (stream.length + 1) / 2;
        samples.add(new SampleHeader(name, start, start + stream.length, loopStart, loopEnd, rate, pitch, 0, 0,
                type | Sf2Sample.COMPRESSED));
        return samples.size() - 1;
    }

    /** The header of one Ogg page whose granule position is {@code granule}, with {@code bodyBytes} of zeros after it. */
    static byte[] oggPage(long granule, int bodyBytes) {
        ByteBuffer b = le(28 + bodyBytes);
        b.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 4).putLong(granule).putInt(1).putInt(0)
                .putInt(0).put((byte) 1).put((byte) bodyBytes);
        return b.array();
    }

    public int instrument(String name, Zone... zones) {
        instruments.add(new Header(name, 0, 0, instrumentZones.size()));
        instrumentZones.addAll(List.of(zones));
        return instruments.size() - 1;
    }

    public void preset(String name, int program, int bank, Zone... zones) {
        presets.add(new Header(name, program, bank, presetZones.size()));
        presetZones.addAll(List.of(zones));
    }

    public byte[] build() {
        byte[] ifil = le(4).putShort((short) ifilMajor).putShort((short) ifilMinor).array();
        byte[] info = list("INFO", chunk("ifil", ifil), chunk("INAM", zstr(bankName, bankName.length() + 2 & ~1)),
                chunk("isng", zstr("EMU8000", 8)));
        byte[] sdta = with24Bit ? list("sdta", chunk("smpl", smpl.toByteArray()), chunk("sm24", pad(sm24.toByteArray())))
                : list("sdta", chunk("smpl", smpl.toByteArray()));
        byte[] pdta = list("pdta",
                table("phdr", headers(presets, presetZones.size(), 38, true)), table("pbag", bags(presetZones)),
                table("pmod", mods(presetZones)), table("pgen", gens(presetZones)),
                table("inst", headers(instruments, instrumentZones.size(), 22, false)), table("ibag", bags(instrumentZones)),
                table("imod", mods(instrumentZones)), table("igen", gens(instrumentZones)), table("shdr", shdr()));
        return riff(concat(info, sdta, pdta));
    }

    private byte[] table(String id, byte[] built) { return chunk(id, replaceTable.getOrDefault(id, built)); }

    private byte[] headers(List<Header> hs, int bagCount, int size, boolean preset) {
        ByteBuffer b = le(size * (hs.size() + 1));
        List<Header> all = new ArrayList<>(hs);
        all.add(new Header(preset ? "EOP" : "EOI", 0, 0, bagCount));
        for (Header h : all) {
            b.put(zstr(h.name(), 20));
            if (preset) b.putShort((short) h.a()).putShort((short) h.b()).putShort((short) h.bag()).putInt(0).putInt(0).putInt(0);
            else b.putShort((short) h.bag());
        }
        return b.array();
    }

    private static byte[] bags(List<Zone> zones) {
        ByteBuffer b = le(4 * (zones.size() + 1));
        int g = 0, m = 0;
        for (Zone z : zones) {
            b.putShort((short) g).putShort((short) m);
            g += z.gens().size();
            m += z.mods().size();
        }
        return b.putShort((short) g).putShort((short) m).array();
    }

    private static byte[] gens(List<Zone> zones) {
        List<Gen> all = new ArrayList<>();
        zones.forEach(z -> all.addAll(z.gens()));
        ByteBuffer b = le(4 * (all.size() + 1));
        for (Gen g : all) b.putShort((short) g.oper()).putShort((short) g.amount());
        return b.putInt(0).array();
    }

    private static byte[] mods(List<Zone> zones) {
        List<Mod> all = new ArrayList<>();
        zones.forEach(z -> all.addAll(z.mods()));
        ByteBuffer b = le(10 * (all.size() + 1));
        for (Mod m : all)
            b.putShort((short) m.src()).putShort((short) m.dest()).putShort((short) m.amount())
                    .putShort((short) m.amountSrc()).putShort((short) m.transform());
        return b.put(new byte[10]).array();
    }

    private byte[] shdr() {
        ByteBuffer b = le(46 * (samples.size() + 1));
        for (SampleHeader s : samples)
            b.put(zstr(s.name(), 20)).putInt((int) s.start()).putInt((int) s.end()).putInt((int) s.loopStart())
                    .putInt((int) s.loopEnd()).putInt(s.rate()).put((byte) s.pitch()).put((byte) s.correction())
                    .putShort((short) s.link()).putShort((short) s.type());
        return b.put(zstr("EOS", 20)).put(new byte[26]).array();
    }

    static byte[] chunk(String id, byte[] body) {
        ByteBuffer b = le(8 + body.length + (body.length & 1));
        b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return b.array();
    }

    static byte[] list(String type, byte[]... chunks) {
        return chunk("LIST", concat(type.getBytes(StandardCharsets.US_ASCII), concat(chunks)));
    }

    static byte[] riff(byte[] body) {
        return chunk("RIFF", concat("sfbk".getBytes(StandardCharsets.US_ASCII), body));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }

    private static byte[] pad(byte[] b) { return b.length % 2 == 0 ? b : java.util.Arrays.copyOf(b, b.length + 1); }

    static byte[] zstr(String s, int len) { return java.util.Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), len); }

    static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }

    /** Offset of the first occurrence of a chunk id (hydra ids are unique in a bank), for tests that damage one. */
    static int find(byte[] file, String id) {
        byte[] k = id.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + 4 <= file.length; i++) {
            for (int j = 0; j < 4; j++) if (file[i + j] != k[j]) continue outer;
            return i;
        }
        throw new IllegalArgumentException("no chunk " + id);
    }
}
