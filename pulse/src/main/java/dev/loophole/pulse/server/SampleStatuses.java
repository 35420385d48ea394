package dev.loophole.pulse.server;

import dev.loophole.ipc.SamplerNotification.SampleStatus;
import dev.loophole.ipc.SamplerNotification.Status;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRef;
import dev.loophole.model.SampleRegion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a sample's media is. Online: readable now. Offline: its volume or top folder is not there
 * (an unplugged drive, an unmounted share), so it may come back. Missing: the folder is there but
 * the file is not. Built-in waveforms ({@code *sine}) are always online.
 */
final class SampleStatuses {
    private SampleStatuses() {
    }

    static Status status(String path) {
        if (path.startsWith("*")) return Status.ONLINE;
        Path p = Path.of(path);
        if (Files.isReadable(p)) return Status.ONLINE;
        Path top = p.isAbsolute() && p.getNameCount() > 1 ? p.getRoot().resolve(p.getName(0)).resolve(p.getName(1)) : null;
        if (top != null && !Files.isDirectory(top)) return Status.OFFLINE;
        return Status.MISSING;
    }

    static SampleStatus of(String programId, String path) {
        return new SampleStatus(programId, path, status(path));
    }

    /** Every distinct sample of the program with its status. */
    static List<SampleStatus> all(Program p) {
        Set<String> paths = new LinkedHashSet<>();
        for (SampleRegion r : p.regions()) for (SampleRef s : r.samples()) paths.add(s.path());
        List<SampleStatus> out = new ArrayList<>(paths.size());
        for (String s : paths) out.add(of(p.programId(), s));
        return out;
    }
}
