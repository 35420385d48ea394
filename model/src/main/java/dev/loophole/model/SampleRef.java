package dev.loophole.model;

/**
 * A reference to sample media. {@code path} is an absolute file path once a program is imported;
 * paths beginning with {@code *} name built-in generated waveforms ({@code *sine}, {@code *noise}, …).
 * A region holding several samples plays them all together, each as one microphone of a multi-mic
 * recording (close, overhead, room), with its own level, pan and output.
 *
 * @param volume dB added to the region's level for this sample (a mic level)
 * @param pan    -100..100 added to the region's pan for this sample
 * @param output the instrument output (stereo pair, 0 = main) this sample plays on
 * @param channel the one channel of a multi-channel file this mic is (0-based), or -1 for the file as it is
 */
public record SampleRef(String path, double volume, double pan, int output, int channel) {
    public SampleRef {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("sample path is empty");
        if (!Double.isFinite(volume)) throw new IllegalArgumentException("sample volume is not a number");
        if (pan < -100 || pan > 100) throw new IllegalArgumentException("sample pan " + pan + " is outside -100..100");
        if (output < 0 || output > 63) throw new IllegalArgumentException("sample output " + output + " is outside 0..63");
        if (channel < -1) throw new IllegalArgumentException("sample channel " + channel + " is below -1");
    }

    /** A sample at the region's own level and pan, on the main output. */
    public SampleRef(String path) { this(path, 0, 0, 0, -1); }

    /** The same sample as a mic with this level, pan and output. */
    public SampleRef asMic(double volume, double pan, int output) { return new SampleRef(path, volume, pan, output, channel); }

    /** One channel (0-based) of this multi-channel file. */
    public SampleRef channel(int c) { return new SampleRef(path, volume, pan, output, c); }

    public boolean isBuiltin() { return path.startsWith("*"); }
}
