package dev.loophole.signal.sampler;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleMetadata;

/**
 * Decoded sample frames the voices read, with the file's own loop and root-key metadata.
 * Immutable once built; shared by every region that names the same file.
 */
public final class SampleData {
    final float[][] channels;
    final int frames;
    final int sampleRate;
    final SampleMetadata metadata;
    final String name;

    public SampleData(String name, AudioData audio) {
        this.name = name;
        this.channels = audio.channels();
        this.frames = audio.frames();
        this.sampleRate = audio.sampleRate();
        this.metadata = audio.metadata();
    }

    public String name() { return name; }

    public int frames() { return frames; }

    public int channelCount() { return channels.length; }

    public int sampleRate() { return sampleRate; }

    public SampleMetadata metadata() { return metadata; }
}
