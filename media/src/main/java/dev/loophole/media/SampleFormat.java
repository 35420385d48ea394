package dev.loophole.media;

/** How samples are encoded: integer PCM of 8/16/24/32 bits, or IEEE float of 32/64 bits. */
public record SampleFormat(int bitsPerSample, boolean floatingPoint) {
    public static final SampleFormat PCM_16 = new SampleFormat(16, false);
    public static final SampleFormat PCM_24 = new SampleFormat(24, false);
    public static final SampleFormat PCM_32 = new SampleFormat(32, false);
    public static final SampleFormat FLOAT_32 = new SampleFormat(32, true);

    public SampleFormat {
        boolean ok = floatingPoint ? (bitsPerSample == 32 || bitsPerSample == 64)
                : (bitsPerSample == 8 || bitsPerSample == 16 || bitsPerSample == 24 || bitsPerSample == 32);
        if (!ok) throw new IllegalArgumentException((floatingPoint ? "float" : "PCM") + " at " + bitsPerSample + " bits is not supported");
    }

    public int bytesPerSample() { return bitsPerSample / 8; }

    @Override
    public String toString() { return floatingPoint ? bitsPerSample + "-bit float" : bitsPerSample + "-bit PCM"; }
}
