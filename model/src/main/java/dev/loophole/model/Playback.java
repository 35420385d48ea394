package dev.loophole.model;

/**
 * How a region's sample is read.
 *
 * @param offset       first frame to play
 * @param offsetRandom up to this many frames added at random to the offset
 * @param end          last frame to play (inclusive), or -1 for the end of the sample; 0 silences the region
 * @param count        times to play a one-shot sample, 0 for once/unset
 * @param delay        seconds before the voice starts
 * @param delayRandom  up to this many seconds of random delay
 * @param reverse      SFZ {@code direction=reverse}
 */
public record Playback(long offset, long offsetRandom, long end, int count, double delay, double delayRandom, boolean reverse) {
    public static final Playback DEFAULT = new Playback(0, 0, -1, 0, 0, 0, false);

    public Playback {
        if (offset < 0) throw new IllegalArgumentException("offset " + offset + " is negative");
        if (delay < 0) throw new IllegalArgumentException("delay " + delay + " is negative");
    }
}
