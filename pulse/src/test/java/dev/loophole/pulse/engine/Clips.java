package dev.loophole.pulse.engine;

import dev.loophole.signal.sampler.VoiceThread;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.SampleRef;
import dev.loophole.model.project.AudioClip;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.signal.dsp.Interpolation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Real audio files and audio-lane projects for the audio lane tests, and renders of them. */
final class Clips {
    static final int RATE = 48_000, PPQ = 960;

    private Clips() {}

    /** Seeded white noise, mono, float WAV: every frame distinct, so a frame off anywhere shows. */
    static float[] noise(Path file, int frames, long seed) throws IOException {
        Random r = new Random(seed);
        float[] x = new float[frames];
        for (int i = 0; i < frames; i++) x[i] = (float) (r.nextDouble() - 0.5);
        write(file, RATE, SampleFormat.FLOAT_32, x);
        return x;
    }

    static void write(Path file, int rate, SampleFormat format, float[]... channels) throws IOException {
        WavWriter.write(file, new AudioData(channels, rate, format, SampleMetadata.NONE));
    }

    static AudioClip clip(String id, long start, long length, Path file, long offset, double gainDb) {
        return new AudioClip(id, id, start, length, new SampleRef(file.toString()), offset, gainDb);
    }

    /** One track holding one audio lane with {@code clips}, nothing else. */
    static Project project(TempoTrack tempo, AudioClip... clips) {
        Lane lane = Lane.audio("lane-audio", "Audio").withAudioClips(List.of(clips));
        Track t = new Track("track-audio", "Audio", NodeGraph.EMPTY, List.of(lane), null, ChannelStrip.DEFAULT);
        return new Project("Audio", PPQ, RATE, tempo, List.of(t));
    }

    /** Small heads (4,096 frames), so that anything longer streams from disk. */
    static ProjectEngine.Settings settings() {
        return new ProjectEngine.Settings(RATE, 256, 64, 1, Interpolation.SINC_64, 4096, false, 1L << 28, VoiceThread.AUDIO);
    }

    static ProjectEngine engine(Project p) {
        return new ProjectEngine(p, settings(), w -> { throw new AssertionError("warning: " + w); });
    }

    /** The whole project rendered offline (0.1 s tail): left and right. */
    static float[][] render(Project p) {
        try (ProjectEngine e = engine(p)) {
            return render(e, false);
        }
    }

    /** What {@code e} renders from the start now (0.1 s tail): the mix's pair, or one pair per track with {@code stems}. */
    static float[][] render(ProjectEngine e, boolean stems) {
        List<float[][]> blocks = new ArrayList<>();
        int[] total = {0};
        e.render(stems, 0.1, (out, n) -> {
            float[][] b = new float[out.length][];
            for (int c = 0; c < out.length; c++) b[c] = java.util.Arrays.copyOf(out[c], n);
            blocks.add(b);
            total[0] += n;
        }, null);
        if (e.audioLanes().underruns() != 0) throw new AssertionError(e.audioLanes().underruns() + " underruns in an offline render");
        int channels = blocks.isEmpty() ? 2 : blocks.getFirst().length;
        float[][] all = new float[channels][total[0]];
        int at = 0;
        for (float[][] b : blocks) {
            for (int c = 0; c < channels; c++) System.arraycopy(b[c], 0, all[c], at, b[c].length);
            at += b[0].length;
        }
        return all;
    }

    /** Frequency from rising zero crossings (linearly interpolated) over frames [from, to). */
    static double frequency(float[] x, int from, int to, int rate) {
        double first = -1, last = -1;
        int n = 0;
        for (int i = from + 1; i < to; i++)
            if (x[i - 1] < 0 && x[i] >= 0) {
                double t = i - 1 + x[i - 1] / (double) (x[i - 1] - x[i]);
                if (first < 0) first = t; else n++;
                last = t;
            }
        return n * (double) rate / (last - first);
    }
}
