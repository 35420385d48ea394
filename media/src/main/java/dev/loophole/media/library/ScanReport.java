package dev.loophole.media.library;

import java.util.List;

/**
 * What a scan of one root did.
 *
 * @param found     audio files under the root
 * @param read      files read and analysed (new or changed content)
 * @param touched   files whose time changed but whose content hash did not (only the time was updated)
 * @param unchanged files skipped (same size and time)
 * @param missing   files the library knew that are gone
 * @param remote    cloud placeholders (present, content not local)
 * @param failed    files that are not readable audio (their error is kept)
 * @param changes   status changes the scan made
 */
public record ScanReport(Root root, int found, int read, int touched, int unchanged, int missing, int remote, int failed,
                         List<StatusChange> changes) {
    public ScanReport {
        changes = List.copyOf(changes);
    }
}
