package dev.loophole.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.model.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A prefetched instrument is the program opening it gives, taken once; its failure is the failure opening it gives. */
class InstrumentPrefetchTest {
    @TempDir Path dir;

    @Test
    void takesWhatOpeningTheFileGivesOnce() throws Exception {
        Path sfz = Files.writeString(dir.resolve("keys.sfz"),
                "<group> ampeg_release=0.4\n<region> sample=a.wav key=60\n<region> sample=b.wav lokey=61 hikey=72 pitch_keycenter=66\n");
        InstrumentPrefetch.start(sfz, true);
        InstrumentPrefetch.start(sfz, true); // a second start of the same file is the same prefetch
        Program taken = InstrumentPrefetch.take(dir.resolve("x/../keys.sfz")); // the same file, named another way
        Program opened = SfzImporter.load(sfz);
        assertThat(taken).isNotNull().isEqualTo(opened);
        assertThat(taken.regions()).hasSize(2);
        assertThat(taken.regions().get(1).keyRange().hi()).isEqualTo(72);
        assertThat(InstrumentPrefetch.take(sfz)).as("taken once").isNull();
    }

    @Test
    void aFailureIsThrownByTakeAsOpeningThrowsIt() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.sfz"), "<region> sample=a.wav\n#include \"missing.sfz\"\n");
        InstrumentPrefetch.start(bad, true);
        Throwable direct = org.assertj.core.api.Assertions.catchThrowable(() -> SfzImporter.load(bad));
        assertThat(direct).isNotNull();
        assertThatThrownBy(() -> InstrumentPrefetch.take(bad)).isInstanceOf(direct.getClass()).hasMessage(direct.getMessage());
    }

    @Test
    void nothingIsStartedForAMissingFileOrAnotherKind() throws Exception {
        Path missing = dir.resolve("gone.sfz");
        Path text = Files.writeString(dir.resolve("notes.txt"), "<region> sample=a.wav");
        InstrumentPrefetch.start(missing, true);
        InstrumentPrefetch.start(text, true);
        assertThat(InstrumentPrefetch.take(missing)).isNull();
        assertThat(InstrumentPrefetch.take(text)).isNull();
    }

    @Test
    void anInstrumentChangedSinceIsNotGiven() throws Exception {
        Path sfz = Files.writeString(dir.resolve("keys.sfz"), "<region> sample=a.wav key=60\n");
        InstrumentPrefetch.start(sfz, true);
        Files.writeString(sfz, "<region> sample=a.wav key=60\n<region> sample=b.wav key=62\n");
        assertThat(InstrumentPrefetch.take(sfz)).as("the caller opens it again").isNull();
    }
}
