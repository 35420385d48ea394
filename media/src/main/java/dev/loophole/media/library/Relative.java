package dev.loophole.media.library;

import java.nio.file.Path;

/** Relative paths as the library stores them: '/'-separated on every system, so a library moves between machines. */
final class Relative {
    private Relative() {}

    static String of(Path root, Path file) {
        Path rel = root.relativize(file);
        StringBuilder b = new StringBuilder();
        for (Path part : rel) {
            if (!b.isEmpty()) b.append('/');
            b.append(part);
        }
        return b.toString();
    }

    static Path resolve(Path root, String rel) {
        Path p = root;
        for (String part : rel.split("/")) if (!part.isEmpty()) p = p.resolve(part);
        return p;
    }

    static String fileName(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? rel : rel.substring(slash + 1);
    }
}
