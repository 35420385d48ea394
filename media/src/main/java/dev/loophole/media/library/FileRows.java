package dev.loophole.media.library;

import dev.loophole.media.AudioFileInfo;
import dev.loophole.media.SampleMetadata;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The SQL of file rows: writing a scanned file with its tags, overview and index entry; reading rows back. */
final class FileRows {
    private FileRows() {}

    static final String COLUMNS = """
            f.id, f.root_id, r.uuid, r.path, r.status, f.rel_path, f.size, f.mtime, f.hash, f.status, f.format, f.bits,
                   f.rate, f.channels, f.frames, f.duration, f.root_key, f.fine_tune, f.loop_start, f.loop_end, f.tempo,
                   f.musical_key, f.pitch_hz, f.pitch_key, f.loudness_db, f.peak_db, f.one_shot, f.error,
                   (SELECT group_concat(DISTINCT t.tag) FROM tag t WHERE t.file_id = f.id) AS tags
            """;
    static final String SELECT = "SELECT " + COLUMNS + " FROM file f JOIN root r ON r.id = f.root_id";

    static MediaFile read(ResultSet rs) throws SQLException {
        Root root = new Root(rs.getLong(2), rs.getString(3), Path.of(rs.getString(4)), MediaStatus.valueOf(rs.getString(5)));
        String tags = rs.getString(29);
        List<String> tagList = tags == null ? List.of() : Arrays.stream(tags.split(",")).sorted().toList();
        return new MediaFile(rs.getLong(1), root, rs.getString(6), rs.getLong(7), rs.getLong(8), rs.getString(9),
                MediaStatus.valueOf(rs.getString(10)), rs.getString(11), rs.getInt(12), rs.getInt(13), rs.getInt(14),
                rs.getLong(15), rs.getDouble(16), intOr(rs, 17, -1), rs.getDouble(18), longOr(rs, 19, -1), longOr(rs, 20, -1),
                doubleOr(rs, 21), rs.getString(22), doubleOr(rs, 23), intOr(rs, 24, -1), rs.getDouble(25), rs.getDouble(26),
                rs.getInt(27) != 0, tagList, rs.getString(28));
    }

