package dev.loophole.pulse.store;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.Track;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;

/**
 * A project file: one SQLite database, its schema migrated by Flyway (resources
 * {@code db/project}). A save is one transaction, so a crash or {@code kill -9} at any moment
 * leaves the old project or the new one; a new file is built beside the target and renamed into
 * place. Rows of tracks this store saw unchanged (the same immutable record) are not rewritten.
 */
public final class ProjectStore {
    private static final String MIGRATIONS = "classpath:db/project";
    /**
     * What the rows hold: each record's JSON as the model writes it (every field). Its version moves
     * with the rows' shape, apart from the readable document's ({@link ProjectJson#VERSION}).
     */
    static final String ROWS_FORMAT = ProjectJson.FORMAT + "/1";

    private final Path file;
    /** The project as this store last read or wrote it: tracks identical to its tracks need no rewrite. */
    private Project onDisk;

    public ProjectStore(Path file) { this.file = file; }

    public Path file() { return file; }

    /** Reads the project; the message of a failure names the file and what is wrong. */
    public static Project load(Path file) throws IOException {
        return new ProjectStore(file).read();
    }

    /** Writes {@code project} as a whole new file, renamed over {@code file} (replacing any file there) in one step. */
    public static void save(Project project, Path file) throws IOException {
        ProjectStore store = new ProjectStore(file);
        store.createAndRename(project);
        store.onDisk = project;
    }

    public Project read() throws IOException {
        if (!Files.isRegularFile(file)) throw new ProjectFormatException(file + ": no such project file");
        if (!isSqlite(file)) throw new ProjectFormatException(file + ": not a Loophole project (expected an SQLite database)");
        migrate(file);
        try (Connection c = open(file)) {
            Project p = readFrom(c);
            onDisk = p;
            return p;
        } catch (SQLException e) {
            throw new ProjectFormatException(file + ": cannot read the project: " + e.getMessage(), e);
        }
    }

    /** Saves {@code project}: in place in one transaction, or for a new file, built beside it and renamed. */
    public void write(Project project) throws IOException {
        if (!Files.exists(file)) {
            createAndRename(project);
            onDisk = project;
            return;
        }
        if (onDisk == null) read();
        try (Connection c = open(file)) {
            c.setAutoCommit(false);
            try {
                writeTo(c, project, onDisk);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
            onDisk = project;
        } catch (SQLException e) {
            throw new IOException(file + ": cannot save the project: " + e.getMessage(), e);
        }
    }

    private void createAndRename(Project project) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) throw new IOException(file + ": cannot save, folder " + dir + " does not exist");
        Path tmp = dir.resolve("." + file.getFileName() + "." + ProcessHandle.current().pid() + ".part");
        Files.deleteIfExists(tmp);
        try {
            migrate(tmp);
            try (Connection c = open(tmp)) {
                c.setAutoCommit(false);
                writeTo(c, project, null);
                c.commit();
            } catch (SQLException e) {
                throw new IOException(file + ": cannot save the project: " + e.getMessage(), e);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
            Files.deleteIfExists(tmp.resolveSibling(tmp.getFileName() + "-journal"));
        }
    }

