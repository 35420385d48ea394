package dev.loophole.media.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link SearchQuery}. Ranking: bm25 with the file name weighted most, then tags, then folder words, then
 * embedded text. The best ids are found first and only those rows are read in full.
 */
final class Searcher {
    /** bm25 weights for the columns name, words, tags, meta. */
    private static final String RANK = "bm25(file_fts, 10.0, 3.0, 5.0, 1.0)";

    private Searcher() {}

    static List<MediaFile> search(Connection db, SearchQuery q, int limit) throws SQLException {
        String match = q.match();
        List<Object> args = new ArrayList<>();
        StringBuilder inner = new StringBuilder();
        if (match != null) {
            inner.append("SELECT f.id AS hid, ").append(RANK).append(" AS rank FROM file_fts JOIN file f ON f.id = file_fts.rowid WHERE file_fts MATCH ?");
            args.add(match);
        } else {
            inner.append("SELECT f.id AS hid, 0 AS rank FROM file f WHERE 1");
        }
        for (String w : q.where()) inner.append(" AND ").append(w);
        args.addAll(q.args());
        inner.append(match != null ? " ORDER BY rank, f.id" : " ORDER BY f.rel_path, f.id").append(" LIMIT ?");
        args.add(limit);
        String sql = "SELECT " + FileRows.COLUMNS + " FROM (" + inner + ") h JOIN file f ON f.id = h.hid "
                + "JOIN root r ON r.id = f.root_id ORDER BY " + (match != null ? "h.rank, f.id" : "f.rel_path, f.id");
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < args.size(); i++) ps.setObject(i + 1, args.get(i));
            List<MediaFile> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(FileRows.read(rs));
            }
            return out;
        }
    }
}
