package dev.loophole.media.library;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code relink} did.
 *
 * @param moved        roots that now live somewhere else
 * @param byHash       missing files found again by content hash elsewhere in the library
 * @param stillOffline roots not found
 * @param changes      status changes of files
 */
public record RelinkReport(List<Moved> moved, int byHash, List<Root> stillOffline, List<StatusChange> changes) {
    public RelinkReport {
        moved = List.copyOf(moved);
        stillOffline = List.copyOf(stillOffline);
        changes = List.copyOf(changes);
    }

    public record Moved(Root root, Path from, Path to) {}
}
