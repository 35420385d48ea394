package dev.loophole.signal.dsp;

/**
 * The instrument's seeded random generator (SplitMix64). Owned by one instrument and used only on
 * its audio thread, so the same seed and the same events give the same render. No allocation.
 */
public final class Rng {
    private long state;

    public Rng(long seed) { this.state = seed; }

    public void reseed(long seed) { this.state = seed; }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() { return (nextLong() >>> 11) * 0x1.0p-53; }
}
