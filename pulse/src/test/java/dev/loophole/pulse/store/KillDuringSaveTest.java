package dev.loophole.pulse.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.project.Project;
import dev.loophole.pulse.testing.Fixtures;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real child JVM saves two different projects in turn into one file; it is killed with SIGKILL at
 * random moments, and each time the file must reopen as exactly one of the two projects.
 * {@code -Dpulse.kills=N} sets the number of kills: 3 by default (each child JVM takes seconds to
 * start on a busy machine); the {@code soak} profile runs 30.
 */
class KillDuringSaveTest {
    @TempDir Path dir;

    @Test
    void killNineAtAnyMomentOfASaveLeavesTheOldOrTheNewProject() throws Exception {
        long t0 = System.nanoTime();
        Project a = Fixtures.rich(Fixtures.programs(dir));
        // B differs from A in every track (so every save rewrites every row) and in the project row.
        Project b = a.withName("B").withTracks(a.tracks().stream().map(t -> t.withName(t.name() + " (B)")).toList());
        Path aJson = dir.resolve("a.json"), bJson = dir.resolve("b.json"), file = dir.resolve("song.loophole");
        ProjectJson.write(a, aJson);
        ProjectJson.write(b, bJson);
        ProjectStore.save(a, file);

        int kills = Integer.getInteger("pulse.kills", 3);
        Random random = new Random(13);
        int sawA = 0, sawB = 0, midTransaction = 0;
        long totalSaves = 0;
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int k = 0; k < kills; k++) {
            Process child = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), SaveLoop.class.getName(),
                    file.toString(), aJson.toString(), bJson.toString(), dir.resolve("scratch.loophole").toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            CountDownLatch started = new CountDownLatch(1);
            AtomicLong saves = new AtomicLong();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        if (line.equals("ready")) started.countDown();
                        if (line.startsWith("saved")) saves.incrementAndGet();
                    }
                } catch (java.io.IOException e) {
                    // the child died: the pipe closes
                }
            });
            assertThat(started.await(60, TimeUnit.SECONDS)).as("child started saving").isTrue();
            Thread.sleep(random.nextInt(1500));
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no finally blocks
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            reader.join(5000);
            totalSaves += saves.get();

            Path journal = file.resolveSibling(file.getFileName() + "-journal");
            if (Files.exists(journal) && Files.size(journal) > 0) midTransaction++;
            Project got = ProjectStore.load(file);
            if (got.equals(a)) sawA++;
            else if (got.equals(b)) sawB++;
            else throw new AssertionError("kill " + k + ": the file holds neither project");
            assertThat(integrity(file)).isEqualTo("ok");
        }
        System.out.printf("%.0f s: %d kills: %d saves completed before them, reopened as A %d times, B %d times; %d kills landed inside a save transaction%n",
                (System.nanoTime() - t0) / 1e9, kills, totalSaves, sawA, sawB, midTransaction);
        assertThat(sawA + sawB).isEqualTo(kills);
        // The kills really hit saves in progress (the child does nothing else).
        assertThat(midTransaction).isPositive();
        // With many kills both outcomes must show up (with few, one outcome alone is likely enough to happen by chance).
        if (kills >= 20) assertThat(sawA).isPositive();
        if (kills >= 20) assertThat(sawB).isPositive();
    }

    private static String integrity(Path file) throws Exception {
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file); var s = c.createStatement(); var r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }

}
