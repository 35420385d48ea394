package dev.loophole.formats.sf2;

import dev.loophole.media.FileStamp;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.file.StandardOpenOption;

/**
 * Reads one sample of a bank by offset: only that sample's bytes are touched, so playing one note of a
 * 141 MB bank reads a few hundred KB. 24-bit data combines {@code smpl} (high 16 bits) with {@code sm24}
 * (low byte) as SoundFont 2.04 specifies. Stereo pairs are two mono samples linked by {@code sfSampleLink};
 * each is read on its own.
 *
 * <p>SoundFont 3 samples are Ogg Vorbis streams: formats has no codec, so the caller passes a {@link Decoder}
 * (the media module's, through the command line's sample bridge); the decoded length must equal what the stream's
 * last page promised at load, so region offsets and loop points mean the same frames as in the file.
 */
public final class Sf2SampleReader {
    private Sf2SampleReader() {}

    /** Decodes a compressed sample: the mono frames of the stream at bytes {@code offset .. offset + length} of {@code bank}. */
    @FunctionalInterface
    public interface Decoder {
        float[] decode(Path bank, long offset, long length) throws IOException;
    }

    /** For callers without a codec: a compressed sample is refused with a message saying so. */
    public static final Decoder NO_DECODER = (bank, offset, length) -> {
        throw new Sf2Exception(bank, "smpl bytes " + offset + "..", "a PCM sample; this one is compressed (SoundFont 3)"
                + " and needs an Ogg Vorbis decoder (read it through Sf2SampleReader.read(…, Decoder))");
    };

    /** Largest sample this reader decodes into memory (frames); longer ones are refused with a clear message. */
    public static final long MAX_FRAMES = 1L << 28;

    /** Parsed headers of a bank, valid while the file's size and modification time stay the same. */
    private record Headers(FileStamp stamp, Sf2Bank.DataLocation data, List<Sf2Sample> samples) {}

    // Compiling a patch reads hundreds of samples of one bank: parse its headers once, not per sample.
    private static final Map<Path, Headers> HEADERS = new ConcurrentHashMap<>();
    private static final int MAX_CACHED_BANKS = 16;

    /** Reads sample {@code sampleIndex} of {@code bank}; the bank's headers are parsed once and cached. */
    public static Sf2Audio read(Path bank, int sampleIndex) throws IOException {
        return read(bank, sampleIndex, NO_DECODER);
    }

    /** As {@link #read(Path, int)}, decoding compressed (SF3) samples with {@code decoder}. */
    public static Sf2Audio read(Path bank, int sampleIndex, Decoder decoder) throws IOException {
        Path abs = bank.toAbsolutePath().normalize();
        Headers h = headers(abs);
        return read(abs, h.data(), h.samples(), sampleIndex, decoder);
    }

    private static Headers headers(Path abs) throws IOException {
        Headers h = HEADERS.get(abs);
        if (h != null && h.stamp().equals(stamp(abs))) return h;
        return parse(abs).headers();
    }

    private static FileStamp stamp(Path abs) throws IOException {
        try {
            return FileStamp.of(abs);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new Sf2Exception(abs, "file", "an existing SoundFont file", e);
        }
    }

    /** A bank's structure as just read, and the stamp (size, modification time, file key) its headers are cached under. */
    record Parsed(Sf2File file, Headers headers) {}

    /**
     * Reads a bank's structure and keeps its sample headers for the reads that follow: an importer opening a bank
     * ({@link Sf2Importer#open}) and the samples its presets then read parse the tables once. The stamp is taken
     * before the read, so a bank changed meanwhile is parsed again at its next read.
     */
    static Parsed parse(Path abs) throws IOException {
        FileStamp stamp = stamp(abs);
        Sf2File f = Sf2File.read(abs);
        Headers h = new Headers(stamp, new Sf2Bank.DataLocation(f.smplOffset, f.smplFrames, f.sm24Offset), List.of(f.samples));
        if (HEADERS.size() >= MAX_CACHED_BANKS) HEADERS.clear();
        HEADERS.put(abs, h);
        return new Parsed(f, h);
    }

    /** Reads a sample of an already loaded bank (no header parsing). */
    public static Sf2Audio read(Sf2Bank bank, int sampleIndex) throws IOException {
        return read(bank, sampleIndex, NO_DECODER);
    }

    /** As {@link #read(Sf2Bank, int)}, decoding compressed (SF3) samples with {@code decoder}. */
    public static Sf2Audio read(Sf2Bank bank, int sampleIndex, Decoder decoder) throws IOException {
        return read(bank.file(), bank.data(), bank.samples(), sampleIndex, decoder);
    }

    /** Reads the sample a {@code sf2:<bank>#<index>} reference names. */
    public static Sf2Audio read(String sampleRef) throws IOException {
        return read(sampleRef, NO_DECODER);
    }

    /** As {@link #read(String)}, decoding compressed (SF3) samples with {@code decoder}. */
    public static Sf2Audio read(String sampleRef, Decoder decoder) throws IOException {
        Sf2SampleRef ref;
        try {
            ref = Sf2SampleRef.parse(sampleRef);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a SoundFont sample reference: " + e.getMessage(), e);
        }
        return read(ref.bank(), ref.sampleIndex(), decoder);
    }

