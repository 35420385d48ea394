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
        AudioFiles.prefetchHeaders(List.of(f));
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
        AudioFiles.prefetchHeaders(List.of(f));
        Files.copy(Fixtures.path("sine24.flac"), f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(f, FileTime.fromMillis(Files.getLastModifiedTime(f).toMillis() + 5_000));
        assertThat(AudioFiles.header(f).frames()).as("the new file's length").isEqualTo(2000);
    }

    @Test
    void aFileThatFailsIsNotKeptAndGivesItsErrorWhenRead() throws Exception {
        byte[] flac = Files.readAllBytes(Fixtures.path("sine16.flac"));
        Path bad = Files.write(dir.resolve("meta.flac"), Arrays.copyOf(flac, 20));
        Path missing = dir.resolve("gone.flac");
        AudioFiles.prefetchHeaders(List.of(bad, missing));
        assertThatThrownBy(() -> AudioFiles.header(bad)).hasMessage(bad + ": file ends inside metadata block 0 (34 bytes declared, 12 present)");
        assertThatThrownBy(() -> AudioFiles.header(missing)).isInstanceOf(MediaException.class).hasMessageContaining("gone.flac");
    }
}
