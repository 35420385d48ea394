package dev.loophole.media;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sample headers read ahead on a spare core (an instrument's samples, while the command line is still being set up),
 * for {@link AudioFiles#header} to take: a render of a big library otherwise opens hundreds of files for their
 * headers after everything else is ready. Each file is one task, registered before anyone may ask for it and run
 * once, by whichever thread comes first: the read-ahead, or a caller that takes it before the read-ahead got there
 * (and then reads it itself). An entry is taken once, and only while the file still has the {@link FileStamp} it had
 * when read; a file that failed is not kept (opening it again gives its error).
 */
final class HeaderPrefetch {
    private record Read(FileStamp stamp, AudioFileInfo info) {}

    private static final TakeOnce<FutureTask<Read>> PLANNED = new TakeOnce<>();
    private static final AtomicLong READS = new AtomicLong(); // headers read, ahead or not (tests check "once")

    private HeaderPrefetch() {}

    /** Registers a task per file not registered yet; the returned runnable reads them (each at most once). */
    static Runnable plan(Collection<Path> files) {
        List<FutureTask<Read>> mine = new ArrayList<>();
        for (Path file : files) {
            Path key = TakeOnce.key(file);
            FutureTask<Read> task = new FutureTask<>(() -> read(key));
            if (PLANNED.offer(key, task)) mine.add(task);
        }
        // Read from the last file back: the render asks from the first on, so once it catches up the two share what
        // is left and meet once, instead of the render waiting, file after file, for the one the read-ahead is on.
        // (A task already run, or running, elsewhere does nothing here.)
        return () -> mine.reversed().forEach(FutureTask::run);
    }

    private static Read read(Path key) {
        try {
            FileStamp stamp = FileStamp.of(key);
            return stamp.isRegularFile() ? new Read(stamp, readNow(key)) : null;
        } catch (IOException | RuntimeException e) {
            return null; // said when the file is opened for real
        }
    }

    /** Reads {@code file}'s header now: every header read, ahead or asked for, comes through here once. */
    static AudioFileInfo readNow(Path file) throws MediaException {
        READS.incrementAndGet();
        try (AudioReader r = AudioFiles.openHeader(file)) {
            return r.info();
        }
    }

    /**
     * The header read ahead for {@code now}'s file (read here if its task has not started), if the file still has the
     * stamp it had then ({@code now}, taken by the caller); else null.
     */
    static AudioFileInfo take(FileStamp now) {
        FutureTask<Read> task = PLANNED.take(now.file());
        if (task == null) return null;
        task.run();
        Read read;
        try {
            read = task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            return null;
        }
        return read != null && read.stamp().equals(now) ? read.info() : null;
    }

    static long reads() { return READS.get(); }
}
