package dev.loophole.signal.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.WavWriter;
import dev.loophole.model.SampleRef;
import dev.loophole.signal.sampler.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store shares one decoded copy per file only while the file is unchanged: a file rewritten since (its length,
 * its time, or the file itself replaced) is read again, for a header as for audio; an unchanged one is not.
 */
class SampleStoreChangedFileTest {
    @TempDir Path dir;

    private Path wav(String name, int frames, float level) throws Exception {
        float[] dc = new float[frames];
        java.util.Arrays.fill(dc, level);
        Path f = dir.resolve(name);
        WavWriter.write(f, new AudioData(new float[][] {dc}, 48000, SampleFormat.PCM_16, null));
        return f;
    }

    @Test
    void anUnchangedFileIsSharedAndAChangedOneIsReadAgain() throws Exception {
        Path f = wav("a.wav", 1000, 0.5f);
        SampleRef ref = new SampleRef(f.toString());
        SampleStore store = new SampleStore(1L << 30, true);
        SampleData first = store.load(ref, 4096, false);
        assertThat(store.load(ref, 4096, false)).as("unchanged: the same copy").isSameAs(first);
        assertThat(store.header(ref)).as("a header from the copy held").isSameAs(first);

        wav("a.wav", 3000, 0.25f); // longer
        SampleData longer = store.load(ref, 4096, false);
        assertThat(longer.frames()).isEqualTo(3000);
        assertThat(longer.head(0)[0]).isEqualTo(0.25f, org.assertj.core.data.Offset.offset(1e-4f));

        // Same length, a new level, its time set back to the old one: the file itself was replaced (another inode).
        FileTime then = Files.getLastModifiedTime(f);
        Path other = wav("b.wav", 3000, -0.5f);
        Files.setLastModifiedTime(other, then);
        Files.move(other, f, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(f)).isEqualTo(Files.size(dir.resolve("a.wav")));
        SampleData replaced = store.load(ref, 4096, false);
        assertThat(replaced.head(0)[0]).as("the replacing file's audio").isEqualTo(-0.5f, org.assertj.core.data.Offset.offset(1e-4f));

        // A header asked for after the file changed is the new file's, not the copy held.
        wav("a.wav", 500, 0.5f);
        assertThat(store.header(ref).frames()).isEqualTo(500);
    }
}
