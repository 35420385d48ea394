package dev.loophole.demo;

import dev.loophole.demo.SoundFontBytes.Gen;
import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.media.AudioData;
import dev.loophole.media.FlacWriter;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A second's worth of everything a render loads, made by our own code (no packages, no network): the workload the
 * launcher trains its start-up archive on, so what the user renders first does not decide what later renders find
 * there. Deterministic (fixed seed, {@link StrictMath}).
 *
 * <pre>
 * dir/train.sfz     two velocity layers of 24-bit stereo FLAC longer than a render's preload (so they stream), a WAV
 *                   region, and six FLAC regions no note reaches (opened for their header only, as a large library's are)
 * dir/train.sf2     a SoundFont: a looped tone as programs 0 and 1; a kit at bank 128 of one unlooped hit on one-key
 *                   drums, two hi-hats in one exclusive class, and a few-key tom split
 * dir/train.mid     notes, sustain pedal, bend, volume, pan, effect sends: channel 1 (the SFZ), 2, and 10 (drums)
 * </pre>
 */
public final class TrainingContent {
    /** Where {@link #write} put the content. */
    public record TrainingFiles(Path sfz, Path sf2, Path song) {}

    private static final int RATE = 48_000, SF2_RATE = 44_100, PPQ = 480;
    /** FLAC regions no note reaches: with the others, the 8 samples or more for which the compile preloads on threads. */
    private static final int UNPLAYED = 6;

    private TrainingContent() {}

    public static TrainingFiles write(Path dir) throws IOException {
        Files.createDirectories(dir.resolve("samples"));
        FlacWriter.write(dir.resolve("samples/soft.flac"), tone(261.63, 0.3, 0.6));
        FlacWriter.write(dir.resolve("samples/loud.flac"), tone(261.63, 0.8, 0.6));
        StringBuilder unplayed = new StringBuilder();
        for (int i = 0; i < UNPLAYED; i++) {
            int key = 73 + 6 * i;
            FlacWriter.write(dir.resolve("samples/up" + i + ".flac"), tone(440 * StrictMath.pow(2, (key - 69) / 12.0), 0.5, 0.1));
            unplayed.append("<region> sample=up").append(i).append(".flac lokey=").append(key).append(" hikey=").append(key + 5)
                    .append(" pitch_keycenter=").append(key).append('\n');
        }
        float[] low = tone(82.41, 0.7, 0.6).channels()[0];
        WavWriter.write(dir.resolve("samples/low.wav"), new AudioData(new float[][] {low}, RATE, SampleFormat.PCM_16, SampleMetadata.NONE));
        TrainingFiles f = new TrainingFiles(dir.resolve("train.sfz"), dir.resolve("train.sf2"), dir.resolve("train.mid"));
        Files.writeString(f.sfz(), """
                // The launcher's training instrument (dev.loophole.demo.TrainingContent)
                <control> default_path=samples/
                <global> ampeg_release=0.05 amp_veltrack=80
                <group> lokey=48 hikey=72 pitch_keycenter=60
                <region> sample=soft.flac lovel=1 hivel=64
                <region> sample=loud.flac lovel=65 hivel=127
                <region> sample=low.wav lokey=24 hikey=47 pitch_keycenter=40 loop_mode=one_shot
                """ + unplayed, StandardCharsets.UTF_8);
        Files.write(f.sf2(), bank());
        SmfWriter.write(song(), f.song());
        return f;
    }

    /** A decaying tone with two harmonics, stereo 24-bit at 48 kHz (0.6 s is past a render's 8,192-frame preload). */
    private static AudioData tone(double hz, double level, double seconds) {
        int n = (int) (seconds * RATE);
        float[][] ch = new float[2][n];
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE, w = 2 * StrictMath.PI * hz * t;
            double v = level * StrictMath.exp(-3 * t) * (0.7 * StrictMath.sin(w) + 0.2 * StrictMath.sin(2 * w) + 0.1 * StrictMath.sin(3 * w));
            ch[0][i] = (float) v;
            ch[1][i] = (float) (0.9 * v);
        }
        return new AudioData(ch, RATE, SampleFormat.PCM_24, SampleMetadata.NONE);
    }

    private static byte[] bank() {
        SoundFontBytes b = new SoundFontBytes();
        short[] tone = new short[4410], hit = new short[4410];   // 441 Hz: 100 frames a period, so the loop is seamless
        SplittableRandom rnd = new SplittableRandom(15);
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (short) StrictMath.round(12_000 * StrictMath.sin(2 * StrictMath.PI * i / 100.0));
            hit[i] = (short) StrictMath.round(20_000 * StrictMath.exp(-i / 600.0) * (rnd.nextDouble() * 2 - 1));
        }
        int toneSample = b.sample("tone", tone, SF2_RATE, 69, 2200, 4400);
        int hitSample = b.sample("hit", hit, SF2_RATE, 60, 0, 0);
        int keys = b.instrument("Tone", SoundFontBytes.zone(toneSample, new Gen(SoundFontBytes.KEY_RANGE, 127 << 8),
                new Gen(SoundFontBytes.INITIAL_FILTER_FC, 9000), new Gen(SoundFontBytes.ATTACK_VOL_ENV, -7000), new Gen(SoundFontBytes.RELEASE_VOL_ENV, -3000), new Gen(SoundFontBytes.SAMPLE_MODES, 1)));
        // A GM kit's shapes: one-key drums, hi-hats in one exclusive class (a choke group), a few-key tom split
        int kit = b.instrument("Hit",
                SoundFontBytes.zone(hitSample, new Gen(SoundFontBytes.KEY_RANGE, 36 | 36 << 8), new Gen(SoundFontBytes.ROOT_KEY, 60)),
                SoundFontBytes.zone(hitSample, new Gen(SoundFontBytes.KEY_RANGE, 38 | 38 << 8), new Gen(SoundFontBytes.PAN, -200)),
                SoundFontBytes.zone(hitSample, new Gen(SoundFontBytes.KEY_RANGE, 42 | 42 << 8), new Gen(SoundFontBytes.EXCLUSIVE_CLASS, 1)),
                SoundFontBytes.zone(hitSample, new Gen(SoundFontBytes.KEY_RANGE, 46 | 46 << 8), new Gen(SoundFontBytes.EXCLUSIVE_CLASS, 1)),
                SoundFontBytes.zone(hitSample, new Gen(SoundFontBytes.KEY_RANGE, 41 | 45 << 8)));
        b.preset("Tone", 0, 0, keys);
        b.preset("Soft Tone", 1, 0, keys);
        b.preset("Kit", 0, 128, kit);
        return b.build("Loophole training bank");
    }

    private static MidiSong song() {
        SongEvents ev = new SongEvents();
        for (int ch : new int[] {0, 1}) {
            ev.program(0, ch, ch);
            ev.cc(0, ch, 7, 100);
            ev.cc(0, ch, 10, 40 + 48 * ch);
            ev.cc(0, ch, 91, 40);
            ev.cc(0, ch, 93, 20);
        }
        ev.cc(0, 0, 64, 127);
        ev.note(0, 0, 60, 40, 480);
        ev.note(240, 0, 64, 100, 480);
        ev.note(480, 0, 40, 80, 240);
        ev.bend(360, 0, 8192 + 1500);
        ev.bend(600, 0, 8192);
        ev.cc(720, 0, 64, 0);
        ev.note(0, 1, 67, 90, 720);
        ev.cc(240, 1, 1, 64);
        ev.cc(480, 1, 11, 90);
        for (int[] d : new int[][] {{0, 36}, {120, 46}, {240, 42}, {360, 43}, {480, 38}, {720, 42}}) ev.note(d[0], 9, d[1], 100, 120);
        return new MidiSong("Loophole training", new TempoMap(PPQ, List.of(new TempoMap.Change(0, 500_000))), ev.toList());
    }

    /** {@code java dev.loophole.demo.TrainingContent DIR}: writes the content into DIR (bench/launcher_archives.sh). */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: TrainingContent <folder>");
            System.exit(2);
        }
        TrainingFiles f = write(Path.of(args[0]));
        System.out.println("wrote " + f.sfz() + ", " + f.sf2() + " and " + f.song());
    }
}
