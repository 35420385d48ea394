package dev.loophole.media.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher a server runs: new files scanned, deleted ones missing, a root that goes away offline and back online. */
class MediaWatcherTest {
    @TempDir Path tmp;

    @Test
    void keepsTheLibraryCurrent() throws Exception {
        Path root = tmp.resolve("Samples");
        Tones.sine(root.resolve("a.wav"), 440, 0.5, 0.2, 48000, 1, -1);
        Tones.sine(root.resolve("sub/b.wav"), 220, 0.5, 0.2, 48000, 1, -1);
        List<StatusChange> events = new CopyOnWriteArrayList<>();
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            lib.add(List.of(root), ScanListener.NONE);
            lib.onStatusChange(events::add);
            try (MediaWatcher w = lib.watch(Duration.ofMillis(200))) {
                Tones.sine(root.resolve("sub/new snare.wav"), 330, 0.5, 0.2, 48000, 1, -1);
                await(() -> found(lib, root.resolve("sub/new snare.wav")));
                assertThat(lib.file(root.resolve("sub/new snare.wav")).orElseThrow().tags()).contains("snare");

                Files.delete(root.resolve("a.wav"));
                await(() -> events.stream().anyMatch(e -> e.relPath().equals("a.wav") && e.after() == MediaStatus.MISSING));

                Files.move(root, tmp.resolve("Samples.unplugged"));
                await(() -> events.stream().filter(e -> e.after() == MediaStatus.OFFLINE).count() == 2);
                Files.move(tmp.resolve("Samples.unplugged"), root);
                await(() -> events.stream().filter(e -> e.after() == MediaStatus.ONLINE).count() == 2);
                assertThat(lib.file(root.resolve("sub/b.wav")).orElseThrow().status()).isEqualTo(MediaStatus.ONLINE);
                assertThat(w.rescans()).isPositive();
            }
        }
    }

    /**
     * A closing watcher interrupts its rescan; a rescan still walking a large tree stops in the walk, before it has
     * compared anything — a walk cut short and taken as complete would mark every file it had not reached missing.
     */
    @Test
    void anInterruptedWalkStopsWithoutAnswering() throws Exception {
        Path root = tmp.resolve("Samples");
        Tones.sine(root.resolve("a/a.wav"), 440, 0.5, 0.2, 48000, 1, -1);
        assertThat(Scanner.walk(root)).containsOnlyKeys("a/a.wav");
        Thread.currentThread().interrupt();
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scanner.walk(root)).isInstanceOf(LibraryException.class)
                    .hasMessage(root + ": scan interrupted; nothing changed");
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt stays for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    /** An interrupt that comes while a walk is inside one large folder stops it within {@link Scanner#INTERRUPT_EVERY} files. */
    @Test
    void aWalkInsideOneLargeFolderStopsAtAnInterrupt() throws Exception {
        Path root = tmp.resolve("Flat");
        Files.createDirectories(root);
        for (int i = 0; i < 40_000; i++) Files.createFile(root.resolve("f" + i + ".txt"));
        java.util.concurrent.atomic.AtomicReference<Throwable> result = new java.util.concurrent.atomic.AtomicReference<>();
        Thread walker = Thread.ofPlatform().start(() -> {
            try {
                Scanner.walk(root);
                result.set(new AssertionError("the walk ran to its end"));
            } catch (Throwable e) {
                result.set(e);
            }
        });
        // Interrupted once it is visiting the folder's files (past the folder's own check).
        boolean inside = false;
        while (walker.isAlive() && !inside)
            inside = java.util.Arrays.stream(walker.getStackTrace()).anyMatch(f -> f.getMethodName().equals("visitFile"));
        walker.interrupt();
        walker.join(10_000);
        assertThat(inside).as("the walk seen among its 40,000 files before it ended").isTrue();
        assertThat(result.get()).isInstanceOf(LibraryException.class).hasMessage(root + ": scan interrupted; nothing changed");
    }

    /**
     * A relink while the watcher's poll runs (as a server does): a poll that read the roots before the move must not
     * write "offline" over the relinked root afterwards. Each round moves the root and relinks it with the poll
     * spinning beside it; right after each relink the root and its files must be online.
     */
    @Test
    void aRelinkRacingAStatusPollLeavesTheRootOnline() throws Exception {
        Path a = tmp.resolve("A/Samples"), b = tmp.resolve("B/Samples");
        Tones.sine(a.resolve("a.wav"), 440, 0.5, 0.2, 48000, 1, -1);
        Files.createDirectories(b.getParent());
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            lib.add(List.of(a), ScanListener.NONE);
            var ref = lib.sampleRef(lib.file(a.resolve("a.wav")).orElseThrow().id());
            var stop = new java.util.concurrent.atomic.AtomicBoolean();
            var polls = new java.util.concurrent.atomic.AtomicLong();
            var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>(); // a poller that throws would die unseen
            Runnable poll = () -> {
                while (!stop.get()) {
                    try {
                        lib.checkStatus(false);
                        polls.incrementAndGet();
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                }
            };
            // Three pollers queue on the library's write lock, so some poll has read the roots and waits for the
            // lock whenever a relink holds it: the interleaving a loaded machine produced by preempting one poll.
            List<Thread> pollers = List.of(Thread.ofPlatform().daemon().start(poll), Thread.ofPlatform().daemon().start(poll),
                    Thread.ofPlatform().daemon().start(poll));
            try {
                for (int round = 0; round < 100; round++) {
                    Path from = round % 2 == 0 ? a : b, to = round % 2 == 0 ? b : a;
                    Files.move(from, to);
                    lib.relink(java.util.Map.of(from, to), List.of());
                    assertThat(lib.roots()).as("round %d", round).singleElement()
                            .satisfies(r -> assertThat(r.status()).isEqualTo(MediaStatus.ONLINE));
                    assertThat(lib.resolve(List.of(ref)).get(ref).status()).as("round %d", round).isEqualTo(MediaStatus.ONLINE);
                }
            } finally {
                stop.set(true);
                for (Thread t : pollers) t.join(5_000);
            }
            assertThat(failure.get()).as("a status poll failed").isNull();
            assertThat(polls.get()).as("status polls beside the relinks").isPositive();
        }
    }

    private static boolean found(MediaLibrary lib, Path p) {
        try {
            return lib.file(p).isPresent();
        } catch (LibraryException e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("waited 15 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
