package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavReader;
import dev.loophole.media.WavWriter;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.signal.testing.Pitch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loophole media …} end to end: scan, search lines, tags, status, relink, and a mapped folder rendered and measured. */
class MediaCommandTest {
    static final int RATE = 48_000;
    @TempDir Path dir;

    static double hz(int key) { return 440 * Math.pow(2, (key - 69) / 12.0); }

    static void tone(Path file, double hz, double amp, int rootKey) throws Exception {
        Files.createDirectories(file.getParent());
        int n = RATE; // 1 s
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / RATE));
        SampleMetadata meta = rootKey >= 0 ? new SampleMetadata(rootKey, 0, List.of()) : SampleMetadata.NONE;
        WavWriter.write(file, new AudioData(new float[][]{x}, RATE, SampleFormat.PCM_24, meta));
    }

    @Test
    void addSearchTagStatusAndRelink() throws Exception {
        Path lib = dir.resolve("lib.db"), samples = dir.resolve("disk1/Samples");
        tone(samples.resolve("Kick Deep.wav"), 55, 0.8, -1);
        tone(samples.resolve("Pads/Pad C4.wav"), hz(60), 0.5, 60);
        CliRun add = CliRun.of("media", "add", "--library", lib.toString(), samples.toString());
        assertThat(add.status()).as(add.err()).isZero();
        assertThat(add.out()).contains(samples + ": 2 audio files, 2 read, 0 unchanged");
        CliRun again = CliRun.of("media", "add", "--library", lib.toString(), samples.toString());
        assertThat(again.out()).contains("2 audio files, 0 read, 2 unchanged");

        CliRun search = CliRun.of("media", "search", "--library", lib.toString(), "pad", "key:C");
        assertThat(search.status()).as(search.err()).isZero();
        assertThat(search.out().lines().toList()).containsExactly(
                samples.resolve("Pads/Pad C4.wav") + "\t1.000 s\t48000 Hz\t1 ch\tloud,one-shot,pad,pitched");
        CliRun tag = CliRun.of("media", "tag", "--library", lib.toString(), samples.resolve("Kick Deep.wav").toString(), "Boomy");
        assertThat(tag.status()).as(tag.err()).isZero();
        assertThat(CliRun.of("media", "search", "--library", lib.toString(), "tag:boomy").out())
                .startsWith(samples.resolve("Kick Deep.wav") + "\t");

        Files.move(dir.resolve("disk1"), dir.resolve("disk2"));
        CliRun status = CliRun.of("media", "status", "--library", lib.toString());
        assertThat(status.out()).contains("offline " + samples + "\t0 online, 2 offline, 0 remote, 0 missing");
        CliRun relink = CliRun.of("media", "relink", "--library", lib.toString(), dir.resolve("disk2").toString());
        assertThat(relink.status()).as(relink.err()).isZero();
        assertThat(relink.out()).contains("root " + samples + " -> " + dir.resolve("disk2/Samples"));
        assertThat(CliRun.of("media", "status", "--library", lib.toString()).out())
                .contains("online  " + dir.resolve("disk2/Samples") + "\t2 online, 0 offline, 0 remote, 0 missing");

        CliRun bad = CliRun.of("media", "search", "--library", lib.toString(), "dur:<soon");
        assertThat(bad.status()).isEqualTo(1);
        assertThat(bad.errLines()).singleElement().asString().startsWith("loophole: search: \"dur:<soon\"");
    }

    @Test
    void mapsAMultiSampledFolderThatPlaysEachNoteAtItsPitch() throws Exception {
        Path piano = dir.resolve("Piano");
        // Keys from names (C3, G3, D4 with two round robins in ff), one from a smpl chunk only, one from its pitch only.
        // pp layers are at amplitude 0.1, ff at 0.5 (14 dB louder); the two ff round robins of D4 at 0.5 and 0.25.
        for (int key : new int[]{48, 55}) {
            String note = dev.loophole.media.library.NoteNames.name(key);
            tone(piano.resolve("Piano_" + note + "_pp.wav"), hz(key), 0.1, -1);
            tone(piano.resolve("Piano_" + note + "_ff.wav"), hz(key), 0.5, -1);
        }
        tone(piano.resolve("Piano_D4_pp.wav"), hz(62), 0.1, -1);
        tone(piano.resolve("Piano_D4_ff_rr1.wav"), hz(62), 0.5, -1);
        tone(piano.resolve("Piano_D4_ff_rr2.wav"), hz(62), 0.25, -1);
        tone(piano.resolve("Piano_top_pp.wav"), hz(69), 0.1, 69);
        tone(piano.resolve("Piano_top_ff.wav"), hz(69), 0.5, 69);
        tone(piano.resolve("Piano_high_pp.wav"), hz(81), 0.1, -1);
        tone(piano.resolve("Piano_high_ff.wav"), hz(81), 0.5, -1);
        Path sfz = dir.resolve("piano.sfz");
        CliRun map = CliRun.of("media", "map", "--library", dir.resolve("lib.db").toString(), piano.toString(), "--out", sfz.toString());
        assertThat(map.status()).as(map.err()).isZero();
        assertThat(map.out()).contains("A4   smpl  v2/2  Piano_top_ff.wav", "A5   pitch v1/2  Piano_high_pp.wav",
                "D4   name  v2/2 rr2  Piano_D4_ff_rr2.wav", sfz + ": 11 regions");
        assertThat(Files.readString(sfz)).contains("sample=Piano/Piano_C3_pp.wav").doesNotContain(piano.toString());

        // Notes 0.5 s apart: sampled keys, keys between samples (each plays its nearest sample transposed: 73 from A4, 78
        // from A5), a key above the top; pp (vel 64) and ff (vel 65); D4 ff twice (round robin). Transpositions stay
        // within ±4 semitones: past the 8192-frame preloaded head, main's streamed
        // playback goes off pitch at 1.4× speed and above (880 Hz reads 1061 Hz; hint_ram_based=1 plays true) — reported.
        int[][] notes = {{48, 65}, {52, 65}, {55, 65}, {60, 65}, {69, 65}, {73, 65}, {81, 65}, {84, 65}, {69, 64}, {62, 65}, {62, 65}, {78, 64}};
        List<MidiEvent> ev = new ArrayList<>();
        for (int i = 0; i < notes.length; i++) {
            ev.add(new MidiEvent(i * 480L, 0x90, notes[i][0], notes[i][1], 0, 2L * i));
            ev.add(new MidiEvent(i * 480L + 400, 0x80, notes[i][0], 0, 0, 2L * i + 1));
        }
        Path song = dir.resolve("song.mid"), out = dir.resolve("out.wav");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), ev), song); // 480 ticks = 0.5 s at 120 BPM
        CliRun render = CliRun.of("render", "--midi", song.toString(), "--instrument", "1=" + sfz, "--out", out.toString());
        assertThat(render.status()).as(render.err()).isZero();
        float[] x = WavReader.read(out).channels()[0];
        double[] rms = new double[notes.length];
        for (int i = 0; i < notes.length; i++) {
            int from = i * RATE / 2 + 2000, to = i * RATE / 2 + 18000;
            assertThat(Pitch.regressionHz(x, from, to, RATE)).as("note %d (key %d)", i, notes[i][0]).isCloseTo(hz(notes[i][0]), within(hz(notes[i][0]) * 5e-4));
            double s = 0;
            for (int k = from; k < to; k++) s += x[k] * x[k];
            rms[i] = Math.sqrt(s / (to - from));
        }
        double layers = 20 * Math.log10(rms[4] / rms[8]);  // A4 at vel 65 (ff) against vel 64 (pp)
        assertThat(layers).isCloseTo(20 * Math.log10(0.5 / 0.1) + 40 * Math.log10(65 / 64.0), within(0.3));
        double robins = 20 * Math.log10(rms[9] / rms[10]); // D4 ff rr1 then rr2
        assertThat(Math.abs(robins)).isCloseTo(20 * Math.log10(0.5 / 0.25), within(0.3));
    }
}
