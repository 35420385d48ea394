package dev.loophole.media;

import java.util.SplittableRandom;

/** Seeded test signals quantised to a format's grid, so a correct codec must reproduce them bit for bit. */
final class Signals {
    private Signals() {}

    /** Random values on the grid of {@code format}, with the two extremes of the grid at the start of each channel. */
    static float[][] onGrid(SampleFormat format, int channels, int frames, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] x = new float[channels][frames];
        for (int c = 0; c < channels; c++) {
            for (int i = 0; i < frames; i++) {
                if (format.floatingPoint()) {
                    // Floats: any finite value, including beyond ±1 (float formats keep headroom).
                    // For 32-bit PCM the rounding (float) below keeps the value on the integer grid too.
                    x[c][i] = (float) (rnd.nextDouble(-2, 2));
                } else {
                    int bits = format.bitsPerSample();
                    long half = 1L << (bits - 1);
                    long code = rnd.nextLong(-half, half);
                    x[c][i] = (float) (code / (double) half);
                }
            }
            if (!format.floatingPoint() && frames >= 2) {
                x[c][0] = -1.0f;
                x[c][1] = (float) max(format);
            }
        }
        return x;
    }

    /** The largest value on the grid: 1 - 2^-(n-1). */
    static double max(SampleFormat format) {
        return 1.0 - Math.scalb(1.0, -(format.bitsPerSample() - 1));
    }

    /** A sine per channel (phase offset by the channel index), for lossy codecs compared within a tolerance. */
    static float[][] sine(int channels, int frames, double freq, int rate, double amp) {
        float[][] x = new float[channels][frames];
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < frames; i++)
                x[c][i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / rate + c));
        return x;
    }
}
