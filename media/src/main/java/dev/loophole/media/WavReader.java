package dev.loophole.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads WAV files: RIFF and RF64/BW64 containers; PCM 8/16/24/32 bits (and narrower widths in those
 * containers), IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE; any channel count; sampler chunks.
 *
 * <p>A data chunk that claims more bytes than the file holds is read as far as it goes, and the
 * shortfall is reported in {@link AudioFileInfo#damage()}; nothing is ever sized from a header alone.
 */
public final class WavReader {
    private WavReader() {}

    /** Decodes the whole file into memory. */
    public static AudioData read(Path file) throws MediaException {
        try (AudioReader r = open(file)) {
            return AudioFiles.readAll(r);
        }
    }

    /** Parses the headers only. */
    public static AudioFileInfo probe(Path file) throws MediaException {
        try (FileSource src = FileSource.open(file)) {
            return probe(src);
        }
    }

    /** Opens the file for positional reads; the caller closes the reader. */
    public static AudioReader open(Path file) throws MediaException {
        return open(FileSource.open(file));
    }

    /** As {@link #open(Path)}, on a source already open (closed here if it cannot be read). */
    static AudioReader open(FileSource src) throws MediaException {
        try {
            AudioFileInfo info = probe(src);
            return new PcmReader(src, info, info.format().bitsPerSample() == 8);
        } catch (MediaException | RuntimeException e) {
            src.close();
            throw e;
        }
    }

    static AudioFileInfo probe(FileSource src) throws MediaException {
        if (src.size() < 12)
            throw src.fail("too short to be a WAV file (" + src.size() + " bytes; the RIFF header alone is 12)");
        ByteBuffer head = src.read(0, 12, ByteOrder.LITTLE_ENDIAN, "RIFF header");
        String magic = RiffChunks.fourCC(head, 0);
        boolean rf64 = magic.equals("RF64") || magic.equals("BW64");
        if (!rf64 && !magic.equals("RIFF"))
            throw src.fail("not a WAV file: starts with " + RiffChunks.describe(magic) + ", expected 'RIFF' or 'RF64'");
        String form = RiffChunks.fourCC(head, 8);
        if (!form.equals("WAVE"))
            throw src.fail("RIFF file of type " + RiffChunks.describe(form) + ", expected 'WAVE'");

        List<String> warnings = new ArrayList<>();
        Map<String, Long> bigSizes = rf64 ? readDs64(src) : Map.of();
        List<RiffChunks.Chunk> chunks = RiffChunks.scan(src, 12, ByteOrder.LITTLE_ENDIAN, bigSizes, warnings);
        RiffChunks.Chunk fmtChunk = first(chunks, "fmt ");
        RiffChunks.Chunk data = first(chunks, "data");
        String cut = whereItEnds(src, chunks);
        if (fmtChunk == null)
            throw src.fail("has no fmt chunk, the chunk that says how the audio is encoded" + cut);
        if (fmtChunk.truncated() && fmtChunk.available() < 16)
            throw src.fail("file ends inside the fmt chunk (" + fmtChunk.available() + " of its " + fmtChunk.size() + " bytes are there)");
        WavFormat fmt = WavFormat.parse(src, RiffChunks.body(src, fmtChunk, 64, ByteOrder.LITTLE_ENDIAN), warnings);
        if (data == null) throw src.fail("has no data chunk, so no audio" + cut);

        int frameBytes = fmt.channels() * fmt.format().bytesPerSample();
        long frames = data.available() / frameBytes;
        List<AudioProblem> damage = new ArrayList<>();
        if (data.truncated())
            damage.add(AudioProblem.truncated(src.path, data.size() / frameBytes, frames, "data chunk (" + data.size() + " bytes)"));
        else if (data.size() % frameBytes != 0)
            warnings.add("data chunk size " + data.size() + " is not a whole number of " + frameBytes + "-byte frames");
        if (frames == 0)
            throw src.fail(data.size() == 0 ? "data chunk is empty (0 frames)"
                    : "data chunk holds " + data.available() + " bytes, less than one " + frameBytes + "-byte frame");

        WavMetadata.Result meta = WavMetadata.read(src, chunks, frames, warnings);
        return new AudioFileInfo(src.path, AudioFileType.WAV, fmt.format(), fmt.channels(), fmt.rate(), frames,
                meta.metadata(), meta.cues(), data.offset(), ByteOrder.LITTLE_ENDIAN, warnings, damage);
    }

    /** RF64/BW64: the real 64-bit sizes live in a ds64 chunk that must come first. */
    private static Map<String, Long> readDs64(FileSource src) throws MediaException {
        ByteBuffer h = src.read(12, 8, ByteOrder.LITTLE_ENDIAN, "ds64 chunk header");
        if (!RiffChunks.fourCC(h, 0).equals("ds64"))
            throw src.fail("RF64 file whose first chunk is " + RiffChunks.describe(RiffChunks.fourCC(h, 0)) + ", expected 'ds64'");
        long size = Integer.toUnsignedLong(h.getInt(4));
        if (size < 28) throw src.fail("ds64 chunk is " + size + " bytes, expected at least 28");
        ByteBuffer b = src.read(20, (int) Math.min(size, 1 << 16), ByteOrder.LITTLE_ENDIAN, "ds64 chunk");
        Map<String, Long> sizes = new HashMap<>();
        sizes.put("data", unsigned64(src, b.getLong(8), "data size"));
        long tableLength = Integer.toUnsignedLong(b.getInt(24));
        for (long i = 0, at = 28; i < tableLength && at + 12 <= b.limit(); i++, at += 12)
            sizes.putIfAbsent(RiffChunks.fourCC(b, (int) at), unsigned64(src, b.getLong((int) at + 4), "chunk size"));
        // The ds64 chunk itself is skipped by scanning from 12 with its own 32-bit size.
        return sizes;
    }

    private static long unsigned64(FileSource src, long v, String what) throws MediaException {
        if (v < 0) throw src.fail("ds64 " + what + " " + Long.toUnsignedString(v) + " is beyond any real file");
        return v;
    }

    /** For "chunk missing" errors: where the file stopped, which usually explains why. */
    private static String whereItEnds(FileSource src, List<RiffChunks.Chunk> chunks) {
        if (chunks.isEmpty()) return " (the file is " + src.size() + " bytes long and holds no complete chunk)";
        RiffChunks.Chunk last = chunks.getLast();
        if (last.truncated())
            return " (the file ends inside the '" + last.id() + "' chunk, " + last.available() + " of its " + last.size() + " bytes)";
        long end = last.offset() + last.size() + (last.size() & 1);
        if (end >= src.size()) return " (the file ends after the '" + last.id() + "' chunk)";
        return src.size() - end < 8 ? " (the file ends inside a chunk header at offset " + end + ")"
                : " (the chunk header at offset " + end + " is unreadable)";
    }

    private static RiffChunks.Chunk first(List<RiffChunks.Chunk> chunks, String id) {
        for (RiffChunks.Chunk c : chunks) if (c.id().equals(id)) return c;
        return null;
    }
}
