package dev.loophole.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sample headers read ahead on a spare core (an instrument's samples, while the command line is still being set up),
 * for {@link AudioFiles#header} to take: a render of a big library otherwise opens hundreds of files for their
 * headers after everything else is ready. Each file is one task, registered before anyone may ask for it and run
 * once, by whichever thread comes first: the read-ahead, or a caller that takes it before the read-ahead got there
 * (and then reads it itself). An entry is taken once, and only while the file still has the size and modification
 * time it had when read; a file that failed is not kept (opening it again gives its error).
 */
final class HeaderPrefetch {
    private record Read(long size, long modified, AudioFileInfo info) {}

    private static final Map<Path, FutureTask<Read>> PLANNED = new ConcurrentHashMap<>();
    private static final AtomicLong READS = new AtomicLong(); // headers read by the tasks (tests check "once")
    private static final AtomicLong DIRECT = new AtomicLong(); // headers AudioFiles.header read without a task

    private HeaderPrefetch() {}

    /** Registers a task per file not registered yet; the returned runnable reads them (each at most once). */
    static Runnable plan(Collection<Path> files) {
        List<FutureTask<Read>> mine = new ArrayList<>();
        for (Path file : files) {
            Path key = file.toAbsolutePath().normalize();
            FutureTask<Read> task = new FutureTask<>(() -> read(key));
            if (PLANNED.putIfAbsent(key, task) == null) mine.add(task);
        }
        // Read from the last file back: the render asks from the first on, so once it catches up the two share what
        // is left and meet once, instead of the render waiting, file after file, for the one the read-ahead is on.
        // (A task already run, or running, elsewhere does nothing here.)
        return () -> mine.reversed().forEach(FutureTask::run);
    }

    private static Read read(Path key) {
        try {
            BasicFileAttributes a = Files.readAttributes(key, BasicFileAttributes.class);
            if (!a.isRegularFile()) return null;
            READS.incrementAndGet();
            try (AudioReader r = AudioFiles.openHeader(key)) {
                return new Read(a.size(), a.lastModifiedTime().toMillis(), r.info());
            }
        } catch (IOException | RuntimeException e) {
            return null; // said when the file is opened for real
        }
    }

    /** The header read ahead for {@code file} (read now if its task has not started) if it is still that file, else null. */
    static AudioFileInfo take(Path file) {
        Path key = file.toAbsolutePath().normalize();
        FutureTask<Read> task = PLANNED.remove(key);
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
        if (read == null) return null;
        try {
            BasicFileAttributes a = Files.readAttributes(key, BasicFileAttributes.class);
            return a.size() == read.size() && a.lastModifiedTime().toMillis() == read.modified() ? read.info() : null;
        } catch (IOException e) {
            return null;
        }
    }

    static long reads() { return READS.get(); }

    static long directReads() { return DIRECT.get(); }

    static void readDirectly() { DIRECT.incrementAndGet(); }
}
