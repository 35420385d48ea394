package dev.loophole.signal.sampler;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleMetadata;
import java.nio.file.Path;

/**
 * A sample as voices read it: its first {@link #headFrames()} frames decoded in memory, and — when
 * the head is shorter than the sample — the rest streamed from {@link #file()} by a
 * {@link dev.loophole.signal.store.Streamer}. Immutable once built; shared by every region that
 * names the same file.
 */
public final class SampleData {
    final float[][] channels; // the head
    final int frames;         // the whole sample
    final int sampleRate;
    final SampleMetadata metadata;
    final String name;
    final Path file;
    /** Octave copies for the windowed sinc, {@code octaves[k - 1][channel]} decimated by 2^k; made on the control side. */
    private volatile float[][][] octaves = NO_OCTAVES;
    private static final float[][][] NO_OCTAVES = new float[0][][];
    /** Deepest octave copy made: 2^7 covers a sample pitched up seven octaves (or rate-converted as far). */
    static final int MAX_OCTAVES = 7;

    /** A sample held whole in memory. */
    public SampleData(String name, AudioData audio) {
        this(name, null, audio.channels(), audio.frames(), audio.sampleRate(), audio.metadata());
    }

    /** A sample whose first {@code head[c].length} frames are in memory and whose rest streams from {@code file}. */
    public SampleData(String name, Path file, float[][] head, int frames, int sampleRate, SampleMetadata metadata) {
        if (head.length == 0) throw new IllegalArgumentException(name + ": no channels");
        if (head[0].length > frames) throw new IllegalArgumentException(name + ": head longer than the sample");
        if (head[0].length < frames && file == null) throw new IllegalArgumentException(name + ": a partial head needs a file to stream from");
        this.name = name;
        this.file = file;
        this.channels = head;
        this.frames = frames;
        this.sampleRate = sampleRate;
        this.metadata = metadata == null ? SampleMetadata.NONE : metadata;
    }

    public String name() { return name; }

    /** Frames in the whole sample. */
    public int frames() { return frames; }

    /** Frames decoded in memory, from the start. */
    public int headFrames() { return channels[0].length; }

    /** Whether frames past the head must come from disk. */
    public boolean streamed() { return channels[0].length < frames; }

    public Path file() { return file; }

    public int channelCount() { return channels.length; }

    public int sampleRate() { return sampleRate; }

    public SampleMetadata metadata() { return metadata; }

    /** Bytes of decoded audio held in memory, octave copies included. */
    public long memoryBytes() {
        long bytes = 4L * channels.length * channels[0].length;
        for (float[][] level : octaves) bytes += 4L * level.length * level[0].length;
        return bytes;
    }

    /** The octave copies made so far (read on the audio thread; never modified once published). */
    float[][][] octaves() { return octaves; }

    /**
     * Control side: makes octave copies 1 … {@code levels} (each the one above it half-band filtered and decimated by two,
     * {@link dev.loophole.signal.dsp.HalfBand}) if they are not made yet, so a sinc voice pitched up by 2^k reads copy
     * k with a kernel stretched by less than two. They cost at most the sample again (1/2 + 1/4 + …). Only for a sample
     * held whole in memory: a streamed sample's voices read it at its own rate.
     */
    public synchronized void prepareOctaves(int levels) {
        int want = Math.min(levels, MAX_OCTAVES);
        float[][][] have = octaves;
        if (want <= have.length || streamed() || frames == 0) return;
        float[][][] next = java.util.Arrays.copyOf(have, want);
        for (int k = have.length; k < want; k++) {
            float[][] above = k == 0 ? channels : next[k - 1];
            float[][] level = new float[above.length][];
            for (int c = 0; c < above.length; c++) level[c] = dev.loophole.signal.dsp.HalfBand.decimate(above[c], above[c].length);
            next[k] = level;
        }
        octaves = next;
    }

    /** The in-memory head of channel {@code c} (shared; do not modify). */
    public float[] head(int c) { return channels[c]; }
}
