package dev.loophole.media.library;

import java.nio.file.Path;

/**
 * A library file's status moved (the server sends it on as {@code sampler.sampleStatus}).
 *
 * @param fileId the media id
 * @param path   where the file is (or was last seen)
 * @param hash   its content hash, or null when never read (so a program's reference can be matched either way)
 */
public record StatusChange(long fileId, String rootUuid, String relPath, Path path, String hash,
                           MediaStatus before, MediaStatus after) {}
