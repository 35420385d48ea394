package dev.loophole.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The file a render writes before it becomes the target ({@code .out.wav.PID.part} next to it), so an existing
 * file is replaced whole or not at all. It goes away on every exit path: a failure or {@link #close} without
 * {@link #commit}, and SIGTERM or Ctrl-C through a shutdown hook that asks the writer to stop and removes the file
 * even if the writer does not answer. A {@code kill -9} cannot be caught: the next render into the same folder
 * removes parts whose process is gone.
 */
final class PartFile implements AutoCloseable {
    static final long SHUTDOWN_WAIT_MILLIS = 2000;
    private static final Pattern NAME = Pattern.compile("\\.(.+)\\.(\\d+)\\.part");

    private final Path target, path;
    private final Thread hook = new Thread(this::onShutdown, "loophole-part-cleanup");
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean cancelled, committed;

    private PartFile(Path target) throws IOException {
        this.target = target;
        Path dir = target.toAbsolutePath().getParent();
        String name = target.getFileName().toString();
        sweepOrphans(dir, name);
        // Created by the writer with the user's default permissions (a temp file would be owner-only).
        path = dir.resolve("." + name + "." + ProcessHandle.current().pid() + ".part");
        Files.deleteIfExists(path);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    static PartFile nextTo(Path target) throws IOException { return new PartFile(target); }

    Path path() { return path; }

    /** True once the process is being stopped (SIGTERM, Ctrl-C): the writer should give up at its next block. */
    boolean cancelled() { return cancelled; }

    /** Moves the finished file onto the target in one step. */
    void commit() throws IOException {
        Files.move(path, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() {
        try {
            if (!committed) Files.deleteIfExists(path);
        } catch (IOException e) {
            // Nothing more to do: the folder went away or turned read-only under us.
        } finally {
            closed.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook is running and waits for us.
            }
        }
    }

    private void onShutdown() {
        cancelled = true;
        try {
            closed.await(SHUTDOWN_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The writer may be stuck (a disk that stopped answering): the file goes anyway.
        if (!committed) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // As in close().
            }
        }
    }

    /** Parts of the same target left by a process that no longer runs (killed with SIGKILL, or the machine stopped). */
    private static void sweepOrphans(Path dir, String name) {
        String prefix = "." + name + "."; // once, not per entry: the folder may be a /tmp of thousands
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(dir, p -> { // a filter, not a glob: the name may hold glob characters
            String file = p.getFileName().toString();
            return file.startsWith(prefix) && file.endsWith(".part");
        })) {
            for (Path p : parts) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (!m.matches() || !m.group(1).equals(name)) continue;
                long pid = Long.parseLong(m.group(2));
                if (ProcessHandle.of(pid).isEmpty()) Files.deleteIfExists(p);
            }
        } catch (IOException | NumberFormatException e) {
            // Best effort: an orphan left here only costs disk space, never a render.
        }
    }
}
