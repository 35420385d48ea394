package dev.loophole.model;

/**
 * A reference to sample media. {@code path} is an absolute file path once a program is imported;
 * paths beginning with {@code *} name built-in generated waveforms ({@code *sine}, {@code *noise}, …).
 */
public record SampleRef(String path) {
    public SampleRef {
        if (path == null || path.isBlank()) throw new IllegalArgumentException("sample path is empty");
    }

    public boolean isBuiltin() { return path.startsWith("*"); }
}
