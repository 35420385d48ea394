package dev.loophole.formats.sfz;

import dev.loophole.model.Diagnostic;
import dev.loophole.model.SourceLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects warnings. Group and global opcodes are applied once per region, so the same warning
 * would repeat for every region: identical (place, message) pairs are kept once.
 */
final class Diagnostics {
    private final List<Diagnostic> list = new ArrayList<>();
    private final Set<String> seen = new HashSet<>();
    private final Set<String> onceKeys = new HashSet<>();

    void warn(SourceLocation at, String message) {
        if (seen.add(at + "\n" + message)) list.add(Diagnostic.warning(at, message));
    }

    /** Warns only the first time {@code key} is seen: for "once per opcode per file" messages. */
    void warnOnce(String key, SourceLocation at, String message) {
        if (onceKeys.add(key)) warn(at, message);
    }

    List<Diagnostic> all() { return List.copyOf(list); }
}
