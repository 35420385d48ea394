package dev.loophole.media.library;

import dev.loophole.model.SampleRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The user's media library: one SQLite file (default {@link #defaultLocation()}) holding roots, the audio files
 * under them with their format, sampler chunks, embedded tags, hash, waveform overview, analysis and tags, and a
 * full-text index. Thread-safe: writes (scans, tags, status, relink) go through one connection in turn; searches
 * and reference resolution read through a second one beside them (SQLite WAL).
 *
 * <p>Every status change (online/offline/remote/missing) is passed to the {@link #onStatusChange} listeners; a
 * server forwards them as {@code sampler.sampleStatus}.
 */
public final class MediaLibrary implements AutoCloseable {
    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final List<Consumer<StatusChange>> listeners = new CopyOnWriteArrayList<>();
    private final int threads;

    private MediaLibrary(Path file, Connection writer, Connection reader, int threads) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        this.threads = threads;
    }

    /**
     * The user's library: {@code $XDG_DATA_HOME/loophole/library.db}, where XDG_DATA_HOME defaults to
     * {@code ~/.local/share}.
     */
    public static Path defaultLocation() {
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("loophole").resolve("library.db");
    }

    /** Opens (creating or migrating) the library in {@code file}. */
    public static MediaLibrary open(Path file) throws LibraryException {
        if (Files.isDirectory(file)) throw new LibraryException(file + ": is a folder; expected the library's database file");
        LibraryDatabase.migrate(file);
        Connection w = LibraryDatabase.connect(file);
        Connection r = LibraryDatabase.connect(file);
        try {
            w.setAutoCommit(false);
        } catch (SQLException e) {
            throw new LibraryException(file + ": " + e.getMessage(), e);
        }
        return new MediaLibrary(file.toAbsolutePath(), w, r, Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public Path file() { return file; }

    // ---- roots and scanning

    /** Adds {@code dir} as a root (or returns the root it already is, or lies inside). */
    public Root addRoot(Path dir) throws LibraryException {
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs)) throw new LibraryException(dir + ": no such folder");
        for (Root r : roots()) if (abs.startsWith(r.path())) return r;
        return write(() -> {
            try (PreparedStatement ps = writer.prepareStatement(
                    "INSERT INTO root (uuid, path, device, status, added_at) VALUES (?,?,?,'ONLINE',?) RETURNING id")) {
                String uuid = UUID.randomUUID().toString();
                ps.setString(1, uuid);
                ps.setString(2, abs.toString());
                ps.setLong(3, FileState.device(abs));
                ps.setLong(4, System.currentTimeMillis());
                long id;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    id = rs.getLong(1);
                }
                writer.commit();
                return new Root(id, uuid, abs, MediaStatus.ONLINE);
            }
        });
    }

    /** Adds each folder as a root and scans it (a rescan when it is already a root). */
    public List<ScanReport> add(List<Path> dirs, ScanListener listener) throws LibraryException {
        List<ScanReport> out = new ArrayList<>();
        for (Path d : dirs) out.add(scan(addRoot(d), listener));
        return out;
    }

    /** Scans a root: reads new and changed files on all cores, marks vanished ones missing. */
    public ScanReport scan(Root root, ScanListener listener) throws LibraryException {
        // Where the root is when the lock is held: the caller's copy may predate a relink (the watcher's rescan).
        ScanReport r = write(() -> new Scanner(writer, threads).scan(roots(writer).stream().filter(x -> x.id() == root.id()).findFirst()
                .orElseThrow(() -> new LibraryException(root.path() + ": no longer a library root")), listener));
        publish(r.changes());
        return r;
    }

    public List<Root> roots() throws LibraryException {
        return read(() -> roots(reader));
    }

    /**
     * The roots as {@code db} sees them. Work that writes what it decided from the roots reads them through the
     * writer, inside its lock: a list read before the lock may be stale by the time the lock is held (a relink
     * moved the root meanwhile), and a status check from it wrote "offline" over a root that had just come back.
     */
    private static List<Root> roots(Connection db) throws SQLException {
        List<Root> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, uuid, path, status FROM root ORDER BY path");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next())
                out.add(new Root(rs.getLong(1), rs.getString(2), Path.of(rs.getString(3)), MediaStatus.valueOf(rs.getString(4))));
        }
        return out;
    }

    /** The root a path lies under, if any. */
    public Optional<Root> rootOf(Path path) throws LibraryException {
        Path abs = path.toAbsolutePath().normalize();
        return roots().stream().filter(r -> abs.startsWith(r.path())).findFirst();
    }

    // ---- files, search, tags

    public Optional<MediaFile> file(long id) throws LibraryException {
        return read(() -> FileRows.query(reader, "WHERE f.id=?", id).stream().findFirst());
    }

    /** The library's entry for a file on disk, if it is under a root and was scanned. */
    public Optional<MediaFile> file(Path path) throws LibraryException {
        Optional<Root> root = rootOf(path);
        if (root.isEmpty()) return Optional.empty();
        String rel = Relative.of(root.get().path(), path.toAbsolutePath().normalize());
        return read(() -> FileRows.query(reader, "WHERE f.root_id=? AND f.rel_path=?", root.get().id(), rel).stream().findFirst());
    }

    /** Every file the library has under {@code dir} (which must be inside a root), by path. */
    public List<MediaFile> filesUnder(Path dir) throws LibraryException {
        Path abs = dir.toAbsolutePath().normalize();
        Root root = rootOf(abs).orElseThrow(() -> new LibraryException(dir + ": not inside a library root; add it first"));
        String rel = Relative.of(root.path(), abs);
        String like = rel.isEmpty() ? "%" : rel.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%";
        return read(() -> FileRows.query(reader, "WHERE f.root_id=? AND f.rel_path LIKE ? ESCAPE '\\' ORDER BY f.rel_path", root.id(), like));
    }

    /**
     * Searches (see {@link SearchQuery} for the syntax): best bm25 match first when the query has words, else by
     * path. A query that does not parse is a {@link LibraryException} naming the bad filter.
     */
    public List<MediaFile> search(String query, int limit) throws LibraryException {
        SearchQuery q;
        try {
            q = SearchQuery.parse(query);
        } catch (IllegalArgumentException e) {
            throw new LibraryException("search: " + e.getMessage(), e);
        }
        return read(() -> Searcher.search(reader, q, limit));
    }

    /** Adds user tags to a file (lower-cased); returns the file as it is now. */
    public MediaFile tag(Path path, Collection<String> tags) throws LibraryException {
        MediaFile f = file(path).orElseThrow(() -> new LibraryException(path + ": not in the library; add its folder first (loophole media add DIR)"));
        Set<String> clean = new TreeSet<>();
        for (String t : tags) {
            String s = t.strip().toLowerCase(Locale.ROOT);
            if (s.isEmpty() || s.contains(",")) throw new LibraryException("tag '" + t + "': a tag is a non-empty word without commas");
            clean.add(s);
        }
        write(() -> {
            FileRows.insertTags(writer, f.id(), clean, "USER");
            Index.update(writer, f.id());
            writer.commit();
            return null;
        });
        return file(f.id()).orElseThrow();
    }

    /** Removes user tags from a file. */
    public MediaFile untag(Path path, Collection<String> tags) throws LibraryException {
        MediaFile f = file(path).orElseThrow(() -> new LibraryException(path + ": not in the library"));
        write(() -> {
            try (PreparedStatement ps = writer.prepareStatement("DELETE FROM tag WHERE file_id=? AND tag=? AND source='USER'")) {
                for (String t : tags) {
                    ps.setLong(1, f.id());
                    ps.setString(2, t.strip().toLowerCase(Locale.ROOT));
                    ps.executeUpdate();
                }
            }
            Index.update(writer, f.id());
            writer.commit();
            return null;
        });
        return file(f.id()).orElseThrow();
    }

    /** The waveform overview of a file, if it was read. */
    public Optional<WaveformOverview> overview(long fileId) throws LibraryException {
        return read(() -> {
            try (PreparedStatement ps = reader.prepareStatement("SELECT data FROM peaks WHERE file_id=?")) {
                ps.setLong(1, fileId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(WaveformOverview.decode(rs.getBytes(1))) : Optional.empty();
                }
            }
        });
    }

    /** Embedded tags ({@code bext.description}, {@code info.INAM}, {@code acid.tempo}, {@code vorbis.ARTIST}, …). */
    public Map<String, String> embeddedTags(long fileId) throws LibraryException {
        return read(() -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = reader.prepareStatement("SELECT key, value FROM file_meta WHERE file_id=? ORDER BY key")) {
                ps.setLong(1, fileId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) out.put(rs.getString(1), rs.getString(2));
                }
            }
            return out;
        });
    }

    // ---- status, relink, references

    /** Counts of files per status, per root (for {@code loophole media status}). */
    public Map<Root, Map<MediaStatus, Integer>> counts() throws LibraryException {
        Map<Root, Map<MediaStatus, Integer>> out = new LinkedHashMap<>();
        for (Root r : roots()) {
            Map<MediaStatus, Integer> m = new EnumMap<>(MediaStatus.class);
            for (MediaStatus s : MediaStatus.values()) m.put(s, 0);
            read(() -> {
                try (PreparedStatement ps = reader.prepareStatement("SELECT status, count(*) FROM file WHERE root_id=? GROUP BY status")) {
                    ps.setLong(1, r.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) m.put(MediaStatus.valueOf(rs.getString(1)), rs.getInt(2));
                    }
                }
                return null;
            });
            out.put(r, m);
        }
        return out;
    }

    /**
     * Looks at every root: an unreachable root turns its files offline, a returning one brings them back (online,
     * remote or missing). {@code deep} also stats every file of every online root. Returns (and publishes) the changes.
     */
    public List<StatusChange> checkStatus(boolean deep) throws LibraryException {
        List<StatusChange> changes = write(() -> StatusCheck.run(writer, roots(writer), deep));
        publish(changes);
        return changes;
    }

    /**
     * Finds what moved: explicit root moves ({@code from → to}, prefixes allowed), then unreachable roots under
     * {@code searchDirs}, then a rescan of moved roots, then missing files by hash. See {@link Relinker}.
     */
    public RelinkReport relink(Map<Path, Path> moves, List<Path> searchDirs) throws LibraryException {
        List<RelinkReport.Moved> moved = write(() -> Relinker.moveRoots(writer, roots(writer), moves, searchDirs));
        List<StatusChange> changes = new ArrayList<>(checkStatus(false));
        for (RelinkReport.Moved m : moved)
            changes.addAll(scan(new Root(m.root().id(), m.root().uuid(), m.to(), MediaStatus.ONLINE), ScanListener.NONE).changes());
        int byHash = write(() -> Relinker.byHash(writer));
        List<Root> offline = roots().stream().filter(r -> r.status() == MediaStatus.OFFLINE).toList();
        return new RelinkReport(moved, byHash, offline, changes);
    }

    /** A program's reference to a library file: its current path plus root uuid, relative path and hash. */
    public SampleRef sampleRef(long fileId) throws LibraryException {
        MediaFile f = file(fileId).orElseThrow(() -> new LibraryException("media id " + fileId + " is not in the library"));
        return new SampleRef(f.path().toString(), new SampleRef.MediaLink(f.root().uuid(), f.relPath(), f.hash()));
    }

    /** Where each reference points now (by root, then hash, then plain path), in one pass. */
    public Map<SampleRef, Resolution> resolve(Collection<SampleRef> refs) throws LibraryException {
        return read(() -> SampleResolver.resolve(reader, refs));
    }

    /** Calls {@code listener} with every status change; closing the handle stops it. */
    public AutoCloseable onStatusChange(Consumer<StatusChange> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Starts keeping the library current: a {@link java.nio.file.WatchService} over every online root rescans
     * what changes, and every {@code pollInterval} the roots are checked for drives that went or came back.
     * A server starts this; closing the watcher stops it.
     */
    public MediaWatcher watch(Duration pollInterval) throws LibraryException {
        return MediaWatcher.start(this, pollInterval);
    }

    private void publish(List<StatusChange> changes) {
        for (StatusChange c : changes)
            for (Consumer<StatusChange> l : listeners) {
                try {
                    l.accept(c);
                } catch (RuntimeException e) {
                    System.getLogger("dev.loophole.media").log(System.Logger.Level.WARNING, "status listener failed", e);
                }
            }
    }

    // ---- plumbing

    private interface Sql<T> {
        T run() throws SQLException, LibraryException;
    }

    private <T> T write(Sql<T> work) throws LibraryException {
        synchronized (writer) {
            try {
                return work.run();
            } catch (SQLException e) {
                try {
                    writer.rollback();
                } catch (SQLException ignored) {
                    // the original failure is the one to report
                }
                throw new LibraryException(file + ": " + e.getMessage(), e);
            }
        }
    }

    private <T> T read(Sql<T> work) throws LibraryException {
        synchronized (reader) {
            try {
                return work.run();
            } catch (SQLException e) {
                throw new LibraryException(file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void close() {
        synchronized (writer) {
            try {
                writer.close();
            } catch (SQLException ignored) {
                // closing: nothing left to do
            }
        }
        synchronized (reader) {
            try {
                reader.close();
            } catch (SQLException ignored) {
                // closing: nothing left to do
            }
        }
    }
}
