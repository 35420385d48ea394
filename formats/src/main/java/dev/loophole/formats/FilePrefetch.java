package dev.loophole.formats;

import dev.loophole.media.FileStamp;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Work on files done on a daemon thread while the caller is busy with something else (a command line being set up),
 * for the caller to {@link #take} later: the files are stamped ({@link FileStamp}) before the work
 * starts, and what it made is given only while every one of them still has its stamp, so a file changed since is
 * read again by the caller. A failure is thrown by {@link #take} as the work threw it.
 */
public final class FilePrefetch<T> {
    private final List<FileStamp> stamps;
    private final FutureTask<T> task;

    private FilePrefetch(List<FileStamp> stamps, Callable<T> work) {
        this.stamps = stamps;
        this.task = new FutureTask<>(work);
    }

    /**
     * Starts {@code work} on a daemon thread named {@code name}, then {@code after} on it once the work is done (its
     * result is handed over first); {@code null} when one of {@code files} is not a regular file (the caller says so).
     */
    public static <T> FilePrefetch<T> start(String name, List<Path> files, Callable<T> work, Runnable after) {
        List<FileStamp> stamps = new ArrayList<>();
        try {
            for (Path f : files) {
                FileStamp s = FileStamp.of(f);
                if (!s.isRegularFile()) return null;
                stamps.add(s);
            }
        } catch (IOException e) {
            return null;
        }
        FilePrefetch<T> p = new FilePrefetch<>(List.copyOf(stamps), work);
        Thread t = new Thread(() -> {
            p.task.run();
            if (after != null) after.run();
        }, name);
        t.setDaemon(true); // a command line that fails before taking it must not wait for it
        t.start();
        return p;
    }

    /** What the work made (waiting for it), or {@code null} when a file changed since it was stamped; what it threw is thrown. */
    public T take() throws IOException {
        T made;
        try {
            made = result(task);
        } catch (IOException | RuntimeException | Error e) {
            if (!unchanged()) return null;
            throw e;
        }
        return unchanged() ? made : null;
    }

    /** What the work made or threw (waiting for it), whatever became of its files: for work that builds on this one. */
    public T await() throws IOException {
        return result(task);
    }

    private boolean unchanged() {
        for (FileStamp s : stamps) if (!s.unchanged()) return false;
        return true;
    }

    /** {@code future}'s value (waiting for it); what it threw is thrown as it was thrown (an IOException, unchecked, or wrapped). */
    public static <T> T result(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading ahead");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                default -> throw new IOException(e.getCause());
            }
        }
    }
}
