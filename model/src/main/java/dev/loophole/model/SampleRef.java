package dev.loophole.model;

/**
 * A reference to sample media. {@code path} is an absolute file path once a program is imported;
 * paths beginning with {@code *} name built-in generated waveforms ({@code *sine}, {@code *noise}, …).
 *
 * <p>A reference to a file in the media library also carries a {@link MediaLink} (library root, path under the
 * root, content hash), so the sample is found again after its folder moves, its drive mounts elsewhere, or the
 * library and samples are copied to another machine; {@code path} is then where it was last seen.
 *
 * <p>A region holding several samples plays them all together, each as one microphone of a multi-mic
 * recording (close, overhead, room), with its own level, pan and output.
 *
 * @param media   where the sample is in the media library, or null for a plain file reference
 * @param volume  dB added to the region's level for this sample (a mic level)
 * @param pan     -100..100 added to the region's pan for this sample
 * @param output  the instrument output (stereo pair, 0 = main) this sample plays on
 * @param channel the one channel of a multi-channel file this mic is (0-based), or -1 for the file as it is
 */
public record SampleRef(String path, MediaLink media, double volume, double pan, int output, int channel) {
    public SampleRef {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("sample path is empty");
        if (!Double.isFinite(volume)) throw new IllegalArgumentException("sample volume is not a number");
        if (pan < -100 || pan > 100) throw new IllegalArgumentException("sample pan " + pan + " is outside -100..100");
        if (output < 0 || output > 63) throw new IllegalArgumentException("sample output " + output + " is outside 0..63");
        if (channel < -1) throw new IllegalArgumentException("sample channel " + channel + " is below -1");
    }

    /** A plain file (or built-in) reference, outside the media library, at the region's own level, pan and output. */
    public SampleRef(String path) {
        this(path, null);
    }

    /** A reference at the region's own level and pan, on the main output. */
    public SampleRef(String path, MediaLink media) {
        this(path, media, 0, 0, 0, -1);
    }

    public boolean isBuiltin() { return path.startsWith("*"); }

    // Written out, as the record's own would be (components in order, doubles by Double.compare, hash 31·h + c): the
    // generated ones are linked at their first call through ObjectMethods' bootstrap, which spins method handles at run
    // time (tens of ms in a cold JVM), on a one-note render's path.
    @Override
    public boolean equals(Object o) {
        return o instanceof SampleRef r && path.equals(r.path) && java.util.Objects.equals(media, r.media)
                && Double.compare(volume, r.volume) == 0 && Double.compare(pan, r.pan) == 0 && output == r.output && channel == r.channel;
    }

    @Override
    public int hashCode() {
        int h = path.hashCode();
        h = h * 31 + java.util.Objects.hashCode(media);
        h = h * 31 + Double.hashCode(volume);
        h = h * 31 + Double.hashCode(pan);
        h = h * 31 + output;
        return h * 31 + channel;
    }

    /** This reference pointing at {@code newPath} (where the library found it now), keeping its link and mic settings. */
    public SampleRef at(String newPath) { return new SampleRef(newPath, media, volume, pan, output, channel); }

    /** The same sample as a mic with this level, pan and output. */
    public SampleRef asMic(double volume, double pan, int output) { return new SampleRef(path, media, volume, pan, output, channel); }

    /** One channel (0-based) of this multi-channel file. */
    public SampleRef channel(int c) { return new SampleRef(path, media, volume, pan, output, c); }

    /**
     * A library file's identity: which root (by its stable id, not its current path), where under it, and the
     * content's hash — the fallback when the file moved out of its root's place.
     *
     * @param root         the library root's uuid
     * @param relativePath '/'-separated path under the root
     * @param contentHash  SHA-256 of the file, lower-case hex
     */
    public record MediaLink(String root, String relativePath, String contentHash) {
        public MediaLink {
            if (root == null || root.isBlank()) throw new IllegalArgumentException("media link has no root");
            if (relativePath == null || relativePath.isBlank()) throw new IllegalArgumentException("media link has no path");
        }
    }
}
