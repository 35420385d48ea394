package dev.loophole.signal.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.media.AudioData;
import dev.loophole.media.AudioProblem;
import dev.loophole.media.MediaException;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.WavWriter;
import dev.loophole.model.SampleRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store is where damaged audio is counted: whatever mode a sample loads in, its problems land in one list. */
class SampleStoreProblemsTest {
    @TempDir Path dir;

    private Path cutWav(String name, int frames, int keep) throws Exception {
        float[] ramp = new float[frames];
        for (int i = 0; i < frames; i++) ramp[i] = (i % 200 - 100) / 128f;
        Path whole = dir.resolve("whole-" + name);
        WavWriter.write(whole, new AudioData(new float[][] {ramp}, 48000, SampleFormat.PCM_16, null));
        byte[] b = Files.readAllBytes(whole);
        return Files.write(dir.resolve(name), Arrays.copyOf(b, b.length - 2 * (frames - keep) + 1));
    }

    @Test
    void aCutFileIsOneProblemInEitherModeAndPlaysWhatExists() throws Exception {
        Path cut = cutWav("cut.wav", 20_000, 15_000);
        for (boolean streaming : new boolean[] {true, false}) {
            SampleStore store = new SampleStore(1L << 30, streaming);
            var data = store.load(new SampleRef(cut.toString()), 4096, false);
            assertThat(data.frames()).isEqualTo(15_000);
            store.load(new SampleRef(cut.toString()), 4096, true); // loaded again, whole: still one problem
            assertThat(store.problems()).as("streaming %s", streaming).singleElement().satisfies(p -> {
                assertThat(p.kind()).isEqualTo(AudioProblem.Kind.TRUNCATED);
                assertThat(p.file()).isEqualTo(cut);
                assertThat(p.message()).contains("claims 20000 frames but only 15000 are present");
            });
        }
    }

    @Test
    void aFileWithNoUsableFrameIsAProblemAndAMissingFileIsNot() throws Exception {
        Path empty = cutWav("empty.wav", 1000, 0);
        SampleStore store = new SampleStore(1L << 30, true);
        assertThatThrownBy(() -> store.load(new SampleRef(empty.toString()))).isInstanceOf(MediaException.class);
        assertThatThrownBy(() -> store.load(new SampleRef(dir.resolve("none.wav").toString()))).isInstanceOf(MediaException.class);
        assertThat(store.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(AudioProblem.Kind.UNUSABLE);
            assertThat(p.toString()).startsWith(empty + ": no usable audio: data chunk holds 1 bytes, less than one 2-byte frame");
        });
    }
}
