package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.WavReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {
    @TempDir Path dir;

    @Test
    void theDemoRendersAboutThirtySecondsOfMusicTheSameEveryTime() throws Exception {
        Path a = dir.resolve("a.wav"), b = dir.resolve("b.wav");
        CliRun first = CliRun.of("demo", "--content", dir.resolve("content").toString(), "--out", a.toString());
        assertThat(first.status()).as(first.err()).isZero();
        assertThat(first.errLines()).as("the demo content loads without warnings").isEmpty();
        assertThat(first.out().lines().count()).isEqualTo(1);
        CliRun second = CliRun.of("demo", "--content", dir.resolve("content2").toString(), "--out", b.toString());
        assertThat(second.status()).isZero();
        assertThat(Files.readAllBytes(a)).as("same content, same seed: same bytes").isEqualTo(Files.readAllBytes(b));

        AudioData audio = WavReader.read(a);
        assertThat(audio.channelCount()).isEqualTo(2);
        assertThat(audio.format()).isEqualTo(SampleFormat.PCM_24);
        double seconds = audio.frames() / (double) audio.sampleRate();
        assertThat(seconds).isBetween(28.0, 40.0);
        double peak = 0, sumSq = 0;
        for (float[] ch : audio.channels()) for (float v : ch) { peak = Math.max(peak, Math.abs(v)); sumSq += v * v; }
        double peakDb = 20 * Math.log10(peak);
        double rmsDb = 10 * Math.log10(sumSq / (2.0 * audio.frames()));
        assertThat(peakDb).as("loud enough to hear, not clipping").isBetween(-12.0, -0.1);
        assertThat(rmsDb).as("music all the way, not a few blips").isBetween(-35.0, -8.0);
        // Sound in every 2-second window up to the last note: the song plays its whole length.
        int win = audio.sampleRate() * 2;
        for (int w = 0; w + win < audio.frames() - audio.sampleRate() * 3; w += win) {
            double e = 0;
            for (int i = w; i < w + win; i++) e += audio.channels()[0][i] * audio.channels()[0][i];
            assertThat(10 * Math.log10(e / win)).as("window at %d s", w / audio.sampleRate()).isGreaterThan(-50.0);
        }
        assertThat(first.out()).contains("a.wav: ").contains(" dBFS, ").contains("voices max").contains("× realtime");
    }

    @Test
    void theMpeDemoRendersItsPerformanceThroughTheKeys() throws Exception {
        Path a = dir.resolve("mpe.wav");
        CliRun run = CliRun.of("demo", "--mpe", "--content", dir.resolve("content").toString(), "--out", a.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.errLines()).as("members need no instrument of their own; no warnings").isEmpty();
        AudioData audio = WavReader.read(a);
        double seconds = audio.frames() / (double) audio.sampleRate();
        assertThat(seconds).isBetween(15.5, 20.0);
        double peak = 0;
        for (float[] ch : audio.channels()) for (float v : ch) peak = Math.max(peak, Math.abs(v));
        assertThat(20 * Math.log10(peak)).as("loud enough to hear, not clipping").isBetween(-18.0, -0.1);
        // Every gesture sounds: each second up to the last release has signal.
        int sec = audio.sampleRate();
        for (int w = sec / 2; w + sec < 15 * sec; w += sec) {
            double e = 0;
            for (int i = w; i < w + sec; i++) e += audio.channels()[0][i] * audio.channels()[0][i];
            assertThat(10 * Math.log10(e / sec)).as("second %d", w / sec).isGreaterThan(-45.0);
        }
    }
}
