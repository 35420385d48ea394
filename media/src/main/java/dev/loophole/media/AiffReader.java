package dev.loophole.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads AIFF and AIFF-C: big-endian PCM (8-bit signed), AIFC 'sowt' little-endian PCM, 'fl32'/'fl64'
 * floats, 'in24'/'in32', 'raw ' (8-bit offset binary); the 80-bit extended sample rate; and the
 * MARK + INST chunks, which become the root key, fine tune and the sustain (then release) loop.
 */
public final class AiffReader {
    private static final int CHUNK_LIMIT = 1 << 20;

    private static final Map<String, String> CODECS = Map.ofEntries(
            Map.entry("ulaw", "µ-law"), Map.entry("ULAW", "µ-law"), Map.entry("alaw", "A-law"), Map.entry("ALAW", "A-law"),
            Map.entry("ima4", "IMA 4:1 ADPCM"), Map.entry("MAC3", "MACE 3:1"), Map.entry("MAC6", "MACE 6:1"),
            Map.entry("GSM ", "GSM"), Map.entry("Qclp", "QUALCOMM PureVoice"), Map.entry("QDMC", "QDesign Music"),
            Map.entry("QDM2", "QDesign Music 2"), Map.entry("ACE2", "ACE 2:1"), Map.entry("ACE8", "ACE 8:3"));

    private AiffReader() {}

    /** Decodes the whole file into memory. */
    public static AudioData read(Path file) throws MediaException {
        try (AudioReader r = open(file)) {
            return AudioFiles.readAll(r);
        }
    }

    /** Opens the file for positional reads; the caller closes the reader. */
    public static AudioReader open(Path file) throws MediaException {
        return open(FileSource.open(file));
    }

    /** As {@link #open(Path)}, on a source already open (closed here if it cannot be read). */
    static AudioReader open(FileSource src) throws MediaException {
        try {
            Parsed p = parse(src);
            return new PcmReader(src, p.info, p.unsigned8);
        } catch (MediaException | RuntimeException e) {
            src.close();
            throw e;
        }
    }

    private record Parsed(AudioFileInfo info, boolean unsigned8) {}

    /** How the COMM chunk says samples are stored. */
    private record Encoding(SampleFormat format, ByteOrder order, boolean unsigned8) {}

