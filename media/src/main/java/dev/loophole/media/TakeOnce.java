package dev.loophole.media;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Work started ahead for files, each entry taken at most once by the one who needs it: keyed by the file's absolute,
 * normal path, so {@code a/../b.wav} and {@code b.wav} meet. Thread-safe.
 */
public final class TakeOnce<V> {
    private final Map<Path, V> waiting = new ConcurrentHashMap<>();

    /** Keeps {@code value} for {@code file} unless one waits already; whether it was kept. */
    public boolean offer(Path file, V value) {
        return waiting.putIfAbsent(key(file), value) == null;
    }

    /** Keeps {@code value} for {@code file}, in place of any that waits (one left over from earlier work is stale). */
    public void replace(Path file, V value) {
        waiting.put(key(file), value);
    }

    /** What waits for {@code file}, removed (the next take gets null), or null. */
    public V take(Path file) {
        return waiting.remove(key(file));
    }

    public boolean waiting(Path file) {
        return waiting.containsKey(key(file));
    }

    /** The key of {@code file}: absolute and normal. */
    public static Path key(Path file) {
        return file.toAbsolutePath().normalize();
    }
}
