package dev.loophole.media;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes WAV files in the sample format the caller chooses: PCM 8 (unsigned)/16/24/32 or IEEE float 32/64.
 *
 * <p>PCM values are scaled by 2^(n-1), rounded to the nearest integer (ties to even) and clamped to the
 * n-bit range, so +1.0 becomes the largest code 1 - 2^-(n-1) and anything already on the grid reads back
 * identical (see {@link PcmCodec}). Floats are written as they are, without clamping.
 *
 * <p>Layout: RIFF header, a 28-byte JUNK chunk (reserved for a ds64 chunk), fmt, smpl when the metadata
 * has a root key or loops, then data. A file that grows past 4 GiB becomes RF64 on {@link #close()}.
 * More than two channels, or integer samples wider than 16 bits, use WAVE_FORMAT_EXTENSIBLE, as Microsoft's
 * rules ask (tools such as flac warn about a plain 24-bit header); the rest use the plain PCM/float tags.
 */
public final class WavWriter implements AutoCloseable {
    private static final long RIFF_LIMIT = 0xFFFF_FFFFL;
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final SampleFormat format;
    private final int channels;
    private final long dataSizeAt;
    private final long rf64Threshold;
    private final byte[] buffer;
    private long dataBytes;
    private boolean closed;

    private WavWriter(Path file, FileChannel channel, SampleFormat format, int channels, long dataSizeAt, long rf64Threshold) {
        this.file = file;
        this.channel = channel;
        this.format = format;
        this.channels = channels;
        this.dataSizeAt = dataSizeAt;
        this.rf64Threshold = rf64Threshold;
        int frameBytes = channels * format.bytesPerSample();
        this.buffer = new byte[Math.max(frameBytes, BUFFER_BYTES / frameBytes * frameBytes)];
    }

    /** Writes {@code audio} in {@code audio.format()}, replacing any existing file. */
    public static void write(Path file, AudioData audio) throws MediaException {
        try (WavWriter w = open(file, audio.format(), audio.channelCount(), audio.sampleRate(), audio.metadata())) {
            w.write(audio.channels(), 0, audio.frames());
        }
    }

    /** Starts a file to which frames are appended with {@link #write(float[][], int, int)}; {@link #close()} finishes it. */
    public static WavWriter open(Path file, SampleFormat format, int channels, int sampleRate, SampleMetadata metadata)
            throws MediaException {
        return open(file, format, channels, sampleRate, metadata, RIFF_LIMIT);
    }

    /** {@code rf64Threshold} lets tests reach the RF64 path without writing 4 GiB. */
    static WavWriter open(Path file, SampleFormat format, int channels, int sampleRate, SampleMetadata metadata,
                          long rf64Threshold) throws MediaException {
        if (channels < 1 || channels > 65535) throw new MediaException(file, "cannot write " + channels + " channels (1..65535)");
        if (sampleRate <= 0) throw new MediaException(file, "cannot write sample rate " + sampleRate);
        if (metadata == null) metadata = SampleMetadata.NONE;
        for (SampleMetadata.SampleLoop l : metadata.loops())
            if (l.end() > RIFF_LIMIT) throw new MediaException(file, "loop end " + l.end() + " does not fit the smpl chunk's 32 bits");
        ByteBuffer header = header(format, channels, sampleRate, metadata);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (NoSuchFileException e) {
            throw new MediaException(file, "cannot create: folder " + file.toAbsolutePath().getParent() + " does not exist");
        } catch (IOException e) {
            throw new MediaException(file, Files.isDirectory(file) ? "is a directory" : "cannot create: " + e.getMessage(), e);
        }
        WavWriter w = new WavWriter(file, ch, format, channels, header.limit() - 4, rf64Threshold);
        w.put(header, 0);
        return w;
    }

    private static ByteBuffer header(SampleFormat format, int channels, int rate, SampleMetadata meta) {
        boolean extensible = channels > 2 || (!format.floatingPoint() && format.bitsPerSample() > 16);
        int fmtSize = extensible ? 40 : format.floatingPoint() ? 18 : 16;
        boolean smpl = meta.rootKey() >= 0 || !meta.loops().isEmpty();
        byte[] smplBody = smpl ? WavMetadata.smpl(meta, rate) : new byte[0];
        int size = 12 + 36 + 8 + fmtSize + (smpl ? 8 + smplBody.length : 0) + 8;
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(0).put(ascii("WAVE"));
        b.put(ascii("JUNK")).putInt(28).put(new byte[28]);
        int tag = format.floatingPoint() ? WavFormat.IEEE_FLOAT : WavFormat.PCM;
        int blockAlign = channels * format.bytesPerSample();
        b.put(ascii("fmt ")).putInt(fmtSize);
        b.putShort((short) (extensible ? WavFormat.EXTENSIBLE : tag)).putShort((short) channels).putInt(rate)
                .putInt((int) ((long) rate * blockAlign)).putShort((short) blockAlign).putShort((short) format.bitsPerSample());
        if (extensible) {
            long mask = channels <= 18 ? (1L << channels) - 1 : 0; // speakers in the standard order
            b.putShort((short) 22).putShort((short) format.bitsPerSample()).putInt((int) mask)
                    .putShort((short) tag).put(WavFormat.GUID_TAIL);
        } else if (format.floatingPoint()) {
            b.putShort((short) 0);
        }
        if (smpl) b.put(ascii("smpl")).putInt(smplBody.length).put(smplBody);
        b.put(ascii("data")).putInt(0);
        return b.flip();
    }

    /** Appends {@code frames} frames of {@code src[c][srcOffset..]}; {@code src} needs one array per channel. */
    public void write(float[][] src, int srcOffset, int frames) throws MediaException {
        if (closed) throw new IllegalStateException("writer is closed");
        if (src.length != channels) throw new IllegalArgumentException(src.length + " channels given, the file has " + channels);
        int frameBytes = channels * format.bytesPerSample();
        int perBlock = buffer.length / frameBytes;
        for (int done = 0; done < frames; ) {
            int n = Math.min(perBlock, frames - done);
            PcmCodec.encode(src, srcOffset + done, format, ByteOrder.LITTLE_ENDIAN, true, buffer, 0, n);
            put(ByteBuffer.wrap(buffer, 0, n * frameBytes), dataSizeAt + 4 + dataBytes);
            dataBytes += (long) n * frameBytes;
            done += n;
        }
    }

    public long framesWritten() { return dataBytes / ((long) channels * format.bytesPerSample()); }

    /** Pads the data chunk, fills in the sizes (switching to RF64 beyond 4 GiB) and closes the file. */
    @Override
    public void close() throws MediaException {
        if (closed) return;
        closed = true;
        try {
            long end = dataSizeAt + 4 + dataBytes;
            if ((dataBytes & 1) != 0) put(ByteBuffer.wrap(new byte[1]), end++);
            if (end - 8 <= rf64Threshold) {
                putInt(4, (int) (end - 8));
                putInt(dataSizeAt, (int) dataBytes);
            } else {
                ByteBuffer ds64 = ByteBuffer.allocate(36).order(ByteOrder.LITTLE_ENDIAN);
                ds64.put(ascii("ds64")).putInt(28).putLong(end - 8).putLong(dataBytes).putLong(framesWritten()).putInt(0);
                put(ds64.flip(), 12);
                put(ByteBuffer.wrap(ascii("RF64")), 0);
                putInt(4, -1);           // 0xFFFFFFFF: "the size is in ds64"
                putInt(dataSizeAt, -1);
            }
        } finally {
            try {
                channel.close();
            } catch (IOException e) {
                throw new MediaException(file, "cannot finish writing: " + e.getMessage(), e);
            }
        }
    }

    private void put(ByteBuffer b, long position) throws MediaException {
        try {
            for (long p = position; b.hasRemaining(); ) p += channel.write(b, p);
        } catch (IOException e) {
            throw new MediaException(file, "cannot write: " + e.getMessage(), e);
        }
    }

    private void putInt(long position, int value) throws MediaException {
        put(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value), position);
    }

    private static byte[] ascii(String s) { return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII); }
}
