package dev.loophole.media.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child process scanning a folder is killed with SIGKILL mid-scan. Reopening finds an intact database in
 * which every entry is whole (its hash and length match the file), and a rescan reads only what was not committed.
 */
class KilledScanTest {
    static final int FILES = 800, FRAMES = 4800;

    @TempDir Path tmp;

    @Test
    void killNineMidScanLosesNothingCommittedAndCorruptsNothing() throws Exception {
        Path root = tmp.resolve("many");
        for (int i = 0; i < FILES; i++) Tones.noise(root.resolve("d" + (i % 30) + "/n" + i + ".wav"), 0.5, FRAMES / 48000.0, 48000, i);
        Path db = tmp.resolve("library.db");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ScanChild.class.getName(),
                db.toString(), root.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        long committed = 0;
        long deadline = System.currentTimeMillis() + 120_000;
        while (committed < 100 && child.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            committed = count(db);
        }
        child.destroyForcibly(); // SIGKILL on Linux
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as("killed, not finished: " + Files.readString(tmp.resolve("child.log"))).isEqualTo(137);

        try (MediaLibrary lib = MediaLibrary.open(db);
             Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("ok");
            }
            s.execute("INSERT INTO file_fts(file_fts) VALUES('integrity-check')");
            List<MediaFile> kept = lib.search("", 100_000);
            assertThat(kept.size()).isGreaterThanOrEqualTo(100).isLessThan(FILES);
            for (MediaFile f : kept) {
                assertThat(f.frames()).isEqualTo(FRAMES);
                assertThat(f.hash()).isEqualTo(LibraryScanTest.sha256(f.path()));
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM file_fts")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(kept.size());
            }
            ScanReport rescan = lib.scan(lib.roots().getFirst(), ScanListener.NONE);
            assertThat(rescan.unchanged()).isEqualTo(kept.size());
            assertThat(rescan.read()).isEqualTo(FILES - kept.size());
            assertThat(lib.search("", 100_000)).hasSize(FILES);
        }
    }

    private static long count(Path db) {
        if (!Files.exists(db)) return 0;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM file")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (Exception e) {
            return 0; // not created yet
        }
    }
}
