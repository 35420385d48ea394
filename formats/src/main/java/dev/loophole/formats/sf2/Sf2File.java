package dev.loophole.formats.sf2;

import dev.loophole.media.AudioProblem;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.SourceLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw content of a bank: INFO strings, where the sample data lies (not the data itself), and the
 * nine "hydra" tables of {@code pdta} with every index checked against the table it points into.
 * Structural damage (a table of the wrong size, an index past its table, decreasing indices) throws
 * {@link Sf2Exception}; a damaged sample header only makes that sample unusable, with a warning.
 */
final class Sf2File {
    record PresetHeader(String name, int program, int bank, int bagIndex) {}
    record InstHeader(String name, int bagIndex) {}
    record Mod(int src, int dest, int amount, int amountSrc, int transform) {}

    /** Bags ({@code pbag}/{@code ibag}) and what they point at ({@code pgen}/{@code igen}, {@code pmod}/{@code imod}). */
    record Zones(int[] bagGen, int[] bagMod, int[] genOper, int[] genAmount, Mod[] mods) {}

    final Path file;
    final List<Diagnostic> diagnostics = new ArrayList<>();
    /** Samples whose headers reach past the sample data: played as far as the data goes, or not at all. */
    final List<AudioProblem> damage = new ArrayList<>();
    Sf2Info info;
    long smplOffset = -1, smplFrames, smplBytes, sm24Offset = -1;
    PresetHeader[] presets;   // without the terminal record
    InstHeader[] instruments; // without the terminal record
    Zones presetZones, instrumentZones;
    Sf2Sample[] samples;      // without the terminal record
    int presetBagEnd, instrumentBagEnd; // the terminal headers' bag indices: where the last zone list ends

    private Sf2File(Path file) { this.file = file; }

