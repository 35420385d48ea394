package dev.loophole.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work read ahead is given only for unchanged files; its failure comes back as it was thrown; nothing starts for a missing file. */
class FilePrefetchTest {
    @TempDir Path dir;

    @Test
    void givesWhatTheWorkMadeWhileTheFileIsUnchanged() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "first");
        AtomicInteger runs = new AtomicInteger();
        FilePrefetch<String> p = FilePrefetch.start("t", List.of(f), () -> { runs.incrementAndGet(); return Files.readString(f); }, null);
        assertThat(p.take()).isEqualTo("first");
        assertThat(p.take()).isEqualTo("first");
        assertThat(runs).as("the work ran once").hasValue(1);
    }

    @Test
    void aFileChangedSinceItWasStampedGivesNothing() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "first");
        CountDownLatch hold = new CountDownLatch(1);
        FilePrefetch<String> p = FilePrefetch.start("t", List.of(f), () -> { hold.await(); return "made from the first"; }, null);
        Files.writeString(f, "second, longer");
        hold.countDown();
        assertThat(p.take()).as("size changed").isNull();

        Path g = Files.writeString(dir.resolve("b.txt"), "same size");
        FilePrefetch<String> q = FilePrefetch.start("t", List.of(g), () -> "made", null);
        assertThat(q.await()).isEqualTo("made");
        Files.setLastModifiedTime(g, FileTime.fromMillis(Files.getLastModifiedTime(g).toMillis() - 5_000));
        assertThat(q.take()).as("modification time changed").isNull();

        Path h = Files.writeString(dir.resolve("c.txt"), "replaced");
        FilePrefetch<String> r = FilePrefetch.start("t", List.of(h), () -> "made", null);
        r.await();
        Files.delete(h);
        assertThat(r.take()).as("gone").isNull();
    }

    @Test
    void aFailureIsThrownAsTheWorkThrewIt() throws Exception {
        Path f = Files.writeString(dir.resolve("a.txt"), "x");
        IOException io = new IOException("a.txt: damaged at byte 3");
        assertThatThrownBy(() -> FilePrefetch.start("t", List.of(f), () -> { throw io; }, null).take()).isSameAs(io);
        IllegalStateException unchecked = new IllegalStateException("no");
        assertThatThrownBy(() -> FilePrefetch.start("t", List.of(f), () -> { throw unchecked; }, null).take()).isSameAs(unchecked);
        Exception checked = new Exception("other");
        assertThatThrownBy(() -> FilePrefetch.start("t", List.of(f), () -> { throw checked; }, null).take())
                .isInstanceOf(IOException.class).hasCause(checked);
    }

    @Test
    void nothingStartsForAMissingFileOrAFolderAndAfterRunsOnceTheWorkIsDone() throws Exception {
        assertThat(FilePrefetch.start("t", List.of(dir.resolve("gone")), () -> "x", null)).isNull();
        assertThat(FilePrefetch.start("t", List.of(dir), () -> "x", null)).isNull();
        Path f = Files.writeString(dir.resolve("a.txt"), "x");
        CountDownLatch after = new CountDownLatch(1);
        AtomicInteger order = new AtomicInteger();
        int[] seen = new int[2];
        FilePrefetch<String> p = FilePrefetch.start("t", List.of(f), () -> { seen[0] = order.incrementAndGet(); return "x"; },
                () -> { seen[1] = order.incrementAndGet(); after.countDown(); });
        after.await();
        assertThat(p.take()).isEqualTo("x");
        assertThat(seen).containsExactly(1, 2);
    }
}
