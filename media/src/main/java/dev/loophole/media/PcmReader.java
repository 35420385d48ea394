package dev.loophole.media;

import java.nio.ByteBuffer;

/** Reads raw interleaved PCM (WAV and AIFF data) at any frame, straight from the file. */
final class PcmReader implements AudioReader {
    private static final int BUFFER_BYTES = 1 << 16;

    private final FileSource source;
    private final AudioFileInfo info;
    private final boolean unsigned8;
    private final byte[] buffer;
    private java.util.function.Consumer<AudioProblem> sink = p -> { };
    private boolean repairReported;

    PcmReader(FileSource source, AudioFileInfo info, boolean unsigned8) {
        this.source = source;
        this.info = info;
        this.unsigned8 = unsigned8;
        int frameBytes = info.bytesPerFrame();
        this.buffer = new byte[Math.max(frameBytes, BUFFER_BYTES / frameBytes * frameBytes)];
    }

    @Override public AudioFileInfo info() { return info; }

    @Override public boolean randomAccess() { return true; }

    @Override
    public void reportTo(java.util.function.Consumer<AudioProblem> sink) {
        this.sink = sink;
        info.damage().forEach(sink);
    }

    @Override
    public int read(long firstFrame, float[][] dst, int dstOffset, int frames) throws MediaException {
        AudioReader.checkArguments(info, firstFrame, dst, dstOffset, frames);
        int total = (int) Math.max(0, Math.min(frames, info.frames() - firstFrame));
        int frameBytes = info.bytesPerFrame();
        int perBlock = buffer.length / frameBytes;
        int done = 0;
        while (done < total) {
            int n = Math.min(perBlock, total - done);
            long position = info.dataOffset() + (firstFrame + done) * frameBytes;
            int want = n * frameBytes;
            int got = source.readAtMost(position, ByteBuffer.wrap(buffer, 0, want));
            if (got < want)
                // The file shrank after it was probed (or is being rewritten): say where it ends.
                throw source.fail("file ends at byte " + (position + got) + ", inside frame "
                        + (firstFrame + done + got / frameBytes) + " of the " + info.frames() + " frames it had when opened");
            int repaired = PcmCodec.decode(buffer, 0, info.format(), info.byteOrder(), unsigned8, info.channels(), dst, dstOffset + done, n);
            if (repaired > 0 && !repairReported) {
                repairReported = true;
                sink.accept(new AudioProblem(info.file(), AudioProblem.Kind.REPAIRED_SAMPLES, "holds float samples that are not audio"
                        + " (NaN, infinite or beyond ±" + (int) PcmCodec.MAX_FLOAT_SAMPLE + "); they play as silence"));
            }
            done += n;
        }
        return total;
    }

    @Override
    public void close() { source.close(); }
}
