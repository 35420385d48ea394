package dev.loophole.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sample headers read ahead on a spare core (an instrument's samples, while the command line is still being set up),
 * for {@link AudioFiles#header} to take: a render of a big library otherwise opens hundreds of files for their
 * headers after everything else is ready. An entry is taken once, and only while the file still has the size and
 * modification time it had when read; a file that failed is not kept (opening it again gives its error).
 */
final class HeaderPrefetch {
    private record Read(long size, long modified, AudioFileInfo info) {}

    private static final Map<Path, Read> READ = new ConcurrentHashMap<>();

    private HeaderPrefetch() {}

    static void read(Collection<Path> files) {
        for (Path file : files) {
            Path key = file.toAbsolutePath().normalize();
            try {
                BasicFileAttributes a = Files.readAttributes(key, BasicFileAttributes.class);
                if (!a.isRegularFile()) continue;
                try (AudioReader r = AudioFiles.openHeader(key)) {
                    READ.put(key, new Read(a.size(), a.lastModifiedTime().toMillis(), r.info()));
                }
            } catch (IOException | RuntimeException e) {
                // said when the file is opened for real
            }
        }
    }

    /** The header read ahead for {@code file} if it is still the file that was read, else null. */
    static AudioFileInfo take(Path file) {
        Path key = file.toAbsolutePath().normalize();
        Read read = READ.remove(key);
        if (read == null) return null;
        try {
            BasicFileAttributes a = Files.readAttributes(key, BasicFileAttributes.class);
            return a.size() == read.size() && a.lastModifiedTime().toMillis() == read.modified() ? read.info() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