    static List<MediaFile> query(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SELECT + " " + where)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            List<MediaFile> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(read(rs));
            }
            return out;
        }
    }

    /** Inserts or replaces the row of a scanned file (keeping its id and user tags), in the caller's transaction. */
    static long write(Connection c, long rootId, Analysis a, long now) throws SQLException {
        long id;
        {
            PreparedStatement ps = Prepared.get(c, """
                INSERT INTO file (root_id, rel_path, name, size, mtime, hash, status, format, encoding, bits, float_samples,
                    rate, channels, frames, duration, root_key, fine_tune, loop_start, loop_end, tempo, musical_key,
                    pitch_hz, pitch_key, loudness_db, peak_db, one_shot, error, scanned_at)
                VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
                ON CONFLICT (root_id, rel_path) DO UPDATE SET name=excluded.name, size=excluded.size, mtime=excluded.mtime,
                    hash=excluded.hash, status=excluded.status, format=excluded.format, encoding=excluded.encoding,
                    bits=excluded.bits, float_samples=excluded.float_samples, rate=excluded.rate, channels=excluded.channels,
                    frames=excluded.frames, duration=excluded.duration, root_key=excluded.root_key, fine_tune=excluded.fine_tune,
                    loop_start=excluded.loop_start, loop_end=excluded.loop_end, tempo=excluded.tempo,
                    musical_key=excluded.musical_key, pitch_hz=excluded.pitch_hz, pitch_key=excluded.pitch_key,
                    loudness_db=excluded.loudness_db, peak_db=excluded.peak_db, one_shot=excluded.one_shot,
                    error=excluded.error, scanned_at=excluded.scanned_at
                RETURNING id""");
            AudioFileInfo info = a.info();
            SampleMetadata meta = info == null ? SampleMetadata.NONE : info.metadata();
            int i = 1;
            ps.setLong(i++, rootId);
            ps.setString(i++, a.relPath());
            ps.setString(i++, Relative.fileName(a.relPath()));
            ps.setLong(i++, a.state().size());
            ps.setLong(i++, a.state().modified());
            ps.setString(i++, a.hash());
            ps.setString(i++, a.status().name());
            ps.setString(i++, info == null ? null : info.type().name());
            ps.setString(i++, info == null ? null : info.format().toString());
            setInt(ps, i++, info == null ? null : info.format().bitsPerSample());
            setInt(ps, i++, info == null ? null : info.format().floatingPoint() ? 1 : 0);
            setInt(ps, i++, info == null ? null : info.sampleRate());
            setInt(ps, i++, info == null ? null : info.channels());
            setLong(ps, i++, info == null ? null : info.frames());
            setDouble(ps, i++, info == null ? Double.NaN : info.durationSeconds());
            setInt(ps, i++, meta.rootKey() >= 0 ? meta.rootKey() : null);
            setDouble(ps, i++, meta.fineTune());
            setLong(ps, i++, meta.loops().isEmpty() ? null : meta.loops().getFirst().start());
            setLong(ps, i++, meta.loops().isEmpty() ? null : meta.loops().getFirst().end());
            setDouble(ps, i++, a.tempo());
            ps.setString(i++, a.musicalKey());
            setDouble(ps, i++, a.pitchHz());
            int pk = PitchDetector.midiKey(a.pitchHz());
            setInt(ps, i++, pk >= 0 ? pk : null);
            setDouble(ps, i++, a.loudnessDb());
            setDouble(ps, i++, a.peakDb());
            ps.setInt(i++, a.oneShot() ? 1 : 0);
            ps.setString(i++, a.error());
            ps.setLong(i, now);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        replaceAutomatic(c, id, a);
        Index.update(c, id);
        return id;
    }

    private static void replaceAutomatic(Connection c, long id, Analysis a) throws SQLException {
        for (String sql : List.of("DELETE FROM tag WHERE file_id=? AND source<>'USER'", "DELETE FROM file_meta WHERE file_id=?",
                "DELETE FROM peaks WHERE file_id=?")) {
            PreparedStatement p = Prepared.get(c, sql);
            p.setLong(1, id);
            p.executeUpdate();
        }
        insertTags(c, id, a.nameTags(), "NAME");
        insertTags(c, id, a.soundTags(), "ANALYSIS");
        {
            PreparedStatement ps = Prepared.get(c, "INSERT INTO file_meta (file_id, key, value) VALUES (?,?,?)");
            for (Map.Entry<String, String> e : a.meta().entrySet()) {
                ps.setLong(1, id);
                ps.setString(2, e.getKey());
                ps.setString(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        if (a.peaks() != null) {
                PreparedStatement ps = Prepared.get(c, "INSERT INTO peaks (file_id, data) VALUES (?,?)");
                ps.setLong(1, id);
                ps.setBytes(2, a.peaks().encode());
                ps.executeUpdate();
            }
    }

    static void insertTags(Connection c, long id, Set<String> tags, String source) throws SQLException {
        {
            PreparedStatement ps = Prepared.get(c, "INSERT OR IGNORE INTO tag (file_id, tag, source) VALUES (?,?,?)");
            for (String t : tags) {
                ps.setLong(1, id);
                ps.setString(2, t);
                ps.setString(3, source);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void setInt(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER); else ps.setInt(i, v);
    }

    private static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
        if (v == null) ps.setNull(i, Types.INTEGER); else ps.setLong(i, v);
    }

    private static void setDouble(PreparedStatement ps, int i, double v) throws SQLException {
        if (Double.isNaN(v) || Double.isInfinite(v)) ps.setNull(i, Types.REAL); else ps.setDouble(i, v);
    }

    private static int intOr(ResultSet rs, int col, int dflt) throws SQLException {
        int v = rs.getInt(col);
        return rs.wasNull() ? dflt : v;
    }

    private static long longOr(ResultSet rs, int col, long dflt) throws SQLException {
        long v = rs.getLong(col);
        return rs.wasNull() ? dflt : v;
    }

    private static double doubleOr(ResultSet rs, int col) throws SQLException {
        double v = rs.getDouble(col);
        return rs.wasNull() ? Double.NaN : v;
    }
}
