package dev.loophole.media.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.loophole.model.SampleRef;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roots that move, files that move, vanish or become cloud placeholders; references that follow them. */
class RelinkStatusTest {
    @TempDir Path tmp;

    private List<Path> makeRoot(Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        files.add(Tones.sine(dir.resolve("bass/sub C1.wav"), 32.7, 0.5, 0.5, 48000, 1, 24));
        files.add(Tones.sine(dir.resolve("keys/ep A3.wav"), 220, 0.5, 0.5, 48000, 1, 57));
        files.add(Tones.noise(dir.resolve("fx/air.wav"), 0.3, 0.5, 48000, 9));
        return files;
    }

    @Test
    void aMovedRootIsFoundUnderASearchFolderAndReferencesFollowIt() throws Exception {
        Path a = tmp.resolve("driveA/Samples");
        List<Path> files = makeRoot(a);
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            lib.add(List.of(a), ScanListener.NONE);
            List<SampleRef> refs = new ArrayList<>();
            for (Path f : files) refs.add(lib.sampleRef(lib.file(f).orElseThrow().id()));
            List<StatusChange> events = new ArrayList<>();
            lib.onStatusChange(events::add);

            Files.createDirectories(tmp.resolve("driveB"));
            Files.move(tmp.resolve("driveA/Samples"), tmp.resolve("driveB/Samples"));
            lib.checkStatus(false);
            assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.after()).isEqualTo(MediaStatus.OFFLINE));
            assertThat(lib.resolve(refs).values()).allSatisfy(r -> assertThat(r.status()).isEqualTo(MediaStatus.OFFLINE));

            events.clear();
            RelinkReport report = lib.relink(Map.of(), List.of(tmp.resolve("driveB")));
            assertThat(report.moved()).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo(tmp.resolve("driveB/Samples")));
            assertThat(events).hasSize(3).allSatisfy(e -> assertThat(e.after()).isEqualTo(MediaStatus.ONLINE));
            Map<SampleRef, Resolution> now = lib.resolve(refs);
            for (int i = 0; i < files.size(); i++) {
                Resolution r = now.get(refs.get(i));
                assertThat(r.how()).isEqualTo(Resolution.How.ROOT);
                assertThat(r.status()).isEqualTo(MediaStatus.ONLINE);
                assertThat(r.path()).isEqualTo(tmp.resolve("driveB/Samples").resolve(a.relativize(files.get(i)).toString()));
            }

            // A renamed mount point: an explicit prefix move.
            Files.move(tmp.resolve("driveB"), tmp.resolve("driveC"));
            report = lib.relink(Map.of(tmp.resolve("driveB"), tmp.resolve("driveC")), List.of());
            assertThat(report.moved()).singleElement().satisfies(m -> assertThat(m.to()).isEqualTo(tmp.resolve("driveC/Samples")));
            assertThat(lib.resolve(refs).get(refs.get(1)).path()).isEqualTo(tmp.resolve("driveC/Samples/keys/ep A3.wav"));
        }
    }

    @Test
    void aFileMovedInsideTheLibraryIsFoundByHashAndKeepsItsIdAndTags() throws Exception {
        Path a = tmp.resolve("Samples");
        List<Path> files = makeRoot(a);
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            lib.add(List.of(a), ScanListener.NONE);
            MediaFile ep = lib.tag(files.get(1), List.of("mellow"));
            SampleRef ref = lib.sampleRef(ep.id());
            Path moved = a.resolve("archive/old/renamed.wav");
            Files.createDirectories(moved.getParent());
            Files.move(files.get(1), moved);
            lib.scan(lib.roots().getFirst(), ScanListener.NONE);
            assertThat(lib.file(ep.id()).orElseThrow().status()).isEqualTo(MediaStatus.MISSING);
            Resolution beforeRelink = lib.resolve(List.of(ref)).get(ref);
            assertThat(beforeRelink.how()).isEqualTo(Resolution.How.HASH);   // programs already find it
            assertThat(beforeRelink.path()).isEqualTo(moved);

            RelinkReport report = lib.relink(Map.of(), List.of());
            assertThat(report.byHash()).isEqualTo(1);
            MediaFile after = lib.file(moved).orElseThrow();
            assertThat(after.id()).isEqualTo(ep.id());
            assertThat(after.status()).isEqualTo(MediaStatus.ONLINE);
            assertThat(after.tags()).contains("mellow");
            assertThat(lib.search("renamed", 10)).extracting(MediaFile::id).containsExactly(ep.id());
            assertThat(lib.counts().values().iterator().next()).containsEntry(MediaStatus.ONLINE, 3).containsEntry(MediaStatus.MISSING, 0);
        }
    }

    @Test
    void deletedFilesAreMissingAndPlaceholdersRemote() throws Exception {
        Path a = tmp.resolve("Cloud");
        List<Path> files = makeRoot(a);
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            lib.add(List.of(a), ScanListener.NONE);
            List<StatusChange> events = new ArrayList<>();
            lib.onStatusChange(events::add);
            Files.delete(files.get(2));
            // A sync client evicting local content: same name and size, no blocks on disk.
            long size = Files.size(files.get(0));
            Files.delete(files.get(0));
            try (RandomAccessFile f = new RandomAccessFile(files.get(0).toFile(), "rw")) {
                f.setLength(size);
            }
            assumeThat(LibraryScanTest.run("stat", "-c", "%b", files.get(0).toString()).trim()).as("sparse files here").isEqualTo("0");
            Path placeholder = a.resolve("new/cloud only.wav");
            Files.createDirectories(placeholder.getParent());
            try (RandomAccessFile f = new RandomAccessFile(placeholder.toFile(), "rw")) {
                f.setLength(1 << 20);
            }
            lib.checkStatus(true);
            assertThat(events).extracting(StatusChange::relPath, StatusChange::after).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("bass/sub C1.wav", MediaStatus.REMOTE),
                    org.assertj.core.groups.Tuple.tuple("fx/air.wav", MediaStatus.MISSING));
            ScanReport r = lib.scan(lib.roots().getFirst(), ScanListener.NONE);
            assertThat(r.remote()).isEqualTo(2);
            MediaFile cloud = lib.file(placeholder).orElseThrow();
            assertThat(cloud.status()).isEqualTo(MediaStatus.REMOTE);
            assertThat(cloud.hash()).isNull();                    // never read: reading would start a download
            assertThat(lib.search("status:remote", 10)).extracting(MediaFile::relPath)
                    .containsExactlyInAnyOrder("bass/sub C1.wav", "new/cloud only.wav");
        }
    }

    @Test
    void aCopiedLibraryAndSamplesRelinkOnAnotherMachine() throws Exception {
        Path home1 = tmp.resolve("home/alice/Music/Samples");
        List<Path> files = makeRoot(home1);
        List<SampleRef> refs = new ArrayList<>();
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("alice.db"))) {
            lib.add(List.of(home1), ScanListener.NONE);
            for (Path f : files) refs.add(lib.sampleRef(lib.file(f).orElseThrow().id()));
        }
        // "Another machine": the library file and the samples copied somewhere else, the original gone.
        Path home2 = tmp.resolve("other/bob/sounds");
        Files.createDirectories(home2);
        Tones.copyTree(home1, home2.resolve("Samples"));
        Files.copy(tmp.resolve("alice.db"), tmp.resolve("bob.db"));
        Tones.copyTree(tmp.resolve("home"), tmp.resolve("gone"));
        try (var s = Files.walk(tmp.resolve("home"))) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("bob.db"))) {
            RelinkReport r = lib.relink(Map.of(), List.of(tmp.resolve("other")));
            assertThat(r.moved()).hasSize(1);
            assertThat(r.stillOffline()).isEmpty();
            Map<SampleRef, Resolution> now = lib.resolve(refs);
            assertThat(now.values()).allSatisfy(x -> {
                assertThat(x.status()).isEqualTo(MediaStatus.ONLINE);
                assertThat(x.path()).startsWith(home2.resolve("Samples"));
                assertThat(Files.isRegularFile(x.path())).isTrue();
            });
        }
    }
}
