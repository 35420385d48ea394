package dev.loophole.formats.sfz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Turns the paths an SFZ file writes into absolute paths on this machine. Libraries are mostly
 * authored on Windows: separators are {@code \} and the case of names is often wrong, so when the
 * exact path does not exist each component is looked up again ignoring case.
 */
final class PathResolver {
    /** A resolved path, and whether a file is there. */
    record Resolved(Path path, boolean exists) {}

    private final Map<Path, Map<String, String>> listings = new HashMap<>();

    /** {@code base} + ({@code prefix} + {@code raw}), with {@code \} read as a separator. */
    Resolved resolve(Path base, String prefix, String raw) {
        String joined = join(prefix, raw).replace('\\', '/');
        Path lexical;
        try {
            lexical = isAbsolute(joined) ? Path.of(joined) : base.resolve(joined);
        } catch (InvalidPathException e) {
            return new Resolved(base.resolve("invalid-path"), false);
        }
        lexical = lexical.toAbsolutePath().normalize();
        if (Files.isRegularFile(lexical)) return new Resolved(lexical, true);
        Path fixed = ignoringCase(lexical);
        return fixed != null ? new Resolved(fixed, true) : new Resolved(lexical, false);
    }

    private static String join(String prefix, String raw) {
        if (prefix == null || prefix.isEmpty() || isAbsolute(raw.replace('\\', '/'))) return raw;
        return prefix.endsWith("/") || prefix.endsWith("\\") ? prefix + raw : prefix + "/" + raw;
    }

    private static boolean isAbsolute(String p) {
        return p.startsWith("/") || (p.length() > 2 && p.charAt(1) == ':' && p.charAt(2) == '/');
    }

    /** Walks from the root, taking each component as written if present, else its case-insensitive twin. */
    private Path ignoringCase(Path wanted) {
        Path current = wanted.getRoot();
        if (current == null) return null;
        for (Path part : wanted) {
            Path exact = current.resolve(part);
            if (Files.exists(exact)) { current = exact; continue; }
            String match = listing(current).get(part.toString().toLowerCase(java.util.Locale.ROOT));
            if (match == null) return null;
            current = current.resolve(match);
        }
        return Files.isRegularFile(current) ? current : null;
    }

    private Map<String, String> listing(Path dir) {
        return listings.computeIfAbsent(dir, d -> {
            Map<String, String> names = new HashMap<>();
            if (!Files.isDirectory(d)) return names;
            try (Stream<Path> s = Files.list(d)) {
                // Sorted so that a folder holding both "A.wav" and "a.wav" always resolves the same way.
                s.map(p -> p.getFileName().toString()).sorted()
                        .forEach(n -> names.putIfAbsent(n.toLowerCase(java.util.Locale.ROOT), n));
            } catch (IOException e) {
                // An unreadable folder simply has no case-insensitive matches.
            }
            return names;
        });
    }
}
