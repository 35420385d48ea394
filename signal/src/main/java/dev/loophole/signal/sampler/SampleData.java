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

    /** Bytes of decoded audio held in memory. */
    public long memoryBytes() { return 4L * channels.length * channels[0].length; }

    /** The in-memory head of channel {@code c} (shared; do not modify). */
    public float[] head(int c) { return channels[c]; }
}
