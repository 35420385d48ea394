package dev.loophole.model.project;

import dev.loophole.model.SampleRef;

/**
 * Audio on an audio lane (printed or frozen instrument output, or an imported file): the sample
 * plays from {@code offsetFrames} of its file, starting at tick {@code start} of the timeline, for
 * {@code length} ticks (the tempo map turns both into frames; the audio itself keeps its own speed).
 * Offset and fades count frames of the file, so they mean the same audio whatever the tempo or the
 * engine's rate. The fades are linear in gain: in from 0 at the clip's first frame to full after
 * {@code fadeInFrames}, out from full to 0 at the frame after its last.
 */
public record AudioClip(String clipId, String name, long start, long length, SampleRef sample, long offsetFrames, double gainDb,
                        long fadeInFrames, long fadeOutFrames) {
    public AudioClip {
        Ids.require(clipId, "clip id");
        if (name == null) name = "";
        if (sample == null) throw new IllegalArgumentException("audio clip " + clipId + " has no sample");
        if (start < 0 || length <= 0 || offsetFrames < 0)
            throw new IllegalArgumentException("audio clip " + clipId + ": start " + start + ", length " + length + ", offset " + offsetFrames + " (expected ≥0, >0, ≥0)");
        if (!Double.isFinite(gainDb)) throw new IllegalArgumentException("audio clip " + clipId + ": gain " + gainDb);
        if (fadeInFrames < 0 || fadeOutFrames < 0)
            throw new IllegalArgumentException("audio clip " + clipId + ": fades " + fadeInFrames + "/" + fadeOutFrames + " frames (expected ≥0)");
    }

    /** A clip without fades. */
    public AudioClip(String clipId, String name, long start, long length, SampleRef sample, long offsetFrames, double gainDb) {
        this(clipId, name, start, length, sample, offsetFrames, gainDb, 0, 0);
    }

    /** The tick one past the clip. */
    public long end() { return start + length; }

    public AudioClip withStart(long s) { return new AudioClip(clipId, name, s, length, sample, offsetFrames, gainDb, fadeInFrames, fadeOutFrames); }

    /** The clip's window on its file: where it starts on the timeline, how long it is, where in the file it begins. */
    public AudioClip withRegion(long s, long len, long offset) {
        return new AudioClip(clipId, name, s, len, sample, offset, gainDb, fadeInFrames, fadeOutFrames);
    }

    public AudioClip withGain(double db) { return new AudioClip(clipId, name, start, length, sample, offsetFrames, db, fadeInFrames, fadeOutFrames); }

    public AudioClip withFades(long in, long out) { return new AudioClip(clipId, name, start, length, sample, offsetFrames, gainDb, in, out); }
}