    /**
     * The sample a {@code sf2:<bank>#<index>} reference names as {@link #read(String, Decoder)} would give it
     * (name, rate, root, loop relative to the sample, end inclusive) but with no frames: {@code length} says how many.
     * Nothing of the sample data is read.
     */
    public record Header(String name, long length, int sampleRate, int bitsPerSample, int rootKey, long loopStart, long loopEnd) {}

    public static Header header(String sampleRef) throws IOException {
        Sf2SampleRef ref;
        try {
            ref = Sf2SampleRef.parse(sampleRef);
        } catch (IllegalArgumentException e) {
            throw new IOException("not a SoundFont sample reference: " + e.getMessage(), e);
        }
        Path abs = ref.bank().toAbsolutePath().normalize();
        Headers h = headers(abs);
        Sf2Sample s = usable(abs, h.samples(), ref.sampleIndex());
        long ls = s.loopStart() - s.start(), le = s.loopEnd() - s.start();
        boolean loopOk = ls >= 0 && le > ls && le <= s.length();
        boolean wide = !s.compressed() && h.data().has24Bit();
        return new Header(s.name(), s.length(), s.sampleRate(), wide ? 24 : 16, s.originalPitch() <= 127 ? s.originalPitch() : -1,
                loopOk ? ls : -1, loopOk ? le - 1 : -1);
    }

    private static Sf2Audio read(Path file, Sf2Bank.DataLocation data, List<Sf2Sample> samples, int index, Decoder decoder)
            throws IOException {
        Sf2Sample s = usable(file, samples, index);
        if (s.compressed()) return decompress(file, data, s, decoder);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return decode(file, ch, data, s);
        }
    }

    /** Reads a sample of a loaded bank from an open channel (tests use in-memory banks). */
    static Sf2Audio read(Sf2Bank bank, int index, SeekableByteChannel ch) throws IOException {
        Sf2Sample s = usable(bank.file(), bank.samples(), index);
        return s.compressed() ? decompress(bank.file(), bank.data(), s, NO_DECODER) : decode(bank.file(), ch, bank.data(), s);
    }

    private static Sf2Audio decompress(Path file, Sf2Bank.DataLocation data, Sf2Sample s, Decoder decoder) throws IOException {
        float[] out = decoder.decode(file, data.smplOffset() + s.dataStart(), s.dataEnd() - s.dataStart());
        if (out.length != s.length())
            throw new Sf2Exception(file, "pdta/shdr[" + s.index() + "] '" + s.name() + "'", s.length()
                    + " frames, as the last page of its Ogg stream says; it decodes to " + out.length);
        return audio(s, out, 16);
    }

    /** Loop points relative to the sample, end inclusive; the header's loop only when it lies inside the data. */
    private static Sf2Audio audio(Sf2Sample s, float[] out, int bits) {
        long ls = s.loopStart() - s.start(), le = s.loopEnd() - s.start();
        boolean loopOk = ls >= 0 && le > ls && le <= out.length;
        int root = s.originalPitch() <= 127 ? s.originalPitch() : -1;
        return new Sf2Audio(s.name(), out, s.sampleRate(), bits, root, s.pitchCorrection(),
                loopOk ? ls : -1, loopOk ? le - 1 : -1, s.type(), s.link());
    }

    private static Sf2Sample usable(Path file, List<Sf2Sample> samples, int index) throws Sf2Exception {
        String where = "pdta/shdr[" + index + "]";
        if (index < 0 || index >= samples.size())
            throw new Sf2Exception(file, where, "a sample index within 0.." + (samples.size() - 1));
        Sf2Sample s = samples.get(index);
        if (!s.usable()) throw new Sf2Exception(file, where + " '" + s.name() + "'", "a playable sample header (see the load warnings)");
        return s;
    }

    private static Sf2Audio decode(Path file, SeekableByteChannel ch, Sf2Bank.DataLocation data, Sf2Sample s) throws IOException {
        String where = "pdta/shdr[" + s.index() + "] '" + s.name() + "'";
        long frames = s.length();
        if (frames > MAX_FRAMES) throw new Sf2Exception(file, where, "a sample of at most " + MAX_FRAMES + " frames, found " + frames);
        long fileSize = ch.size();
        if (data.smplOffset() + 2 * s.end() > fileSize)
            throw new Sf2Exception(file, where, "sample data within the file, which has changed since it was loaded");
        boolean wide = data.has24Bit() && data.sm24Offset() + s.end() <= fileSize;
        float[] out = new float[(int) frames];
        final int chunk = 1 << 16;
        ByteBuffer hi = ByteBuffer.allocate((int) Math.min(chunk, frames) * 2).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer lo = ByteBuffer.allocate(wide ? (int) Math.min(chunk, frames) : 0);
        for (long done = 0; done < frames; ) {
            int n = (int) Math.min(chunk, frames - done);
            fill(ch, hi.clear().limit(n * 2), data.smplOffset() + 2 * (s.start() + done), file, where);
            if (wide) fill(ch, lo.clear().limit(n), data.sm24Offset() + s.start() + done, file, where);
            for (int i = 0; i < n; i++) {
                int v = hi.getShort(i * 2);
                out[(int) done + i] = wide ? ((v << 8) | (lo.get(i) & 0xFF)) / 8388608f : v / 32768f;
            }
            done += n;
        }
        return audio(s, out, wide ? 24 : 16);
    }

    private static void fill(SeekableByteChannel ch, ByteBuffer b, long at, Path file, String where) throws IOException {
        ch.position(at);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) throw new Sf2Exception(file, where, "sample data, found the end of the file");
        }
    }
}
