package dev.loophole.media.library;

/** Progress of a scan, called on the scanning thread after each committed batch. */
@FunctionalInterface
public interface ScanListener {
    ScanListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} files that needed reading are in the library. */
    void progress(long done, long total);
}
