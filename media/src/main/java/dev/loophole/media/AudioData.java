package dev.loophole.media;

/**
 * Decoded audio: one float array per channel, full scale ±1.0, plus what the file said about itself.
 *
 * @param channels   samples per channel; every array has the same length
 * @param sampleRate frames per second
 * @param format     the encoding the data came from (or is to be written as)
 * @param metadata   root key, tuning and loops from the file's chunks
 */
public record AudioData(float[][] channels, int sampleRate, SampleFormat format, SampleMetadata metadata) {
    public AudioData {
        if (channels.length == 0) throw new IllegalArgumentException("audio has no channels");
        for (float[] c : channels)
            if (c.length != channels[0].length) throw new IllegalArgumentException("channels differ in length");
        if (sampleRate <= 0) throw new IllegalArgumentException("sample rate " + sampleRate + " is not positive");
        if (metadata == null) metadata = SampleMetadata.NONE;
    }

    public int channelCount() { return channels.length; }

    public int frames() { return channels[0].length; }
}