    private static void writeTo(Connection c, Project p, Project old) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT OR REPLACE INTO project (id, format, name, ticks_per_quarter, sample_rate, tempo, track_count) VALUES (1, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, ROWS_FORMAT);
            s.setString(2, p.name());
            s.setInt(3, p.ticksPerQuarter());
            s.setInt(4, p.sampleRate());
            s.setString(5, ProjectJson.compact().valueToTree(p.tempo()).toString());
            s.setInt(6, p.tracks().size());
            s.executeUpdate();
        }
        Map<String, Track> before = new HashMap<>();
        if (old != null) for (Track t : old.tracks()) before.put(t.trackId(), t);
        // Delete every stale track first (its clips and states cascade), then insert: a clip or node that
        // moved between tracks must leave its old row before its new one goes in, whatever the track order.
        Set<String> kept = new HashSet<>();
        for (Track t : p.tracks()) if (before.get(t.trackId()) == t) kept.add(t.trackId());
        if (old == null) try (Statement st = c.createStatement()) { st.executeUpdate("DELETE FROM track"); }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM track WHERE track_id = ?")) {
            for (String id : before.keySet()) if (!kept.contains(id)) exec(del, id);
        }
        try (PreparedStatement pos = c.prepareStatement("UPDATE track SET position = ? WHERE track_id = ?");
             PreparedStatement ins = c.prepareStatement("INSERT INTO track (track_id, position, body) VALUES (?, ?, ?)");
             PreparedStatement clip = c.prepareStatement("INSERT INTO clip (clip_id, track_id, lane_id, position, body) VALUES (?, ?, ?, ?, ?)");
             PreparedStatement state = c.prepareStatement("INSERT INTO node_state (node_id, track_id, kind, format, blob) VALUES (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < p.tracks().size(); i++) {
                Track t = p.tracks().get(i);
                if (kept.contains(t.trackId())) {
                    pos.setInt(1, i);
                    pos.setString(2, t.trackId());
                    pos.executeUpdate();
                    continue;
                }
                ProjectRows.Rows rows = ProjectRows.split(t);
                ins.setString(1, t.trackId());
                ins.setInt(2, i);
                ins.setString(3, rows.track().body());
                ins.executeUpdate();
                for (ProjectRows.ClipRow r : rows.clips()) {
                    clip.setString(1, r.clipId());
                    clip.setString(2, r.trackId());
                    clip.setString(3, r.laneId());
                    clip.setInt(4, r.position());
                    clip.setString(5, r.body());
                    clip.addBatch();
                }
                clip.executeBatch();
                for (ProjectRows.StateRow r : rows.states()) {
                    state.setString(1, r.nodeId());
                    state.setString(2, r.trackId());
                    state.setString(3, r.kind());
                    state.setString(4, r.format());
                    state.setBytes(5, r.blob());
                    state.executeUpdate();
                }
            }
        }
    }

    private static void exec(PreparedStatement s, String id) throws SQLException {
        s.setString(1, id);
        s.executeUpdate();
    }

    private Project readFrom(Connection c) throws SQLException {
        String src = file.toString();
        ObjectNode project = ProjectJson.compact().createObjectNode();
        int trackCount;
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT format, name, ticks_per_quarter, sample_rate, tempo, track_count FROM project WHERE id = 1")) {
            if (!r.next()) throw new ProjectFormatException(src + ": the project row is missing (an empty or unfinished file)");
            String format = r.getString(1);
            if (!(ROWS_FORMAT).equals(format))
                throw new ProjectFormatException(src + ": project format " + format + " is not supported");
            project.put("name", r.getString(2));
            project.put("ticksPerQuarter", r.getInt(3));
            project.put("sampleRate", r.getInt(4));
            project.set("tempo", ProjectJson.tree(r.getString(5), src + " tempo"));
            trackCount = r.getInt(6);
        }
        Map<String, List<ProjectRows.ClipRow>> clips = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT clip_id, track_id, lane_id, position, body FROM clip")) {
            while (r.next()) clips.computeIfAbsent(r.getString(2), k -> new ArrayList<>())
                    .add(new ProjectRows.ClipRow(r.getString(1), r.getString(2), r.getString(3), r.getInt(4), r.getString(5)));
        }
        Map<String, List<ProjectRows.StateRow>> states = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT node_id, track_id, kind, format, blob FROM node_state")) {
            while (r.next()) states.computeIfAbsent(r.getString(2), k -> new ArrayList<>())
                    .add(new ProjectRows.StateRow(r.getString(1), r.getString(2), r.getString(3), r.getString(4), r.getBytes(5)));
        }
        ArrayNode tracks = project.putArray("tracks");
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT track_id, body FROM track ORDER BY position")) {
            while (r.next()) {
                String id = r.getString(1);
                tracks.add(ProjectRows.join(src, new ProjectRows.TrackRow(id, r.getString(2)),
                        clips.getOrDefault(id, List.of()), states.getOrDefault(id, List.of())));
            }
        }
        if (tracks.size() != trackCount)
            throw new ProjectFormatException(src + ": " + tracks.size() + " tracks stored, the project row says " + trackCount);
        return ProjectJson.convert(ProjectJson.mapper().readerFor(Project.class), project, src);
    }

    private static Connection open(Path db) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        // A rollback journal keeps the project one file between saves; FULL sync makes each commit durable.
        config.setJournalMode(SQLiteConfig.JournalMode.DELETE);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(10_000);
        return DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), config.toProperties());
    }

    private static void migrate(Path db) {
        try {
            Flyway.configure().dataSource("jdbc:sqlite:" + db.toAbsolutePath(), null, null).locations(MIGRATIONS)
                    .loggers("slf4j").load().migrate();
        } catch (FlywayException e) {
            throw new ProjectFormatException(db + ": not a Loophole project or a newer one (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static boolean isSqlite(Path f) throws IOException {
        byte[] head = new byte[16];
        try (var in = Files.newInputStream(f)) {
            return in.readNBytes(head, 0, 16) == 16 && new String(head, 0, 15, java.nio.charset.StandardCharsets.US_ASCII).equals("SQLite format 3");
        }
    }
}