    private static Parsed parse(FileSource src) throws MediaException {
        if (src.size() < 12)
            throw src.fail("too short to be an AIFF file (" + src.size() + " bytes; the FORM header alone is 12)");
        ByteBuffer head = src.read(0, 12, ByteOrder.BIG_ENDIAN, "FORM header");
        if (!RiffChunks.fourCC(head, 0).equals("FORM"))
            throw src.fail("not an AIFF file: starts with " + RiffChunks.describe(RiffChunks.fourCC(head, 0)) + ", expected 'FORM'");
        String form = RiffChunks.fourCC(head, 8);
        boolean aifc = form.equals("AIFC");
        if (!aifc && !form.equals("AIFF"))
            throw src.fail("FORM file of type " + RiffChunks.describe(form) + ", expected 'AIFF' or 'AIFC'");

        List<String> warnings = new ArrayList<>();
        List<RiffChunks.Chunk> chunks = RiffChunks.scan(src, 12, ByteOrder.BIG_ENDIAN, Map.of(), warnings);
        RiffChunks.Chunk comm = first(chunks, "COMM");
        RiffChunks.Chunk ssnd = first(chunks, "SSND");
        if (comm == null) throw src.fail("has no COMM chunk, the chunk that says how the audio is encoded");
        int needed = aifc ? 22 : 18;
        ByteBuffer c = RiffChunks.body(src, comm, 1024, ByteOrder.BIG_ENDIAN);
        if (c.limit() < needed)
            throw src.fail("COMM chunk has " + c.limit() + " bytes, expected " + needed + " for " + form);
        int channels = Short.toUnsignedInt(c.getShort(0));
        long declaredFrames = Integer.toUnsignedLong(c.getInt(2));
        int bits = c.getShort(6);
        double rate = extendedToDouble(c, 8);
        Encoding enc = encoding(src, aifc ? RiffChunks.fourCC(c, 18) : "NONE", bits);
        if (channels == 0) throw src.fail("COMM chunk says 0 channels");
        if (!(rate >= 0.5 && rate < Integer.MAX_VALUE)) throw src.fail("COMM chunk says sample rate " + rate + " Hz");
        if (ssnd == null) throw src.fail("has no SSND chunk, so no audio");

        ByteBuffer s = RiffChunks.body(src, ssnd, 8, ByteOrder.BIG_ENDIAN);
        if (s.limit() < 8) throw src.fail("file ends inside the SSND chunk header");
        long offset = Integer.toUnsignedLong(s.getInt(0));
        long dataStart = ssnd.offset() + 8 + offset;
        long available = Math.max(0, ssnd.available() - 8 - offset);
        int frameBytes = channels * enc.format().bytesPerSample();
        long frames = Math.min(declaredFrames, available / frameBytes);
        List<AudioProblem> damage = new ArrayList<>();
        if (frames < declaredFrames)
            damage.add(AudioProblem.truncated(src.path, declaredFrames, frames, "COMM chunk"));
        if (frames == 0)
            throw src.fail(declaredFrames == 0 ? "COMM chunk says 0 frames (no audio)" : "SSND chunk holds no complete frame");

        List<CuePoint> markers = readMarkers(src, first(chunks, "MARK"), warnings);
        SampleMetadata meta = readInst(src, first(chunks, "INST"), markers, frames, warnings);
        AudioFileInfo info = new AudioFileInfo(src.path, AudioFileType.AIFF, enc.format(), channels, (int) Math.round(rate),
                frames, meta, markers, dataStart, enc.order(), warnings, damage);
        return new Parsed(info, enc.unsigned8());
    }

    private static Encoding encoding(FileSource src, String compression, int bits) throws MediaException {
        return switch (compression) {
            case "NONE", "twos", "sowt" -> {
                if (bits < 1 || bits > 32) throw src.fail("PCM with " + bits + " bits per sample; expected 1 to 32");
                // Narrower samples are left-justified in whole bytes: decode the container.
                SampleFormat f = new SampleFormat(Math.max(8, (bits + 7) / 8 * 8), false);
                yield new Encoding(f, compression.equals("sowt") ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, false);
            }
            case "raw " -> new Encoding(new SampleFormat(8, false), ByteOrder.BIG_ENDIAN, true);
            case "in24" -> new Encoding(SampleFormat.PCM_24, ByteOrder.BIG_ENDIAN, false);
            case "in32" -> new Encoding(SampleFormat.PCM_32, ByteOrder.BIG_ENDIAN, false);
            case "fl32", "FL32" -> new Encoding(SampleFormat.FLOAT_32, ByteOrder.BIG_ENDIAN, false);
            case "fl64", "FL64" -> new Encoding(new SampleFormat(64, true), ByteOrder.BIG_ENDIAN, false);
            default -> throw src.fail("AIFF-C compression " + RiffChunks.describe(compression)
                    + (CODECS.containsKey(compression) ? " (" + CODECS.get(compression) + ")" : "")
                    + " is not supported; expected NONE, twos, sowt, in24, in32, raw, fl32 or fl64");
        };
    }

