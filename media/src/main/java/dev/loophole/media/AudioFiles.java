package dev.loophole.media;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Entry point for reading audio files of any supported type. The type comes from the file's first
 * bytes (RIFF/RF64 → WAV, FORM → AIFF, fLaC → FLAC, OggS → Ogg), never from its name.
 */
public final class AudioFiles {
    private static final System.Logger LOG = System.getLogger("dev.loophole.media");

    private AudioFiles() {}

    /** Which reader handles this file, judged by its magic bytes. */
    public static AudioFileType detect(Path file) throws MediaException {
        try (FileSource src = FileSource.open(file)) {
            return detect(src);
        }
    }

    /** Format, channels, rate, length, metadata and data offset, without decoding audio (Ogg: reads the last page). */
    public static AudioFileInfo probe(Path file) throws MediaException {
        try (AudioReader r = open(file)) {
            return r.info();
        }
    }

    /** Opens the file for positional, incremental decoding (see {@link AudioReader}). The caller closes it. */
    public static AudioReader open(Path file) throws MediaException {
        return open(file, true);
    }

    /** Opens the file once: its magic bytes are read from the source its reader then parses (a library opens hundreds). */
    private static AudioReader open(Path file, boolean findCut) throws MediaException {
        FileSource src = FileSource.open(file);
        AudioFileType type;
        try {
            type = detect(src);
        } catch (MediaException | RuntimeException e) {
            src.close();
            throw e;
        }
        return switch (type) { // each reader closes the source if it cannot read it
            case WAV -> WavReader.open(src);
            case AIFF -> AiffReader.open(src);
            case FLAC -> FlacReader.open(src, findCut);
            case OGG_VORBIS -> OggVorbisReader.open(src);
        };
    }

    /**
     * Opens the file for its header alone: like {@link #open}, except that a FLAC file's length is what its STREAMINFO
     * says, without reading its last frame to find a cut (a cut file is found when it is opened to be decoded). For a
     * caller that will not decode the file (a sample no note of a render reaches). The caller closes it.
     */
    public static AudioReader openHeader(Path file) throws MediaException {
        return open(file, false);
    }

    /**
     * The header {@link #openHeader} gives, without audio: read ahead by {@link #headersAhead} when it was asked
     * for this file (and the file has not changed since), else read now.
     */
    public static AudioFileInfo header(Path file) throws MediaException {
        Path key = TakeOnce.key(file);
        FileStamp now = FileStamp.orNull(key);
        return now == null ? HeaderPrefetch.readNow(key) : header(now); // a file that cannot be stat'ed: opening it says why
    }

    /**
     * As {@link #header(Path)}, for a caller that has just stamped the file (its absolute, normal path) for its own
     * use: the read-ahead is checked against that stamp, so the file is looked at once.
     */
    public static AudioFileInfo header(FileStamp now) throws MediaException {
        AudioFileInfo ahead = HeaderPrefetch.take(now);
        return ahead != null ? ahead : HeaderPrefetch.readNow(now.file());
    }

    /**
     * Plans reading the headers of {@code files} ahead, for {@link #header} to take later: registered now, read by the
     * returned runnable (for a thread that is idle while the caller's main thread is still busy). A file asked for
     * before the runnable reached it is read by the asker and skipped by the runnable: each is read once. Files that
     * cannot be read are skipped (reading them again gives their error).
     */
    public static Runnable headersAhead(java.util.Collection<Path> files) {
        return HeaderPrefetch.plan(files);
    }

    /** Decodes the whole file into memory. Repairable problems are logged as warnings (see {@link #probe}). */
    public static AudioData read(Path file) throws MediaException {
        try (AudioReader r = open(file)) {
            r.reportTo(p -> LOG.log(System.Logger.Level.WARNING, p::toString));
            return readAll(r);
        }
    }

    /**
     * Decodes {@code frames} frames from {@code firstFrame} into {@code dst[channel][dstOffset..]}; returns the
     * number decoded (fewer at the end of the audio). Opens and closes the file on each call: a streamer that
     * reads the same file repeatedly should keep an {@link #open} reader instead.
     */
    public static int readFrames(Path file, long firstFrame, float[][] dst, int dstOffset, int frames) throws MediaException {
        try (AudioReader r = open(file)) {
            return r.read(firstFrame, dst, dstOffset, frames);
        }
    }

