package dev.loophole.media.library;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Scans one root: walks it, compares each audio file with what the library holds (size and time first, then
 * the content hash), reads only new or changed files — on all cores — and writes them in small transactions as
 * they finish. A process killed mid-scan therefore keeps every batch already committed; the next scan goes on
 * from there, because committed files compare as unchanged.
 */
final class Scanner {
    static final Set<String> EXTENSIONS = Set.of("wav", "wave", "bwf", "aif", "aiff", "aifc", "flac", "ogg", "oga");
    private static final int BATCH = 64;
    private static final long BATCH_MILLIS = 250;

    private record Known(long id, long size, long modified, String hash, MediaStatus status) {}

    /** Work for a file: read it whole, or (same size, new time) check its hash first. */
    private sealed interface Outcome {}

    private record Read(Analysis analysis) implements Outcome {}

    private record Touched(long id, FileState state) implements Outcome {}

    private final Connection db;
    private final int threads;

    Scanner(Connection db, int threads) {
        this.db = db;
        this.threads = threads;
    }

    ScanReport scan(Root root, ScanListener listener) throws LibraryException, SQLException {
        Path dir = root.path();
        if (!Files.isDirectory(dir)) throw new LibraryException(dir + ": the root is not reachable (offline?); nothing scanned");
        Map<String, FileState> found = walk(dir);
        Map<String, Known> known = known(root.id());
        List<StatusChange> changes = new ArrayList<>();
        List<String> toRead = new ArrayList<>();
        List<Known> toCheck = new ArrayList<>();
        List<String> toCheckRel = new ArrayList<>();
        int unchanged = 0, remote = 0;
        Map<Long, MediaStatus> statusOnly = new HashMap<>();
        for (Map.Entry<String, FileState> e : found.entrySet()) {
            FileState st = e.getValue();
            Known k = known.get(e.getKey());
            if (st.isPlaceholder()) {
                remote++;
                if (k == null) toRead.add(e.getKey());
                else if (k.status != MediaStatus.REMOTE) statusOnly.put(k.id, MediaStatus.REMOTE);
            } else if (k == null || k.hash == null) {
                toRead.add(e.getKey());
            } else if (k.size == st.size() && k.modified == st.modified()) {
                unchanged++;
                if (k.status != MediaStatus.ONLINE) statusOnly.put(k.id, MediaStatus.ONLINE);
            } else if (k.size == st.size()) {
                toCheck.add(k);
                toCheckRel.add(e.getKey());
            } else toRead.add(e.getKey());
        }
        int missing = 0;
        for (Map.Entry<String, Known> e : known.entrySet())
            if (!found.containsKey(e.getKey()) && e.getValue().status != MediaStatus.MISSING) {
                statusOnly.put(e.getValue().id, MediaStatus.MISSING);
                missing++;
            }
        changes.addAll(Statuses.set(db, statusOnly));

        int total = toRead.size() + toCheck.size();
        int read = 0, touched = 0, failed = 0;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "media-scan");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<Outcome> cs = new ExecutorCompletionService<>(pool);
            for (String rel : toRead) cs.submit(() -> new Read(FileAnalyzer.analyze(dir, rel, found.get(rel))));
            for (int i = 0; i < toCheck.size(); i++) {
                Known k = toCheck.get(i);
                String rel = toCheckRel.get(i);
                cs.submit(() -> check(dir, rel, k, found.get(rel)));
            }
            List<Outcome> batch = new ArrayList<>();
            long lastCommit = System.currentTimeMillis();
            for (int done = 0; done < total; ) {
                Outcome o = cs.take().get();
                batch.add(o);
                done++;
                if (o instanceof Read r) {
                    if (r.analysis().error() != null) failed++;
                    read++;
                } else touched++;
                if (batch.size() >= BATCH || done == total || System.currentTimeMillis() - lastCommit > BATCH_MILLIS) {
                    commit(root.id(), batch);
                    batch.clear();
                    lastCommit = System.currentTimeMillis();
                    listener.progress(done, total);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LibraryException(dir + ": scan interrupted; what was committed stays");
        } catch (ExecutionException e) {
            throw new LibraryException(dir + ": scan failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        try (PreparedStatement ps = db.prepareStatement("UPDATE root SET scanned_at=?, device=?, status='ONLINE' WHERE id=?")) {
            ps.setLong(1, System.currentTimeMillis());
            ps.setLong(2, FileState.device(dir));
            ps.setLong(3, root.id());
            ps.executeUpdate();
            db.commit();
        }
        if (total == 0) listener.progress(0, 0);
        return new ScanReport(root, found.size(), read, touched, unchanged, missing, remote, failed, changes);
    }

    /** Same size, new time: when the hash is unchanged only the time moves (a copy, a touch, a re-save). */
    private static Outcome check(Path dir, String rel, Known k, FileState st) throws IOException {
        if (FileAnalyzer.hash(Relative.resolve(dir, rel)).equals(k.hash)) return new Touched(k.id, st);
        return new Read(FileAnalyzer.analyze(dir, rel, st));
    }

    private void commit(long rootId, List<Outcome> batch) throws SQLException {
        long now = System.currentTimeMillis();
        try {
            for (Outcome o : batch) {
                switch (o) {
                    case Read r -> FileRows.write(db, rootId, r.analysis(), now);
                    case Touched t -> {
                        try (PreparedStatement ps = db.prepareStatement("UPDATE file SET mtime=?, status='ONLINE', scanned_at=? WHERE id=?")) {
                            ps.setLong(1, t.state().modified());
                            ps.setLong(2, now);
                            ps.setLong(3, t.id());
                            ps.executeUpdate();
                        }
                    }
                }
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    private Map<String, Known> known(long rootId) throws SQLException {
        Map<String, Known> out = new HashMap<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, rel_path, size, mtime, hash, status FROM file WHERE root_id=?")) {
            ps.setLong(1, rootId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next())
                    out.put(rs.getString(2), new Known(rs.getLong(1), rs.getLong(3), rs.getLong(4), rs.getString(5),
                            MediaStatus.valueOf(rs.getString(6))));
            }
        }
        return out;
    }

    /** A walk looks at the interrupt on entering each folder and after every this many files (a power of two). */
    static final int INTERRUPT_EVERY = 1_024;

    /** Audio files under {@code dir} by extension (their content decides the format later); unreadable folders are skipped. */
    static Map<String, FileState> walk(Path dir) throws LibraryException {
        Map<String, FileState> out = new HashMap<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                private int seen;

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws java.io.InterruptedIOException {
                    // A walk of a large tree takes a while: a closing watcher stops it here, before anything is written.
                    if (Thread.currentThread().isInterrupted()) throw new java.io.InterruptedIOException();
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws java.io.InterruptedIOException {
                    // One folder can hold tens of thousands of files: the interrupt is looked at within them too.
                    if ((++seen & (INTERRUPT_EVERY - 1)) == 0 && Thread.currentThread().isInterrupted()) throw new java.io.InterruptedIOException();
                    if (attrs.isRegularFile() && isAudioName(file.getFileName().toString())) {
                        try {
                            out.put(Relative.of(dir, file), FileState.of(file));
                        } catch (NoSuchFileException e) {
                            // deleted while walking
                        } catch (IOException e) {
                            // unreadable: skipped this time
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException exc) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (java.io.InterruptedIOException e) {
            throw new LibraryException(dir + ": scan interrupted; nothing changed");
        } catch (IOException e) {
            throw new LibraryException(dir + ": cannot walk the folder: " + e.getMessage(), e);
        }
        return out;
    }

    static boolean isAudioName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && !name.startsWith("._") && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
