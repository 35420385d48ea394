package dev.loophole.media.library;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a library current while a server runs: one daemon thread waits on a {@link WatchService} registered on
 * every folder of every online root and rescans a root (incrementally) once its folders have been quiet for
 * {@value #SETTLE_MILLIS} ms; every poll interval it also checks whether roots went offline or came back (an
 * unmount does not reliably reach a WatchService) and re-registers returning roots.
 */
public final class MediaWatcher implements AutoCloseable {
    static final long SETTLE_MILLIS = 300;
    private static final System.Logger LOG = System.getLogger("dev.loophole.media");

    private final MediaLibrary library;
    private final WatchService watch;
    private final Duration poll;
    private final Map<WatchKey, Root> keys = new HashMap<>();
    private final Set<Long> registered = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long rescans;

    private MediaWatcher(MediaLibrary library, WatchService watch, Duration poll) {
        this.library = library;
        this.watch = watch;
        this.poll = poll;
        this.thread = new Thread(this::loop, "media-watcher");
        thread.setDaemon(true);
    }

    static MediaWatcher start(MediaLibrary library, Duration poll) throws LibraryException {
        try {
            MediaWatcher w = new MediaWatcher(library, FileSystems.getDefault().newWatchService(), poll);
            w.registerOnline();
            w.thread.start();
            return w;
        } catch (IOException e) {
            throw new LibraryException("cannot watch the library's folders: " + e.getMessage(), e);
        }
    }

    /** How many rescans the watcher has run (for tests and diagnostics). */
    public long rescans() { return rescans; }

    private void registerOnline() throws LibraryException {
        for (Root r : library.roots())
            if (r.status() == MediaStatus.ONLINE && registered.add(r.id())) register(r);
    }

    private void register(Root root) {
        try {
            Files.walkFileTree(root.path(), new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    keys.put(dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
                            StandardWatchEventKinds.ENTRY_MODIFY), root);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, root.path() + ": cannot watch: " + e.getMessage());
        }
    }

    private void loop() {
        Map<Long, Root> dirty = new HashMap<>();
        long lastEvent = 0, lastPoll = System.currentTimeMillis();
        while (running) {
            try {
                WatchKey key = watch.poll(Math.min(SETTLE_MILLIS, poll.toMillis()), TimeUnit.MILLISECONDS);
                if (key != null) {
                    Root r = keys.get(key);
                    key.pollEvents();
                    if (!key.reset()) keys.remove(key);
                    if (r != null) dirty.put(r.id(), r);
                    lastEvent = System.currentTimeMillis();
                    continue;
                }
                long now = System.currentTimeMillis();
                if (!dirty.isEmpty() && now - lastEvent >= SETTLE_MILLIS) {
                    for (Root r : dirty.values()) rescan(r);
                    dirty.clear();
                }
                if (now - lastPoll >= poll.toMillis()) {
                    lastPoll = now;
                    checkRoots();
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            } catch (LibraryException | RuntimeException e) {
                if (!running) return; // a rescan interrupted by close: what was committed stays, nothing to report
                LOG.log(System.Logger.Level.WARNING, "media watcher: " + e.getMessage());
            }
        }
    }

    private void checkRoots() throws LibraryException {
        library.checkStatus(false);
        List<Root> roots = library.roots();
        for (Root r : roots) {
            if (r.status() == MediaStatus.OFFLINE) {
                registered.remove(r.id());
                keys.values().removeIf(k -> k.id() == r.id());
            } else if (registered.add(r.id())) {
                register(r);
                rescan(r); // what changed while it was away
            }
        }
    }

    private void rescan(Root r) throws LibraryException {
        Root now = library.roots().stream().filter(x -> x.id() == r.id()).findFirst().orElse(null);
        if (now == null || now.status() != MediaStatus.ONLINE) return;
        library.scan(now, ScanListener.NONE);
        rescans++;
        register(now); // new sub-folders
    }

    /**
     * How long {@link #close} waits for a rescan to leave (it stops at its next folder or 1,024th file): a stopping
     * server's close shares its stop hook's 3 s with the render jobs (1 s) and the Pulse thread's last work.
     */
    static final long JOIN_MILLIS = 500;

    @Override
    public void close() {
        running = false;
        try {
            watch.close();
        } catch (IOException ignored) {
            // closing
        }
        thread.interrupt();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
