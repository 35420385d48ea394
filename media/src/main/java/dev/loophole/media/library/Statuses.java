package dev.loophole.media.library;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Moves files to a new status in one transaction and says which really moved. */
final class Statuses {
    private Statuses() {}

    static List<StatusChange> set(Connection db, Map<Long, MediaStatus> wanted) throws SQLException {
        List<StatusChange> out = new ArrayList<>();
        if (wanted.isEmpty()) return out;
        try (PreparedStatement get = db.prepareStatement(
                "SELECT r.uuid, r.path, f.rel_path, f.hash, f.status FROM file f JOIN root r ON r.id=f.root_id WHERE f.id=?");
             PreparedStatement put = db.prepareStatement("UPDATE file SET status=? WHERE id=?")) {
            for (Map.Entry<Long, MediaStatus> e : wanted.entrySet()) {
                get.setLong(1, e.getKey());
                try (ResultSet rs = get.executeQuery()) {
                    if (!rs.next()) continue;
                    MediaStatus before = MediaStatus.valueOf(rs.getString(5));
                    if (before == e.getValue()) continue;
                    out.add(new StatusChange(e.getKey(), rs.getString(1), rs.getString(3),
                            Relative.resolve(Path.of(rs.getString(2)), rs.getString(3)), rs.getString(4), before, e.getValue()));
                }
                put.setString(1, e.getValue().name());
                put.setLong(2, e.getKey());
                put.executeUpdate();
            }
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
        return out;
    }
}
