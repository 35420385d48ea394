package dev.loophole.pulse.engine;

import dev.loophole.signal.sampler.VoiceThread;
import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Program;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Real files for the engine tests: a sine WAV on disk and SFZ instruments that play it. */
final class Sounds {
    static final int RATE = 48_000, PPQ = 960;

    /** Writes {@code sine.wav} (440 Hz, amplitude 0.5, 3 s, key 69) and an SFZ playing it at {@code volumeDb}; loads it. */
    static Program sineInstrument(Path dir, String name, double volumeDb) throws IOException {
        Path wav = dir.resolve("sine.wav");
        if (!Files.exists(wav)) {
            float[] x = new float[3 * RATE];
            for (int i = 0; i < x.length; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / RATE));
            WavWriter.write(wav, new AudioData(new float[][] {x}, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        }
        Path sfz = dir.resolve(name + ".sfz");
        Files.writeString(sfz, "<region> sample=sine.wav pitch_keycenter=69 volume=" + volumeDb + " ampeg_release=0.005 amp_veltrack=0\n");
        return SfzImporter.load(sfz);
    }

    static InstrumentNode sampler(String id, Program p) { return InstrumentNode.sampler(id, id, p); }

    /** A clip of quarter notes: {@code keys[i]} starts at beat {@code beats[i]} and lasts {@code lengthBeats}. */
    static Clip clip(String id, long startBeat, long lengthBeats, ClipTarget target, int[] keys, double[] beats, double noteBeats) {
        List<Note> notes = new ArrayList<>();
        for (int i = 0; i < keys.length; i++)
            notes.add(Note.of(i + 1, keys[i], 100, Math.round(beats[i] * PPQ), Math.round(noteBeats * PPQ)));
        return new Clip(id, id, startBeat * PPQ, lengthBeats * PPQ, target, notes, List.of());
    }

    static double hz(int key) { return 440 * Math.pow(2, (key - 69) / 12.0); }

    /** Renders the whole project (0.3 s tail) to one stereo pair, or one per track with {@code stems}. */
    static float[][] render(Project p, boolean stems) {
        int pairs = stems ? p.tracks().size() : 1;
        long frames = Math.round((p.lengthSeconds() + 0.3) * RATE) + 1024;
        float[][] all = new float[2 * pairs][(int) frames];
        int[] at = {0};
        ProjectEngine.Settings s = new ProjectEngine.Settings(RATE, 256, 64, 1, dev.loophole.signal.dsp.Interpolation.CUBIC, 1 << 20, false, 1L << 28, VoiceThread.AUDIO);
        try (ProjectEngine e = new ProjectEngine(p, s, w -> { throw new AssertionError("warning: " + w); })) {
            e.render(stems, 0.3, (out, n) -> {
                for (int c = 0; c < all.length; c++) System.arraycopy(out[c], 0, all[c], at[0], n);
                at[0] += n;
            }, null);
        }
        return all;
    }

    /** dB level of the {@code hz} component over seconds [from, to), Hann-windowed (other notes do not leak in). */
    static double levelDb(float[] x, double from, double to, double hz) {
        int a = (int) (from * RATE), b = (int) (to * RATE);
        double s = 0, c = 0, sum = 0;
        for (int i = a; i < b; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - a) / (b - a)), ph = 2 * Math.PI * hz * i / RATE;
            s += w * x[i] * Math.sin(ph);
            c += w * x[i] * Math.cos(ph);
            sum += w;
        }
        return 20 * Math.log10(2 * Math.hypot(s, c) / sum + 1e-30);
    }
}
