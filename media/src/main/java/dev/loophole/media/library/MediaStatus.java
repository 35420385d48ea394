package dev.loophole.media.library;

/**
 * Whether a library file's audio can be read now (spec §4.2).
 * <ul>
 *   <li>{@link #ONLINE} — the file is there, its content local.</li>
 *   <li>{@link #OFFLINE} — its root is not reachable (a drive unplugged, a share unmounted); it may come back.</li>
 *   <li>{@link #REMOTE} — the file is present but its content is not local: a cloud-sync placeholder
 *       (see {@link FileState#isPlaceholder}). Reading it would start a download, so the library does not.</li>
 *   <li>{@link #MISSING} — its root is there but the file is not: deleted or moved away.</li>
 * </ul>
 */
public enum MediaStatus {
    ONLINE, OFFLINE, REMOTE, MISSING;

    /** Whether a voice can read the audio. */
    public boolean playable() { return this == ONLINE; }
}
