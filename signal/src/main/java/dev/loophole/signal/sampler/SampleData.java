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
    /** Octave copies for the windowed sinc, one set per loop the sample is played with; made on the control side. */
    private final java.util.List<OctaveCopies> octaves = new java.util.ArrayList<>(1);
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
    public synchronized long memoryBytes() {
        long bytes = 4L * channels.length * channels[0].length;
        for (OctaveCopies o : octaves) bytes += o.bytes();
        return bytes;
    }

    /**
     * Control side: octave copies 1 … {@code depth} of this sample as a voice hears it with the forward loop
     * {@code [loopStart, loopEnd]} (or without a loop: {@code loopEnd < 0}), made now unless a deep enough set exists
     * ({@link OctaveCopies}). They cost at most the sample again (1/2 + 1/4 + …). Null for a streamed sample, whose
     * voices read it at its own rate.
     */
    synchronized OctaveCopies octaves(long loopStart, long loopEnd, int depth) {
        int want = Math.min(depth, MAX_OCTAVES);
        if (want < 1 || streamed() || frames == 0 || loopEnd >= frames || loopEnd >= 0 && loopStart < 0) return null;
        long ls = loopEnd < 0 ? -1 : loopStart, le = loopEnd < 0 ? -1 : loopEnd;
        for (int i = 0; i < octaves.size(); i++) {
            OctaveCopies o = octaves.get(i);
            if (o.loopStart != ls || o.loopEnd != le) continue;
            if (o.depth() >= want) return o;
            octaves.remove(i); // made again deeper (the shallower set's voices keep theirs)
            break;
        }
        OctaveCopies o = OctaveCopies.build(channels, frames, ls, le, want);
        octaves.add(o);
        return o;
    }

    /** The in-memory head of channel {@code c} (shared; do not modify). */
    public float[] head(int c) { return channels[c]; }
}
