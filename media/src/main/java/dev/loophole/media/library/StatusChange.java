package dev.loophole.media.library;

import dev.loophole.model.SampleRef;
import java.nio.file.Path;

/**
 * A library file's status moved (the server sends it on as {@code sampler.sampleStatus}).
 *
 * @param fileId the media id
 * @param path   where the file is (or was last seen)
 * @param hash   its content hash, or null when never read (so a program's reference can be matched either way)
 */
public record StatusChange(long fileId, String rootUuid, String relPath, Path path, String hash,
                           MediaStatus before, MediaStatus after) {
    /** Whether this change is about the sample {@code ref} names: same root and path, same content, or same plain path. */
    public boolean concerns(SampleRef ref) {
        SampleRef.MediaLink l = ref.media();
        if (l != null && l.root().equals(rootUuid) && l.relativePath().equals(relPath)) return true;
        if (l != null && hash != null && hash.equals(l.contentHash())) return true;
        return ref.path().equals(path.toString());
    }
}