    static Sf2File read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(file, ch);
        } catch (NoSuchFileException e) {
            throw new Sf2Exception(file, "file", "an existing SoundFont file", e);
        }
    }

    /** Parses a bank from any channel; {@code file} only names it in messages and sample references. */
    static Sf2File read(Path file, java.nio.channels.SeekableByteChannel ch) throws IOException {
        Sf2File f = new Sf2File(file);
        f.parse(new RiffReader(file, ch));
        return f;
    }

    SourceLocation at() { return new SourceLocation(file.toString(), 0, 0); }

    void warn(String message) { diagnostics.add(Diagnostic.warning(at(), message)); }

    private void parse(RiffReader r) throws IOException {
        RiffReader.Chunk root = r.root("sfbk");
        RiffReader.Chunk infoList = null, sdta = null, pdta = null;
        for (RiffReader.Chunk c : r.children(root, "sfbk")) {
            if (!c.id().equals("LIST")) continue;
            switch (c.listType()) {
                case "INFO" -> infoList = c;
                case "sdta" -> sdta = c;
                case "pdta" -> pdta = c;
                default -> warn("unknown LIST '" + RiffReader.printable(c.listType()) + "' ignored");
            }
        }
        info = infoList == null ? missingInfo() : readInfo(r, infoList);
        // Version 3 is SoundFont 3 (MuseScore's SF3): SF2 whose samples may be Ogg Vorbis streams.
        if (info.versionMajor() != 2 && info.versionMajor() != 3)
            throw new Sf2Exception(file, "INFO/ifil", "version 2.x or 3.x (SF3), found " + info.versionMajor() + "." + info.versionMinor());
        if (pdta == null) throw new Sf2Exception(file, "sfbk", "a LIST 'pdta' chunk (preset, instrument and sample headers)");
        if (sdta != null) readSdta(r, sdta);
        readPdta(r, pdta, r);
    }

    private Sf2Info missingInfo() {
        warn("no INFO list: assuming SoundFont 2.01");
        return new Sf2Info(2, 1, "", "", "", "", "", "", "", "", "");
    }

    private Sf2Info readInfo(RiffReader r, RiffReader.Chunk list) throws IOException {
        int major = -1, minor = 0;
        String[] s = new String[9];
        java.util.Arrays.fill(s, "");
        String[] ids = {"INAM", "isng", "irom", "ICRD", "IENG", "IPRD", "ICOP", "ICMT", "ISFT"};
        for (RiffReader.Chunk c : r.children(list, "INFO")) {
            if (c.id().equals("ifil")) {
                if (c.size() != 4) throw new Sf2Exception(file, "INFO/ifil", "4 bytes (major, minor), found " + c.size());
                ByteBuffer b = r.read(c.offset(), 4);
                major = b.getShort(0) & 0xFFFF;
                minor = b.getShort(2) & 0xFFFF;
                continue;
            }
            for (int i = 0; i < ids.length; i++) {
                if (c.id().equals(ids[i])) {
                    // The spec caps ICMT at 65536 bytes and the others at 256; longer text is cut, not trusted.
                    int len = (int) Math.min(c.size(), i == 7 ? 65536 : 256);
                    s[i] = RiffReader.string(r.read(c.offset(), len), 0, len);
                }
            }
        }
        if (major < 0) {
            warn("INFO has no ifil version: assuming SoundFont 2.01");
            major = 2;
            minor = 1;
        }
        return new Sf2Info(major, minor, s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7], s[8]);
    }

    private void readSdta(RiffReader r, RiffReader.Chunk sdta) throws IOException {
        RiffReader.Chunk sm24 = null;
        for (RiffReader.Chunk c : r.children(sdta, "sdta")) {
            if (c.id().equals("smpl")) {
                smplOffset = c.offset();
                smplFrames = c.size() / 2;
                smplBytes = c.size();
            } else if (c.id().equals("sm24")) {
                sm24 = c;
            }
        }
        if (sm24 == null) return;
        // The spec: sm24 is ignored unless the bank is 2.04 or later and it holds one byte per smpl frame.
        if (smplOffset < 0 || info.versionMajor() == 2 && info.versionMinor() < 4) {
            warn("sdta/sm24 ignored: it needs ifil 2.04 or later and a smpl chunk");
        } else if (sm24.size() < smplFrames) {
            warn("sdta/sm24 ignored: " + sm24.size() + " bytes for " + smplFrames + " sample frames");
        } else {
            sm24Offset = sm24.offset();
        }
    }

    private void readPdta(RiffReader r, RiffReader.Chunk pdta, RiffReader data) throws IOException {
        java.util.Map<String, RiffReader.Chunk> sub = new java.util.HashMap<>();
        for (RiffReader.Chunk c : r.children(pdta, "pdta")) sub.putIfAbsent(c.id(), c);
        ByteBuffer phdr = table(r, sub, "phdr", 38), pbag = table(r, sub, "pbag", 4), pmod = table(r, sub, "pmod", 10),
                pgen = table(r, sub, "pgen", 4), inst = table(r, sub, "inst", 22), ibag = table(r, sub, "ibag", 4),
                imod = table(r, sub, "imod", 10), igen = table(r, sub, "igen", 4), shdr = table(r, sub, "shdr", 46);

        int nPresets = phdr.limit() / 38 - 1, nPbag = pbag.limit() / 4;
        presets = new PresetHeader[nPresets];
        int[] presetBags = new int[nPresets + 1];
        for (int i = 0; i <= nPresets; i++) {
            int at = i * 38;
            presetBags[i] = phdr.getShort(at + 24) & 0xFFFF;
            if (i < nPresets)
                presets[i] = new PresetHeader(RiffReader.string(phdr, at, 20), phdr.getShort(at + 20) & 0xFFFF,
                        phdr.getShort(at + 22) & 0xFFFF, presetBags[i]);
        }
        checkIndices(presetBags, nPbag - 1, "pdta/phdr", "wPresetBagNdx", "pbag");
        presetBagEnd = presetBags[nPresets];

        int nInst = inst.limit() / 22 - 1, nIbag = ibag.limit() / 4;
        instruments = new InstHeader[nInst];
        int[] instBags = new int[nInst + 1];
        for (int i = 0; i <= nInst; i++) {
            instBags[i] = inst.getShort(i * 22 + 20) & 0xFFFF;
            if (i < nInst) instruments[i] = new InstHeader(RiffReader.string(inst, i * 22, 20), instBags[i]);
        }
        checkIndices(instBags, nIbag - 1, "pdta/inst", "wInstBagNdx", "ibag");
        instrumentBagEnd = instBags[nInst];

        presetZones = zones(pbag, pmod, pgen, "pbag", "pmod", "pgen");
        instrumentZones = zones(ibag, imod, igen, "ibag", "imod", "igen");
        readSamples(shdr, data);
    }

    /** A hydra table: present, a whole number of records, and at least the terminal record. */
    private ByteBuffer table(RiffReader r, java.util.Map<String, RiffReader.Chunk> sub, String id, int recordSize) throws IOException {
        RiffReader.Chunk c = sub.get(id);
        if (c == null) throw new Sf2Exception(file, "pdta", "a '" + id + "' sub-chunk");
        if (c.size() % recordSize != 0)
            throw new Sf2Exception(file, "pdta/" + id, "a multiple of " + recordSize + " bytes, found " + c.size());
        boolean modTable = id.endsWith("mod");
        if (!modTable && c.size() < recordSize)
            throw new Sf2Exception(file, "pdta/" + id, "at least the terminal record (" + recordSize + " bytes), found none");
        if (c.size() > Integer.MAX_VALUE - 8) throw new Sf2Exception(file, "pdta/" + id, "a table below 2 GB");
        return r.read(c.offset(), (int) c.size());
    }

    /** Indices of consecutive records must not decrease and must stay within {@code max}. */
    private void checkIndices(int[] idx, int max, String where, String field, String target) throws Sf2Exception {
        for (int i = 0; i < idx.length; i++) {
            if (idx[i] > max)
                throw new Sf2Exception(file, where + "[" + i + "]", field + " within " + target + " (0.." + max + "), found " + idx[i]);
            if (i > 0 && idx[i] < idx[i - 1])
                throw new Sf2Exception(file, where + "[" + i + "]", field + " not below the previous record's (" + idx[i - 1] + "), found " + idx[i]);
        }
    }

    private Zones zones(ByteBuffer bag, ByteBuffer mod, ByteBuffer gen, String bagId, String modId, String genId) throws Sf2Exception {
        int nBag = bag.limit() / 4, nMod = mod.limit() / 10, nGen = gen.limit() / 4;
        int[] bagGen = new int[nBag], bagMod = new int[nBag];
        for (int i = 0; i < nBag; i++) {
            bagGen[i] = bag.getShort(i * 4) & 0xFFFF;
            bagMod[i] = bag.getShort(i * 4 + 2) & 0xFFFF;
        }
        // The terminal bag points at the terminal gen/mod record, so an index may equal the count - 1;
        // banks whose mod table lacks its terminal record are common, so mod indices may reach the count.
        checkIndices(bagGen, nGen - 1, "pdta/" + bagId, "wGenNdx", genId);
        checkIndices(bagMod, nMod, "pdta/" + bagId, "wModNdx", modId);
        int[] oper = new int[nGen], amount = new int[nGen];
        for (int i = 0; i < nGen; i++) {
            oper[i] = gen.getShort(i * 4) & 0xFFFF;
            amount[i] = gen.getShort(i * 4 + 2);
        }
        Mod[] mods = new Mod[nMod];
        for (int i = 0; i < nMod; i++) {
            int at = i * 10;
            mods[i] = new Mod(mod.getShort(at) & 0xFFFF, mod.getShort(at + 2) & 0xFFFF, mod.getShort(at + 4),
                    mod.getShort(at + 6) & 0xFFFF, mod.getShort(at + 8) & 0xFFFF);
        }
        return new Zones(bagGen, bagMod, oper, amount, mods);
    }

    private void readSamples(ByteBuffer shdr, RiffReader data) throws IOException {
        int n = shdr.limit() / 46 - 1;
        samples = new Sf2Sample[n];
        for (int i = 0; i < n; i++) {
            int at = i * 46;
            String name = RiffReader.string(shdr, at, 20);
            long start = shdr.getInt(at + 20) & 0xFFFFFFFFL, end = shdr.getInt(at + 24) & 0xFFFFFFFFL;
            long loopStart = shdr.getInt(at + 28) & 0xFFFFFFFFL, loopEnd = shdr.getInt(at + 32) & 0xFFFFFFFFL;
            int rate = shdr.getInt(at + 36);
            int pitch = shdr.get(at + 40) & 0xFF, correction = shdr.get(at + 41);
            int link = shdr.getShort(at + 42) & 0xFFFF, type = shdr.getShort(at + 44) & 0xFFFF;
            String problem = null;
            if ((type & Sf2Sample.ROM) != 0) problem = "is a ROM sample (type 0x" + Integer.toHexString(type) + "), which this loader cannot play";
            else if (smplOffset < 0) problem = "has no sample data: the bank has no sdta/smpl chunk";
            else if ((type & Sf2Sample.COMPRESSED) != 0) {
                samples[i] = compressed(i, name, start, end, loopStart, loopEnd, rate, pitch, correction, link, type, data);
                continue;
            }
            else if (end <= start) problem = "expected start < end, found start " + start + ", end " + end;
            else if (rate <= 0 || rate > 1_000_000) problem = "expected a sample rate in 1..1000000 Hz, found " + rate;
            else if (start >= smplFrames) {
                problem = "expected start within smpl (" + smplFrames + " frames), found " + start;
                damage.add(new AudioProblem(file, AudioProblem.Kind.UNUSABLE, "pdta/shdr[" + i + "] '" + name
                        + "' starts at frame " + start + ", past the " + smplFrames + " frames of smpl: no usable frame"));
            } else if (end > smplFrames) {
                // A bank cut short (or a wrong header): play what the data holds, as for a truncated WAV.
                damage.add(AudioProblem.truncated(file, end - start, smplFrames - start, "pdta/shdr[" + i + "] '" + name + "'"));
                end = smplFrames;
            }
            if (problem != null)
                warn("pdta/shdr[" + i + "] '" + name + "' " + problem + "; zones using it are skipped");
            samples[i] = new Sf2Sample(i, name, start, end, loopStart, loopEnd, Math.max(rate, 1), pitch, correction,
                    link, type, problem == null);
        }
    }

    /**
     * A SoundFont 3 sample: start/end delimit its Ogg stream in bytes, the loop is in decoded frames from the sample's
     * start. Its length comes from the stream's last page (see {@link OggTail}); a stream that does not end in a
     * complete page makes the sample unusable, as a PCM sample pointing outside the data does.
     */
    private Sf2Sample compressed(int i, String name, long start, long end, long loopStart, long loopEnd, int rate,
                                 int pitch, int correction, int link, int type, RiffReader data) throws IOException {
        String problem = null;
        long frames = -1;
        if (end <= start) problem = "expected start < end (bytes of its Ogg stream), found start " + start + ", end " + end;
        else if (end > smplBytes) problem = "expected its Ogg stream within smpl (" + smplBytes + " bytes), found end " + end;
        else if (rate <= 0 || rate > 1_000_000) problem = "expected a sample rate in 1..1000000 Hz, found " + rate;
        else if ((frames = OggTail.frames(data, smplOffset + start, smplOffset + end)) <= 0)
            problem = "is compressed but bytes " + start + ".." + end + " of smpl are not an Ogg stream ending in a complete page";
        if (problem != null) warn("pdta/shdr[" + i + "] '" + name + "' " + problem + "; zones using it are skipped");
        // A stream past smpl or cut short (no last page) is damaged data, not only a wrong header: no usable frame.
        boolean damagedData = end > start && (end > smplBytes || rate > 0 && rate <= 1_000_000 && frames <= 0);
        if (damagedData) damage.add(new AudioProblem(file, AudioProblem.Kind.UNUSABLE, "pdta/shdr[" + i + "] '" + name + "' " + problem));
        return new Sf2Sample(i, name, 0, Math.max(frames, 1), loopStart, loopEnd, Math.max(rate, 1), pitch, correction,
                link, type, problem == null, start, end);
    }
}