    static AudioFileType detect(FileSource src) throws MediaException {
        if (src.size() < 4) throw src.fail("is " + src.size() + " bytes long, too short to be an audio file");
        long at = id3v2Length(src);
        if (src.size() - at < 4) throw src.fail("holds only an ID3 tag, no audio");
        String magic = RiffChunks.fourCC(src.read(at, 4, ByteOrder.BIG_ENDIAN, "file header"), 0);
        return switch (magic) {
            case "RIFF", "RF64", "BW64" -> AudioFileType.WAV;
            case "FORM" -> AudioFileType.AIFF;
            case "fLaC" -> AudioFileType.FLAC;
            case "OggS" -> AudioFileType.OGG_VORBIS;
            default -> throw src.fail("is not a supported audio file: it starts with " + RiffChunks.describe(magic)
                    + "; expected RIFF/RF64 (WAV), FORM (AIFF), fLaC (FLAC) or OggS (Ogg Vorbis)");
        };
    }

    /** Some taggers put an ID3v2 tag in front of FLAC files; its size is a 28-bit "syncsafe" integer. */
    static long id3v2Length(FileSource src) throws MediaException {
        if (src.size() < 10) return 0;
        ByteBuffer b = src.read(0, 10, ByteOrder.BIG_ENDIAN, "file header");
        if (b.get(0) != 'I' || b.get(1) != 'D' || b.get(2) != '3') return 0;
        long size = 0;
        for (int i = 6; i < 10; i++) size = (size << 7) | (b.get(i) & 0x7F);
        boolean footer = (b.get(5) & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    /**
     * Decodes everything a reader has. Sizes come from what is decoded, never from a header's claim alone. Damage
     * goes wherever {@link AudioReader#reportTo} sent it (by default nowhere: give the reader a sink first).
     */
    public static AudioData readAll(AudioReader r) throws MediaException {
        if (r instanceof FlacReader flac) flac.verifyMd5(true);
        AudioFileInfo info = r.info();
        if (!info.warnings().isEmpty())
            LOG.log(System.Logger.Level.WARNING, () -> info.file() + ": " + String.join("; ", info.warnings()));
        int channels = info.channels();
        // A compressed file's length is a claim: grow towards it as audio really decodes, never allocate it up front.
        long limit = info.frames() >= 0 ? info.frames() : Integer.MAX_VALUE - 8;
        long capacity = info.isRawPcm() ? limit : Math.min(limit, 1 << 18);
        checkMemory(info, capacity);
        float[][] out = new float[channels][(int) capacity];
        int total = 0;
        while (total < limit) {
            if (total == out[0].length) {
                long grown = Math.min(Math.min((long) total * 2, limit), Integer.MAX_VALUE - 8);
                if (grown == total)
                    throw new MediaException(info.file(), "decodes to more than " + total + " frames, too long to hold in memory");
                checkMemory(info, grown);
                for (int c = 0; c < channels; c++) out[c] = Arrays.copyOf(out[c], (int) grown);
            }
            int n = r.read(total, out, total, out[0].length - total);
            if (n == 0) break;
            total += n;
        }
        if (total == 0)
            throw new MediaException(info.file(), "contains no audio frames"
                    + (info.warnings().isEmpty() ? "" : ": " + String.join("; ", info.warnings())));
        if (total != out[0].length)
            for (int c = 0; c < channels; c++) out[c] = Arrays.copyOf(out[c], total);
        return new AudioData(out, info.sampleRate(), info.format(), info.metadata());
    }

    private static void checkMemory(AudioFileInfo info, long frames) throws MediaException {
        if (frames > Integer.MAX_VALUE - 8)
            throw new MediaException(info.file(), frames + " frames are too many to hold in memory; stream it with AudioFiles.open");
        long bytes = frames * info.channels() * Float.BYTES;
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max)
            throw new MediaException(info.file(), "needs " + (bytes >> 20) + " MB as floats but the Java heap is limited to "
                    + (max >> 20) + " MB; stream it with AudioFiles.open");
    }
}
