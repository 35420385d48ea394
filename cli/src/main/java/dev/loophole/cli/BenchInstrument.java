package dev.loophole.cli;

import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Program;
import dev.loophole.signal.sampler.Patch;
import dev.loophole.signal.sampler.PatchCompiler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The instrument of the live benchmarks, written as WAV + SFZ so it goes through the same import
 * and compile path as a user's: a one-second looping tone that starts at full level (a cosine
 * plus harmonics, so the first frame of a note is not zero), {@code layers} regions per key, each
 * with a 2-pole low-pass filter and an amp envelope.
 */
final class BenchInstrument {
    static final int LO_KEY = 36, KEYS = 64;

    private BenchInstrument() {}

    static Patch write(Path dir, int rate, int layers) throws IOException {
        Files.createDirectories(dir);
        float[] tone = new float[rate];
        double f = 440; // whole cycles in one second: the loop is seamless
        for (int i = 0; i < tone.length; i++) {
            double t = 2 * Math.PI * f * i / rate;
            tone[i] = (float) (0.5 * Math.cos(t) + 0.2 * Math.cos(2 * t) + 0.1 * Math.cos(3 * t));
        }
        SampleMetadata loop = new SampleMetadata(69, 0, java.util.List.of(new SampleMetadata.SampleLoop(0, tone.length - 1, 0)));
        WavWriter.write(dir.resolve("tone.wav"), new AudioData(new float[][] {tone}, rate, SampleFormat.FLOAT_32, loop));
        StringBuilder sfz = new StringBuilder("// loophole bench --live: looping sample, 2-pole low-pass, amp envelope\n")
                .append("<group> sample=tone.wav pitch_keycenter=69 lokey=").append(LO_KEY).append(" hikey=").append(LO_KEY + KEYS - 1)
                .append(" loop_mode=loop_continuous loop_start=0 loop_end=").append(tone.length - 1)
                .append(" fil_type=lpf_2p cutoff=3000 resonance=2 ampeg_sustain=100 ampeg_release=0.005 volume=-24\n");
        for (int l = 0; l < layers; l++) sfz.append("<region> tune=").append(l * 3 - layers).append('\n');
        Path file = dir.resolve("bench.sfz");
        Files.writeString(file, sfz);
        Program program = InstrumentLoader.load(file);
        return new PatchCompiler(InstrumentLoader.samplesFromDisk(), rate).compile(program);
    }
}
