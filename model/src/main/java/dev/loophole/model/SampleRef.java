package dev.loophole.model;

/**
 * A reference to sample media. {@code path} is an absolute file path once a program is imported;
 * paths beginning with {@code *} name built-in generated waveforms ({@code *sine}, {@code *noise}, …).
 *
 * <p>A reference to a file in the media library also carries a {@link MediaLink} (library root, path under the
 * root, content hash), so the sample is found again after its folder moves, its drive mounts elsewhere, or the
 * library and samples are copied to another machine; {@code path} is then where it was last seen.
 *
 * @param media where the sample is in the media library, or null for a plain file reference
 */
public record SampleRef(String path, MediaLink media) {
    public SampleRef {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("sample path is empty");
    }

    /** A plain file (or built-in) reference, outside the media library. */
    public SampleRef(String path) {
        this(path, null);
    }

    public boolean isBuiltin() { return path.startsWith("*"); }

    /** This reference pointing at {@code newPath} (where the library found it now), keeping its link. */
    public SampleRef at(String newPath) { return new SampleRef(newPath, media); }

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
