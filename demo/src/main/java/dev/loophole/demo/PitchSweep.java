package dev.loophole.demo;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pitch-ratio workload of issue 15: 10,000 notes over keys 0–127 in 30 s on one sample rooted at key 60, about
 * 256 sounding at once. The sample is one second of a band-limited sawtooth (250 Hz, every harmonic below 20 kHz,
 * 250 whole cycles) looped whole, so the kernel's reach matters at every key: a voice five octaves up reads 32
 * frames of the sample per output frame. {@code java -cp … dev.loophole.demo.PitchSweep DIR} writes
 * {@code DIR/sweep.sfz}, {@code DIR/tone.wav} and {@code DIR/sweep.mid} ({@code … DIR 100}: keys 0–100 only).
 */
public final class PitchSweep {
    static final int RATE = 48_000, NOTES = 10_000, PPQ = 480;
    static final double SECONDS = 30, HOLD = 0.77; // 10,000 / 30 s × 0.77 s ≈ 256 notes at once

    private PitchSweep() {}

    public static void write(Path dir) throws IOException { write(dir, 127); }

    /** With the notes' keys drawn from 0…{@code hiKey} (a check of the output below the ratios an older build could serve). */
    public static void write(Path dir, int hiKey) throws IOException { write(dir, hiKey, NOTES, SECONDS); }

    /**
     * {@code notes} notes in {@code seconds} at the same density (about 256 sounding); {@code loophole bench --quick}
     * takes 1,000 in 3 s. Returns the song.
     */
    public static Path write(Path dir, int hiKey, int notes, double seconds) throws IOException {
        Files.createDirectories(dir);
        float[] tone = new float[RATE];
        double f = 250;
        for (int n = 1; n * f < 20_000; n++)
            for (int i = 0; i < tone.length; i++) tone[i] += (float) (0.5 / n * Math.sin(2 * Math.PI * f * n * i / RATE));
        SampleMetadata loop = new SampleMetadata(60, 0, List.of(new SampleMetadata.SampleLoop(0, tone.length - 1, 0)));
        WavWriter.write(dir.resolve("tone.wav"), new AudioData(new float[][] {tone}, RATE, SampleFormat.FLOAT_32, loop));
        Files.writeString(dir.resolve("sweep.sfz"), "// loophole: issue 15's pitch-ratio workload (PitchSweep)\n"
                + "<region> sample=tone.wav pitch_keycenter=60 loop_mode=loop_continuous loop_start=0 loop_end=" + (tone.length - 1)
                + " ampeg_release=0.05 volume=-30\n");
        Path mid = dir.resolve("sweep.mid");
        SmfWriter.write(song(hiKey, notes, seconds), mid);
        return mid;
    }

    /** At 120 BPM and 480 ticks a beat, 960 ticks a second. */
    static MidiSong song(int hiKey, int notes, double seconds) {
        SongEvents ev = new SongEvents();
        SplittableRandom rnd = new SplittableRandom(15);
        long ticks = (long) (seconds * 2 * PPQ), hold = Math.round(HOLD * 2 * PPQ);
        for (int i = 0; i < notes; i++)
            ev.note(i * ticks / notes, 0, rnd.nextInt(hiKey + 1), 64 + rnd.nextInt(64), hold);
        return new MidiSong("Loophole pitch sweep", new TempoMap(PPQ, List.of(new TempoMap.Change(0, DemoSong.bpm(120)))), ev.toList());
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: PitchSweep DIR [HIKEY]");
            System.exit(2);
        }
        write(Path.of(args[0]), args.length > 1 ? Integer.parseInt(args[1]) : 127);
    }
}
