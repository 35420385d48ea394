package dev.loophole.media.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link SearchQuery}. Ranking: bm25 with the file name weighted most, then tags, then folder words, then
 * embedded text (FTS5's rank, configured in migration V2). The best ids are found first and only those rows are
 * read in full. Without words, hits come in library order.
 */
final class Searcher {
    private Searcher() {}

    static List<MediaFile> search(Connection db, SearchQuery q, int limit) throws SQLException {
        String match = q.match();
        List<Object> args = new ArrayList<>();
        StringBuilder inner = new StringBuilder();
        if (match != null && q.where().isEmpty()) {
            // Words alone: FTS5 ranks and cuts inside its own table.
            inner.append("SELECT rowid AS hid, rank FROM file_fts WHERE file_fts MATCH ? ORDER BY rank LIMIT ?");
            args.add(match);
        } else {
            if (match != null) {
                inner.append("SELECT f.id AS hid, file_fts.rank AS rank FROM file_fts JOIN file f ON f.id = file_fts.rowid WHERE file_fts MATCH ?");
                args.add(match);
            } else {
                inner.append("SELECT f.id AS hid, 0 AS rank FROM file f WHERE 1");
            }
            for (String w : q.where()) inner.append(" AND ").append(w);
            args.addAll(q.args());
            // Filters alone: in library order (the order files were scanned in), so the first hits end the query.
            inner.append(match != null ? " ORDER BY rank, f.id" : " ORDER BY f.id").append(" LIMIT ?");
        }
        args.add(limit);
        String sql = "SELECT " + FileRows.COLUMNS + " FROM (" + inner + ") h JOIN file f ON f.id = h.hid "
                + "JOIN root r ON r.id = f.root_id ORDER BY h.rank, f.id";
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
