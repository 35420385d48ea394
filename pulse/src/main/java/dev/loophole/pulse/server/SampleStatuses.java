package dev.loophole.pulse.server;

import dev.loophole.ipc.SamplerNotification.SampleStatus;
import dev.loophole.ipc.SamplerNotification.Status;
import dev.loophole.media.library.LibraryException;
import dev.loophole.media.library.MediaLibrary;
import dev.loophole.media.library.Resolution;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where a sample's media is. A library sample (one with a media link) is asked of the library, which knows remote
 * placeholders and where a moved root went; a plain file is probed on disk. Online: readable now. Offline: its
 * volume or top folder is not there (an unplugged drive, an unmounted share), so it may come back. Missing: the
 * folder is there but the file is not. Built-in waveforms ({@code *sine}) are always online.
 */
final class SampleStatuses {
    private final MediaLibrary library;

    /** @param library the media library, or null to probe every sample on disk */
    SampleStatuses(MediaLibrary library) {
        this.library = library;
    }

    static Status status(String path) {
        if (path.startsWith("*")) return Status.ONLINE;
        Path p = Path.of(path);
        if (Files.isReadable(p)) return Status.ONLINE;
        Path top = p.isAbsolute() && p.getNameCount() > 1 ? p.getRoot().resolve(p.getName(0)).resolve(p.getName(1)) : null;
        if (top != null && !Files.isDirectory(top)) return Status.OFFLINE;
        return Status.MISSING;
    }

    SampleStatus of(String programId, SampleRef ref) {
        return statuses(programId, List.of(ref)).getFirst();
    }

    /** Every distinct sample of the program with its status. */
    List<SampleStatus> all(Program p) {
        Set<SampleRef> refs = new LinkedHashSet<>();
        for (SampleRegion r : p.regions()) refs.addAll(r.samples());
        return statuses(p.programId(), refs);
    }

    private List<SampleStatus> statuses(String programId, Iterable<SampleRef> refs) {
        Set<SampleRef> linked = new LinkedHashSet<>();
        if (library != null) for (SampleRef s : refs) if (s.media() != null) linked.add(s);
        Map<SampleRef, Resolution> resolved = Map.of();
        if (!linked.isEmpty()) {
            try {
                resolved = library.resolve(linked);
            } catch (LibraryException e) {
                System.getLogger("dev.loophole.pulse").log(System.Logger.Level.WARNING, "cannot ask the library: " + e.getMessage());
            }
        }
        List<SampleStatus> out = new ArrayList<>();
        for (SampleRef s : refs) {
            Resolution r = resolved.get(s);
            out.add(r == null ? new SampleStatus(programId, s.path(), status(s.path()))
                    : new SampleStatus(programId, r.current().path(), LibraryService.status(r.status())));
        }
        return out;
    }
}
