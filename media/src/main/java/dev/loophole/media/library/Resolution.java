package dev.loophole.media.library;

import dev.loophole.model.SampleRef;
import java.nio.file.Path;

/**
 * Where a program's sample reference points now.
 *
 * @param ref    the reference as the program holds it
 * @param path   the file to play: found by root + relative path, else by content hash, else the ref's own path
 * @param status whether it can be played now
 * @param fileId the library file, or -1 when the reference is not in the library
 * @param how    how it was found
 */
public record Resolution(SampleRef ref, Path path, MediaStatus status, long fileId, How how) {
    public enum How { ROOT, HASH, PATH, UNRESOLVED }

    /** The reference updated to where the sample is now (same link). */
    public SampleRef current() { return path == null ? ref : ref.at(path.toString()); }
}
