package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headers read ahead are taken once, only while the file is unchanged; anything else is read (or refused) as without them. */
class HeaderPrefetchTest {
    @TempDir Path dir;

    @Test
    void aHeaderReadAheadIsTakenOnceAndIsWhatReadingItGives() throws Exception {
        Path f = Files.copy(Fixtures.path("sine24.flac"), dir.resolve("a.flac"));
        AudioFileInfo direct;
        try (AudioReader r = AudioFiles.openHeader(f)) { direct = r.info(); }
        AudioFiles.headersAhead(List.of(f)).run();
        AudioFileInfo first = AudioFiles.header(dir.resolve("x/../a.flac"));
        assertThat(first.frames()).isEqualTo(2000).isEqualTo(direct.frames());
        assertThat(first.sampleRate()).isEqualTo(48000);
        assertThat(first.metadata()).isEqualTo(direct.metadata());
        AudioFileInfo second = AudioFiles.header(f);
        assertThat(second).as("taken once: read again").isNotSameAs(first);
        assertThat(second.frames()).isEqualTo(2000);
    }

    @Test
    void aFileChangedSinceItWasReadIsReadAgain() throws Exception {
        Path f = Files.copy(Fixtures.path("sine16.flac"), dir.resolve("b.flac"));
        AudioFiles.headersAhead(List.of(f)).run();
        Files.copy(Fixtures.path("sine24.flac"), f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5_000));
        assertThat(AudioFiles.header(f).frames()).as("the new file's length").isEqualTo(2000);
    }

    @Test
    void aFileThatFailsIsNotKeptAndGivesItsErrorWhenRead() throws Exception {
        byte[] flac = Files.readAllBytes(Fixtures.path("sine16.flac"));
        Path bad = Files.write(dir.resolve("meta.flac"), Arrays.copyOf(flac, 20));
        Path missing = dir.resolve("gone.flac");
        AudioFiles.headersAhead(List.of(bad, missing)).run();
        assertThatThrownBy(() -> AudioFiles.header(bad)).hasMessage(bad + ": file ends inside metadata block 0 (34 bytes declared, 12 present)");
        assertThatThrownBy(() -> AudioFiles.header(missing)).isInstanceOf(MediaException.class).hasMessageContaining("gone.flac");
    }

    @Test
    void aHeaderAskedForBeforeTheReadAheadGotThereIsReadOnceByTheAsker() throws Exception {
        Path f = Files.copy(Fixtures.path("sine24.flac"), dir.resolve("c.flac"));
        Runnable ahead = AudioFiles.headersAhead(List.of(f));
        long before = HeaderPrefetch.reads();
        assertThat(AudioFiles.header(f).frames()).isEqualTo(2000); // asked first: read here
        assertThat(HeaderPrefetch.reads() - before).isEqualTo(1);
        ahead.run(); // the read-ahead arrives later
        assertThat(HeaderPrefetch.reads() - before).as("not read a second time").isEqualTo(1);
        assertThat(HeaderPrefetch.take(FileStamp.of(TakeOnce.key(f)))).as("nothing kept for a later ask").isNull();
    }

    @Test
    void aReadAheadRacingTheAskerReadsEachFileOnceAndEveryAskGetsItsOwnFile() throws Exception {
        List<Path> files = new java.util.ArrayList<>();
        for (int i = 0; i < 60; i++)
            files.add(Files.copy(Fixtures.path(i % 2 == 0 ? "sine16.flac" : "sine24.flac"), dir.resolve("r" + i + ".flac")));
        long[] expected = new long[files.size()];
        for (int i = 0; i < files.size(); i++)
            try (AudioReader r = AudioFiles.openHeader(files.get(i))) { expected[i] = r.info().frames() * 100 + r.info().format().bitsPerSample(); }
        Runnable ahead = AudioFiles.headersAhead(files);
        long before = HeaderPrefetch.reads();
        Thread t = new Thread(ahead);
        t.start();
        for (int i = 0; i < files.size(); i++) { // in the render's order; the read-ahead goes from the other end
            AudioFileInfo info = AudioFiles.header(files.get(i));
            assertThat(info.file()).isEqualTo(files.get(i).toAbsolutePath().normalize());
            assertThat(info.frames() * 100 + info.format().bitsPerSample()).as(files.get(i).toString()).isEqualTo(expected[i]);
        }
        t.join();
        // every header read is counted, by a task or by AudioFiles.header itself: a file read twice shows
        assertThat(HeaderPrefetch.reads() - before).as("each file read once").isEqualTo(files.size());
    }
}
