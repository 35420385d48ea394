package dev.loophole.media.library;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Opens the library's SQLite file: migrates its schema with Flyway, then sets up connections for WAL. */
final class LibraryDatabase {
    /** Flyway reports every migration at INFO through java.util.logging; a command line wants only problems. */
    private static final java.util.logging.Logger FLYWAY_LOG = java.util.logging.Logger.getLogger("org.flywaydb");
    static {
        FLYWAY_LOG.setLevel(java.util.logging.Level.WARNING);
        // sqlite-jdbc logs through SLF4J; with no provider SLF4J prints a three-line notice on every start.
        if (System.getProperty("slf4j.internal.verbosity") == null) System.setProperty("slf4j.internal.verbosity", "ERROR");
    }

    private LibraryDatabase() {}

    /** Creates or migrates the schema in {@code file}. */
    static void migrate(Path file) throws LibraryException {
        try {
            Path dir = file.toAbsolutePath().getParent();
            if (dir != null) Files.createDirectories(dir);
            Flyway.configure(LibraryDatabase.class.getClassLoader())
                    .dataSource(url(file), null, null)
                    .locations("classpath:db/library")
                    .load().migrate();
        } catch (FlywayException | java.io.IOException e) {
            throw new LibraryException(file + ": cannot open the media library: " + e.getMessage(), e);
        }
    }

    /**
     * A connection in WAL mode: a writer commits whole scan batches, readers (searches) run beside it, and a
     * process killed mid-write leaves the last committed state. synchronous=NORMAL is durable against a killed
     * process (not against a power cut, where the last commits may be lost — never corruption).
     */
    static Connection connect(Path file) throws LibraryException {
        try {
            Connection c = DriverManager.getConnection(url(file));
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=10000");
            }
            return c;
        } catch (SQLException e) {
            throw new LibraryException(file + ": cannot open the media library: " + e.getMessage(), e);
        }
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }
}
