package dev.loophole.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link FlacFrameDecoder} against the reference encoder: WAV files of seeded signals that exercise every subframe
 * kind (silence for CONSTANT, full-scale noise for VERBATIM and escaped partitions, smooth tones for FIXED and LPC,
 * samples on a coarse grid for wasted bits, correlated channels for the stereo decorrelations) are encoded by Debian's
 * {@code flac} at one setting each, and must decode to the WAV's samples exactly, with STREAMINFO's MD5 checked.
 */
class FlacDecoderTest {
    @TempDir Path dir;

    private static boolean flacInstalled() {
        try {
            return new ProcessBuilder("flac", "--version").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    @ParameterizedTest(name = "{0}-bit, {1} channels, flac {2}")
    @CsvSource(delimiter = ';', value = {
            "16; 2; -0", "16; 2; -5", "16; 2; -8", "24; 2; -8", "24; 1; -8 -b 192", "24; 2; -8 -b 4608",
            "16; 2; --lax -l 32 -q 15 -b 4096", "24; 2; --lax -l 32 -b 16384", "8; 1; -8", "16; 3; -5",
            "24; 6; -8", "16; 4; -5 -b 1152 --channel-map=none", "24; 2; -8 --lax -r 8 -b 8192", "16; 2; -8 -m", "16; 2; -8 -M"})
    void decodesTheReferenceEncodersOutputToTheSamplesExactly(int bits, int channels, String options) throws Exception {
        assumeTrue(flacInstalled(), "the flac command line tool makes these files (.ci/run installs it)");
        SampleFormat format = new SampleFormat(bits, false);
        int rate = 48000, frames = 30_000;
        float[][] signal = signal(format, channels, frames, rate, new SplittableRandom(bits * 31L + channels * 7L + options.hashCode()));
        Path wav = dir.resolve("in.wav"), flac = dir.resolve("out.flac");
        WavWriter.write(wav, new AudioData(signal, rate, format, SampleMetadata.NONE));
        List<String> command = new ArrayList<>(List.of("flac", "-s", "-f"));
        command.addAll(List.of(options.split(" ")));
        command.addAll(List.of("-o", flac.toString(), wav.toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(command + ": " + out).isZero();

        AudioData decoded = AudioFiles.read(flac);   // a whole-file read checks STREAMINFO's MD5 too
        assertThat(decoded.frames()).isEqualTo(frames);
        for (int c = 0; c < channels; c++) assertThat(decoded.channels()[c]).as("channel %d", c).containsExactly(signal[c]);
        assertThat(Files.size(flac)).as("the encoder compressed something").isLessThan(Files.size(wav));
    }

    /**
     * Five segments in turn: silence, a tone with a little noise, full-scale noise, a quiet tone on a grid of 2^k steps
     * (wasted bits), and the tone again; channel c is channel 0 plus a little of its own noise (stereo pairs correlate).
     */
    private static float[][] signal(SampleFormat format, int channels, int frames, int rate, SplittableRandom rnd) {
        double max = Math.scalb(1.0, format.bitsPerSample() - 1);
        int grid = format.bitsPerSample() >= 16 ? 1 << 5 : 1 << 2;
        float[][] out = new float[channels][frames];
        int seg = frames / 5;
        for (int i = 0; i < frames; i++) {
            int part = Math.min(4, i / seg);
            double tone = Math.sin(2 * Math.PI * 220.5 * i / rate) * 0.6 + Math.sin(2 * Math.PI * 3_001 * i / rate) * 0.2;
            for (int c = 0; c < channels; c++) {
                long v = switch (part) {
                    case 0 -> 0;
                    case 1, 4 -> Math.round((tone + rnd.nextDouble(-0.01, 0.01) * (c + 1)) * (max - 1));
                    case 2 -> rnd.nextLong(-(long) max, (long) max);
                    default -> Math.round(tone * 0.05 * (max - 1) / grid) * grid;
                };
                v = Math.max(-(long) max, Math.min((long) max - 1, v));
                out[c][i] = (float) (v / max);
            }
        }
        return out;
    }
}