    /** MARK: count, then (id, position, Pascal string padded to an even length). */
    private static List<CuePoint> readMarkers(FileSource src, RiffChunks.Chunk mark, List<String> warnings) throws MediaException {
        List<CuePoint> markers = new ArrayList<>();
        if (mark == null) return markers;
        ByteBuffer b = RiffChunks.body(src, mark, CHUNK_LIMIT, ByteOrder.BIG_ENDIAN);
        if (b.limit() < 2) return markers;
        int count = Short.toUnsignedInt(b.getShort(0));
        int pos = 2;
        for (int i = 0; i < count; i++) {
            if (b.limit() - pos < 7) {
                warnings.add("MARK chunk declares " + count + " markers but holds " + i);
                break;
            }
            int id = b.getShort(pos);
            long position = Integer.toUnsignedLong(b.getInt(pos + 2));
            int len = b.get(pos + 6) & 0xFF;
            if (b.limit() - pos - 7 < len) {
                warnings.add("MARK chunk ends inside the name of marker " + id);
                break;
            }
            byte[] name = new byte[len];
            b.get(pos + 7, name);
            markers.add(new CuePoint(id, position, new String(name, java.nio.charset.StandardCharsets.ISO_8859_1)));
            pos += 7 + len + ((len + 1) & 1);   // the count byte plus text is padded to even
        }
        return markers;
    }

    /** INST: base note, detune, ranges, gain, then sustain and release loops as (mode, begin marker, end marker). */
    private static SampleMetadata readInst(FileSource src, RiffChunks.Chunk inst, List<CuePoint> markers, long frames,
                                           List<String> warnings) throws MediaException {
        if (inst == null) return SampleMetadata.NONE;
        ByteBuffer b = RiffChunks.body(src, inst, 64, ByteOrder.BIG_ENDIAN);
        if (b.limit() < 20) {
            warnings.add("INST chunk is " + b.limit() + " bytes, expected 20; ignored");
            return SampleMetadata.NONE;
        }
        int note = b.get(0) & 0xFF;
        int rootKey = note <= 127 ? note : -1;
        if (rootKey < 0) warnings.add("INST chunk says base note " + note + ", expected 0..127; ignored");
        List<SampleMetadata.SampleLoop> loops = new ArrayList<>();
        String[] names = {"sustain", "release"};
        for (int i = 0; i < 2; i++) {
            int at = 8 + 6 * i;
            int mode = b.getShort(at);
            if (mode == 0) continue;
            Long begin = markerPosition(markers, b.getShort(at + 2));
            Long end = markerPosition(markers, b.getShort(at + 4));
            if (begin == null || end == null) {
                warnings.add("INST " + names[i] + " loop refers to a marker that the MARK chunk does not have; ignored");
                continue;
            }
            // AIFF markers sit between frames: the loop's last frame is the one before the end marker.
            if (end <= begin || end > frames) {
                warnings.add("INST " + names[i] + " loop " + begin + ".." + end + " is not inside the " + frames + " frames; ignored");
                continue;
            }
            if (mode != 1 && mode != 2) {
                warnings.add("INST " + names[i] + " loop has play mode " + mode + ", expected 1 (forward) or 2 (forward/backward); ignored");
                continue;
            }
            loops.add(new SampleMetadata.SampleLoop(begin, end - 1, mode == 1 ? 0 : 1));
        }
        return new SampleMetadata(rootKey, rootKey < 0 ? 0 : b.get(1), loops);
    }

    private static Long markerPosition(List<CuePoint> markers, int id) {
        for (CuePoint m : markers) if (m.id() == id) return m.frame();
        return null;
    }

    /** The 80-bit IEEE 754 extended format: sign, 15-bit exponent (bias 16383), 64-bit mantissa with explicit integer bit. */
    static double extendedToDouble(ByteBuffer b, int at) {
        int signExp = Short.toUnsignedInt(b.getShort(at));
        long mantissa = b.getLong(at + 2);
        int exp = signExp & 0x7FFF;
        if (exp == 0x7FFF) return Double.NaN;
        double m = (mantissa >>> 1) * 2.0 + (mantissa & 1);  // unsigned 64-bit to double
        double v = Math.scalb(m, exp - 16383 - 63);
        return (signExp & 0x8000) != 0 ? -v : v;
    }

    private static RiffChunks.Chunk first(List<RiffChunks.Chunk> chunks, String id) {
        for (RiffChunks.Chunk c : chunks) if (c.id().equals(id)) return c;
        return null;
    }
}
