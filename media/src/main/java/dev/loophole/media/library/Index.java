package dev.loophole.media.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Keeps a file's full-text row (rowid = file id) in step with its name, tags and embedded text. */
final class Index {
    private Index() {}

    static void update(Connection c, long id) throws SQLException {
        remove(c, id);
        String rel, tags, meta;
        {
            PreparedStatement ps = Prepared.get(c, """
                SELECT rel_path,
                       (SELECT group_concat(DISTINCT tag) FROM tag WHERE file_id=f.id),
                       (SELECT group_concat(value, ' ') FROM file_meta WHERE file_id=f.id)
                FROM file f WHERE id=?""");
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) return;
                rel = rs.getString(1);
                tags = rs.getString(2);
                meta = rs.getString(3);
            }
        }
        String name = NameWords.stem(Relative.fileName(rel));
        {
            PreparedStatement ps = Prepared.get(c, "INSERT INTO file_fts (rowid, name, words, tags, meta) VALUES (?,?,?,?,?)");
            ps.setLong(1, id);
            ps.setString(2, name);
            ps.setString(3, String.join(" ", NameWords.split(rel)));
            ps.setString(4, tags == null ? "" : tags.replace(',', ' '));
            ps.setString(5, meta == null ? "" : meta);
            ps.executeUpdate();
        }
    }

    static void remove(Connection c, long id) throws SQLException {
        PreparedStatement del = Prepared.get(c, "DELETE FROM file_fts WHERE rowid=?");
        del.setLong(1, id);
        del.executeUpdate();
    }
}
