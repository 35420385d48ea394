package dev.loophole.media.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds samples that moved: by root first, then by content hash.
 * <ol>
 *   <li>Explicit moves ({@code --from OLD --to NEW}) rewrite every root at or under OLD: a renamed mount point or
 *       a moved folder of roots.</li>
 *   <li>Each root still unreachable is looked for under the search folders: a folder that holds the root's files
 *       at the same relative paths with the same sizes (a folder of the same name is tried first).</li>
 *   <li>Missing files are matched by hash to files the library found elsewhere (another root, or the same root
 *       after a reorganisation). The missing entry takes the new place — its id, user tags and the program
 *       references that name it stay — and the duplicate entry is folded into it.</li>
 * </ol>
 */
final class Relinker {
    private static final int PROBES = 8, SEARCH_DEPTH = 6;

    private Relinker() {}

    static List<RelinkReport.Moved> moveRoots(Connection db, List<Root> roots, Map<Path, Path> moves, List<Path> searchDirs)
            throws SQLException, LibraryException {
        List<RelinkReport.Moved> moved = new ArrayList<>();
        for (Root root : roots) {
            Path to = null;
            for (Map.Entry<Path, Path> m : moves.entrySet()) {
                Path from = m.getKey().toAbsolutePath().normalize();
                if (root.path().startsWith(from)) to = m.getValue().toAbsolutePath().normalize().resolve(from.relativize(root.path()));
            }
            if (to == null && !StatusCheck.reachable(db, root)) to = search(db, root, searchDirs);
            if (to == null || to.equals(root.path())) continue;
            if (!Files.isDirectory(to)) throw new LibraryException(to + ": not a folder; root " + root.path() + " not moved");
            try (PreparedStatement ps = db.prepareStatement("UPDATE root SET path=?, device=? WHERE id=?")) {
                ps.setString(1, to.toString());
                ps.setLong(2, FileState.device(to));
                ps.setLong(3, root.id());
                ps.executeUpdate();
            }
            db.commit();
            moved.add(new RelinkReport.Moved(root, root.path(), to));
        }
        return moved;
    }

    /** A folder under the search folders holding most of the root's probed files (same relative path and size). */
    private static Path search(Connection db, Root root, List<Path> searchDirs) throws SQLException {
        if (searchDirs.isEmpty()) return null;
        List<String[]> probes = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT rel_path, size FROM file WHERE root_id=? AND status<>'MISSING' ORDER BY id LIMIT " + PROBES)) {
            ps.setLong(1, root.id());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) probes.add(new String[]{rs.getString(1), Long.toString(rs.getLong(2))});
            }
        }
        if (probes.isEmpty()) return null;
        String name = root.path().getFileName() == null ? "" : root.path().getFileName().toString();
        List<Path> candidates = new ArrayList<>();
        for (Path dir : searchDirs) {
            try (Stream<Path> s = Files.walk(dir, SEARCH_DEPTH)) {
                s.filter(Files::isDirectory).forEach(candidates::add);
            } catch (IOException | java.io.UncheckedIOException e) {
                // an unreadable search folder is skipped
            }
        }
        candidates.sort(Comparator.comparing((Path p) -> p.getFileName() == null || !p.getFileName().toString().equals(name))
                .thenComparing(Path::getNameCount));
        for (Path c : candidates) {
            int hits = 0;
            for (String[] p : probes) {
                Path f = Relative.resolve(c, p[0]);
                try {
                    if (Files.isRegularFile(f) && Files.size(f) == Long.parseLong(p[1])) hits++;
                } catch (IOException e) {
                    // not this one
                }
            }
            if (hits * 2 >= probes.size() + 1 || hits == probes.size()) return c;
        }
        return null;
    }

    /** Missing files whose hash is known somewhere else in the library take that place. */
    static int byHash(Connection db) throws SQLException {
        int found = 0;
        List<long[]> pairs = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("""
                SELECT m.id, (SELECT o.id FROM file o WHERE o.hash=m.hash AND o.id<>m.id AND o.status='ONLINE' LIMIT 1)
                FROM file m WHERE m.status='MISSING' AND m.hash IS NOT NULL""");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) if (rs.getObject(2) != null) pairs.add(new long[]{rs.getLong(1), rs.getLong(2)});
        }
        try {
            for (long[] p : pairs) {
                fold(db, p[0], p[1]);
                found++;
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
        return found;
    }

    /** The missing row {@code keep} takes over the place and content of {@code dup}; dup's user tags join keep's. */
    private static void fold(Connection db, long keep, long dup) throws SQLException {
        try (PreparedStatement tags = db.prepareStatement(
                "INSERT OR IGNORE INTO tag (file_id, tag, source) SELECT ?, tag, source FROM tag WHERE file_id=? AND source='USER'")) {
            tags.setLong(1, keep);
            tags.setLong(2, dup);
            tags.executeUpdate();
        }
        String[] place = new String[2];
        try (PreparedStatement ps = db.prepareStatement("SELECT root_id, rel_path FROM file WHERE id=?")) {
            ps.setLong(1, dup);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                place[0] = Long.toString(rs.getLong(1));
                place[1] = rs.getString(2);
            }
        }
        try (PreparedStatement del = db.prepareStatement("DELETE FROM file WHERE id=?")) {
            del.setLong(1, dup);
            del.executeUpdate();
        }
        Index.remove(db, dup);
        try (PreparedStatement ps = db.prepareStatement("""
                UPDATE file SET root_id=?, rel_path=?, name=?, status='ONLINE' WHERE id=?""")) {
            ps.setLong(1, Long.parseLong(place[0]));
            ps.setString(2, place[1]);
            ps.setString(3, Relative.fileName(place[1]));
            ps.setLong(4, keep);
            ps.executeUpdate();
        }
        try (PreparedStatement del = db.prepareStatement("DELETE FROM tag WHERE file_id=? AND source='NAME'")) {
            del.setLong(1, keep);
            del.executeUpdate();
        }
        FileRows.insertTags(db, keep, NameTags.forPath(place[1]), "NAME");
        Index.update(db, keep);
    }
}
