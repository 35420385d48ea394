package dev.loophole.media.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides what is reachable now, without reading audio.
 *
 * <p>A root is <b>online</b> when its folder exists and either sits on the device it was scanned on, or holds at
 * least one of the library's files there. An unmounted drive leaves its mount point behind as an empty folder on
 * the parent's device: that is offline, not "every file missing". A root that is offline turns its files
 * offline; when it returns, each of its files is looked at again (there → online or remote, gone → missing).
 * A {@code deep} check also stats every file of every online root (missing files, new placeholders).
 */
final class StatusCheck {
    private StatusCheck() {}

    private record Row(long id, String rel, MediaStatus status) {}

    static List<StatusChange> run(Connection db, List<Root> roots, boolean deep) throws SQLException {
        List<StatusChange> changes = new ArrayList<>();
        for (Root root : roots) {
            List<Row> rows = rows(db, root.id());
            boolean online = reachable(db, root, rows);
            Map<Long, MediaStatus> wanted = new HashMap<>();
            if (!online) {
                for (Row r : rows) if (r.status != MediaStatus.MISSING) wanted.put(r.id, MediaStatus.OFFLINE);
            } else {
                boolean back = root.status() == MediaStatus.OFFLINE;
                for (Row r : rows) if (deep || back || r.status == MediaStatus.OFFLINE) wanted.put(r.id, fileStatus(root.path(), r.rel));
            }
            setRoot(db, root, online);
            changes.addAll(Statuses.set(db, wanted));
        }
        return changes;
    }

    static MediaStatus fileStatus(Path rootPath, String rel) {
        try {
            return FileState.of(Relative.resolve(rootPath, rel)).isPlaceholder() ? MediaStatus.REMOTE : MediaStatus.ONLINE;
        } catch (NoSuchFileException e) {
            return MediaStatus.MISSING;
        } catch (IOException e) {
            return MediaStatus.OFFLINE; // there but not readable (an I/O error on a failing drive)
        }
    }

    static boolean reachable(Connection db, Root root) throws SQLException {
        return reachable(db, root, rows(db, root.id()));
    }

    private static boolean reachable(Connection db, Root root, List<Row> rows) throws SQLException {
        Path dir = root.path();
        if (!Files.isDirectory(dir)) return false;
        long device = FileState.device(dir);
        long recorded;
        try (PreparedStatement ps = db.prepareStatement("SELECT device FROM root WHERE id=?")) {
            ps.setLong(1, root.id());
            try (ResultSet rs = ps.executeQuery()) {
                recorded = rs.next() && rs.getObject(1) != null ? rs.getLong(1) : -1;
            }
        }
        if (recorded == -1 || device == recorded || rows.isEmpty()) return true;
        int looked = 0;
        for (Row r : rows) {
            if (r.status == MediaStatus.MISSING) continue;
            if (Files.exists(Relative.resolve(dir, r.rel))) {
                try (PreparedStatement ps = db.prepareStatement("UPDATE root SET device=? WHERE id=?")) {
                    ps.setLong(1, device); // remounted elsewhere with a new device number: the same files are there
                    ps.setLong(2, root.id());
                    ps.executeUpdate();
                }
                return true;
            }
            if (++looked >= 16) break;
        }
        return false;
    }

    private static List<Row> rows(Connection db, long rootId) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, rel_path, status FROM file WHERE root_id=?")) {
            ps.setLong(1, rootId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new Row(rs.getLong(1), rs.getString(2), MediaStatus.valueOf(rs.getString(3))));
            }
        }
        return out;
    }

    private static void setRoot(Connection db, Root root, boolean online) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("UPDATE root SET status=? WHERE id=?")) {
            ps.setString(1, online ? "ONLINE" : "OFFLINE");
            ps.setLong(2, root.id());
            ps.executeUpdate();
        }
        db.commit();
    }
}
