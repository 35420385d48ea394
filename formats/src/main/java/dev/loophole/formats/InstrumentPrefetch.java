package dev.loophole.formats;

import dev.loophole.media.AudioFiles;
import dev.loophole.media.TakeOnce;
import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Opens an instrument file on a second core while the caller is still busy with something else (a command line
 * being parsed), for the caller to {@link #take} later: a one-note render of a big SFZ library spends as long
 * setting up its command as parsing the instrument, one after the other. Only a file of a one-program kind that
 * exists is started; a failure is kept and thrown by {@link #take}, as opening the file there would have thrown it
 * ({@link FilePrefetch}: nothing is given for a file changed since; only the file named is stamped, so an SFZ
 * {@code #include} changed within the read-ahead's fraction of a second would not be seen).
 * Once the program is open, the same thread reads its samples' headers ahead ({@link AudioFiles#headersAhead}).
 */
public final class InstrumentPrefetch {
    private static final TakeOnce<FilePrefetch<Program>> STARTED = new TakeOnce<>();

    private InstrumentPrefetch() {}

    /**
     * Starts opening {@code file} on a daemon thread, unless it is started already, not a file, or not a one-program kind;
     * {@code headers} false reads no sample header ahead (a caller that opens every sample in full, such as a strict
     * render, would never take them).
     */
    public static synchronized void start(Path file, boolean headers) {
        var opener = InstrumentFiles.opener(file);
        if (opener.isEmpty() || STARTED.waiting(file)) return;
        Runnable[] ahead = {null};
        FilePrefetch<Program> p = FilePrefetch.start("loophole-prefetch", List.of(file), () -> {
            Program program = opener.get().open(file);
            if (!headers) return program;
            // Then its samples' headers, which the render reads next (AudioFiles.header takes them). Planned before the
            // program is handed over, so a header the render asks for first is read by the render alone, never twice.
            try {
                ahead[0] = AudioFiles.headersAhead(samplePaths(program));
            } catch (RuntimeException e) {
                // no read-ahead then: the render reads each header itself, and the program is still good
            }
            return program;
        }, () -> {
            if (ahead[0] != null) ahead[0].run();
        });
        if (p != null) STARTED.offer(file, p);
    }

    /**
     * The program a {@link #start} opened for {@code file} (waiting for it), or {@code null} when none was started or the
     * file changed since; taken once. What opening it threw is thrown here.
     */
    public static Program take(Path file) throws IOException {
        FilePrefetch<Program> p = STARTED.take(file);
        return p == null ? null : p.take();
    }

    private static List<Path> samplePaths(Program program) {
        java.util.Set<Path> paths = new java.util.LinkedHashSet<>();
        for (var region : program.regions())
            for (var ref : region.samples())
                if (!ref.isBuiltin()) try {
                    paths.add(Path.of(ref.path()));
                } catch (java.nio.file.InvalidPathException e) {
                    // the render says so
                }
        return List.copyOf(paths);
    }
}
