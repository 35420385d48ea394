package dev.loophole.formats;

import dev.loophole.media.AudioFiles;
import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Opens an instrument file on a second core while the caller is still busy with something else (a command line
 * being parsed), for the caller to {@link #take} later: a one-note render of a big SFZ library spends as long
 * setting up its command as parsing the instrument, one after the other. Only a file of a one-program kind that
 * exists is started; a failure is kept and thrown by {@link #take}, as opening the file there would have thrown it.
 * Once the program is open, the same thread reads its samples' headers ahead ({@link AudioFiles#headersAhead}).
 */
public final class InstrumentPrefetch {
    private static final Map<Path, FutureTask<Program>> STARTED = new ConcurrentHashMap<>();

    private InstrumentPrefetch() {}

    /** Starts opening {@code file} on a daemon thread, unless it is started already, not a file, or not a one-program kind. */
    public static void start(Path file) {
        var opener = InstrumentFiles.opener(file);
        if (opener.isEmpty() || !java.nio.file.Files.isRegularFile(file)) return;
        Runnable[] headers = {null};
        FutureTask<Program> task = new FutureTask<>(() -> {
            Program program = opener.get().open(file);
            // Then its samples' headers, which the render reads next (AudioFiles.header takes them). Planned before the
            // program is handed over, so a header the render asks for first is read by the render alone, never twice.
            try {
                headers[0] = AudioFiles.headersAhead(samplePaths(program));
            } catch (RuntimeException e) {
                // no read-ahead then: the render reads each header itself, and the program is still good
            }
            return program;
        });
        if (STARTED.putIfAbsent(key(file), task) != null) return;
        Thread t = new Thread(() -> {
            task.run();
            if (headers[0] != null) headers[0].run();
        }, "loophole-prefetch");
        t.setDaemon(true); // a command line that fails before taking it must not wait for it
        t.start();
    }

    /**
     * The program a {@link #start} opened for {@code file} (waiting for it), or {@code null} when none was started;
     * taken once. What opening it threw is thrown here.
     */
    public static Program take(Path file) throws IOException {
        FutureTask<Program> task = STARTED.remove(key(file));
        if (task == null) return null;
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while opening " + file);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IOException(e.getCause());
            }
        }
    }

    private static java.util.List<Path> samplePaths(Program program) {
        java.util.Set<Path> paths = new java.util.LinkedHashSet<>();
        for (var region : program.regions())
            for (var ref : region.samples())
                if (!ref.isBuiltin()) try {
                    paths.add(Path.of(ref.path()));
                } catch (java.nio.file.InvalidPathException e) {
                    // the render says so
                }
        return java.util.List.copyOf(paths);
    }

    private static Path key(Path file) { return file.toAbsolutePath().normalize(); }
}
