package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.media.AudioData;
import dev.loophole.media.AudioFiles;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.signal.testing.Pitch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loophole project add-audio}: a real file put on a new audio lane at a bar, then rendered and measured. */
class ProjectAddAudioTest {
    @TempDir Path dir;

    @Test
    void aFileAddedAtBar3RendersFromThatBarAtItsOwnPitch() throws Exception {
        Path wav = dir.resolve("tone.wav"), song = dir.resolve("song.loophole"), mix = dir.resolve("mix.wav");
        float[] x = new float[2 * 44_100];
        for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.cos(2 * Math.PI * 1000 * i / 44_100.0));
        WavWriter.write(wav, new AudioData(new float[][] {x}, 44_100, SampleFormat.PCM_24, SampleMetadata.NONE));
        assertThat(CliRun.of("project", "new", song.toString(), "--tempo", "90").status()).isZero();
        CliRun add = CliRun.of("project", "add-audio", song.toString(), wav.toString(), "--at", "3");
        assertThat(add.status()).as(add.err()).isZero();
        assertThat(add.out()).contains("as clip audio-1 at bar 3", "44100 Hz");
        assertThat(CliRun.of("project", "info", song.toString()).out()).contains("(audio): 1 clip");
        CliRun r = CliRun.of("render", song.toString(), "--out", mix.toString(), "--float", "--tail", "0.1");
        assertThat(r.status()).as(r.err()).isZero();

        float[] out = AudioFiles.read(mix).channels()[0];
        int first = (int) Math.round(2 * 4 * 60.0 / 90 * 48_000); // bar 3 at 90 BPM, 4/4: 8 beats in
        assertThat(out[first - 1]).isZero();
        assertThat((double) out[first]).isCloseTo(0.5, within(0.01));
        double hz = Pitch.zeroCrossingHz(out, first + 4800, first + 4800 + 48_000, 48_000);
        assertThat(hz).isCloseTo(1000, within(0.05));
        int last = out.length - 1;
        while (last > 0 && out[last] == 0) last--;
        assertThat(last - first).as("the 2 s file lasts 2 s").isBetween(96_000 - 2, 96_000 + 2);
    }

    @Test
    void aMissingFileOrAWrongTrackIsOneClearError() throws Exception {
        Path song = dir.resolve("song.loophole"), wav = dir.resolve("a.wav");
        WavWriter.write(wav, new AudioData(new float[][] {new float[100]}, 48_000, SampleFormat.PCM_16, SampleMetadata.NONE));
        assertThat(CliRun.of("project", "new", song.toString()).status()).isZero();
        CliRun missing = CliRun.of("project", "add-audio", song.toString(), dir.resolve("none.wav").toString());
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.errLines()).singleElement().asString().contains("none.wav", "no such file");
        CliRun track = CliRun.of("project", "add-audio", song.toString(), wav.toString(), "--track", "4");
        assertThat(track.status()).isEqualTo(2);
        assertThat(track.errLines()).singleElement().asString().contains("--track 4", "0 track(s)");
        assertThat(CliRun.of("project", "info", song.toString()).out()).contains("0 tracks");
    }
}
