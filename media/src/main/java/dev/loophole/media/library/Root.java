package dev.loophole.media.library;

import java.nio.file.Path;

/**
 * A folder the library watches: a plain folder, an external drive, a network share or a cloud-synced folder.
 *
 * @param id     row id
 * @param uuid   the stable name programs refer to; it stays when the folder moves ({@code relink})
 * @param path   where the root is now
 * @param status {@link MediaStatus#ONLINE} or {@link MediaStatus#OFFLINE}
 */
public record Root(long id, String uuid, Path path, MediaStatus status) {}
