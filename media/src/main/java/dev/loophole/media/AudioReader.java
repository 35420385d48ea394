package dev.loophole.media;

/**
 * An open audio file that decodes frames on demand: the building block for a disk streamer or a sample
 * store that keeps only a head of each sample in memory and fetches the rest later.
 *
 * <p>Reads are positional. For raw PCM (WAV, AIFF) any position costs the same. For compressed files
 * (FLAC, Vorbis) a read that starts where the previous one ended just continues decoding; a forward jump
 * decodes and discards the frames in between; a backward jump restarts from the beginning of the file.
 * So the cheap pattern is: read a head, keep the reader, later continue from the head's end.
 *
 * <p>Not thread-safe: give each loader thread its own reader. Not for the audio thread (it does I/O).
 */
public sealed interface AudioReader extends AutoCloseable permits PcmReader, FlacReader, OggVorbisReader {
    /** What the file is (format, channels, rate, length, metadata). */
    AudioFileInfo info();

    /**
     * Decodes up to {@code frames} frames starting at frame {@code firstFrame} into
     * {@code dst[channel][dstOffset ..]} (full scale ±1.0).
     *
     * @param dst one array per channel; must have at least {@link AudioFileInfo#channels()} arrays
     * @return frames decoded; fewer than asked only at the end of the audio, 0 at or past the end
     * @throws MediaException when the file is unreadable or corrupt at that point
     * @throws IllegalArgumentException for a negative position/count or a destination too small
     */
    int read(long firstFrame, float[][] dst, int dstOffset, int frames) throws MediaException;

    /**
     * Sends this file's damage to {@code sink}: what the headers showed ({@link AudioFileInfo#damage()}) now,
     * and what decoding finds later (e.g. non-finite float samples, replaced by silence) once, when first met.
     * A loader gives every reader it opens the same sink, so all damage reaches one report.
     */
    default void reportTo(java.util.function.Consumer<AudioProblem> sink) {
        info().damage().forEach(sink);
    }

    /** Whether a read at an arbitrary position costs no more than a sequential one. */
    boolean randomAccess();

    @Override
    void close();

    /** Shared argument checks, so every implementation rejects bad calls the same way. */
    static void checkArguments(AudioFileInfo info, long firstFrame, float[][] dst, int dstOffset, int frames) {
        if (firstFrame < 0) throw new IllegalArgumentException("first frame " + firstFrame + " is negative");
        if (frames < 0 || dstOffset < 0) throw new IllegalArgumentException("negative count or offset");
        if (dst.length < info.channels())
            throw new IllegalArgumentException("destination has " + dst.length + " channels, the file " + info.channels());
        for (int c = 0; c < info.channels(); c++)
            if (dst[c].length < dstOffset + (long) frames)
                throw new IllegalArgumentException("destination channel " + c + " holds " + dst[c].length
                        + " samples, needs " + ((long) dstOffset + frames));
    }
}
