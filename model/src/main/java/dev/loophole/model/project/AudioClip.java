package dev.loophole.model.project;

import dev.loophole.model.SampleRef;

/** Audio on an audio lane (printed or frozen instrument output): a sample played from {@code offsetFrames}. */
public record AudioClip(String clipId, String name, long start, long length, SampleRef sample, long offsetFrames, double gainDb) {
    public AudioClip {
        Ids.require(clipId, "clip id");
        if (name == null) name = "";
        if (sample == null) throw new IllegalArgumentException("audio clip " + clipId + " has no sample");
        if (start < 0 || length <= 0 || offsetFrames < 0)
            throw new IllegalArgumentException("audio clip " + clipId + ": start " + start + ", length " + length + ", offset " + offsetFrames + " (expected ≥0, >0, ≥0)");
        if (!Double.isFinite(gainDb)) throw new IllegalArgumentException("audio clip " + clipId + ": gain " + gainDb);
    }
}
