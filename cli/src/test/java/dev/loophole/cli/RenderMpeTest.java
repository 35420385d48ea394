package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.media.AudioData;
import dev.loophole.media.WavReader;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Standard MIDI File carrying MPE plays through {@code loophole render} with per-note bends. */
class RenderMpeTest {
    static final int RATE = 48_000;
    @TempDir Path dir;

    @Test
    void mpeFileBendsEachNoteOnItsOwn() throws Exception {
        // A looped 440 Hz sine (11 cycles per 1,200 frames); low keys panned left, high keys right.
        RenderCommandTest.write(dir.resolve("a440.wav"), RenderCommandTest.sine(440, RATE));
        Files.writeString(dir.resolve("mpe.sfz"), """
                <group> sample=a440.wav pitch_keycenter=69 loop_mode=loop_continuous loop_start=1200 loop_end=2399 ampeg_release=0.05
                <region> hikey=63 pan=-100
                <region> lokey=64 pan=100
                """);
        // 480 ppq at 120 BPM = 960 ticks per second. Lower zone of 15 members; C4 on member 2 bent up 2
        // semitones, G4 on member 3 bent down 3, at 1 s; only channel 1 (the manager) has an instrument.
        List<MidiEvent> ev = new ArrayList<>();
        int[][] msgs = {
                {0, 0xB0, 101, 0}, {0, 0xB0, 100, 6}, {0, 0xB0, 6, 15},
                {10, 0x91, 60, 100}, {10, 0x92, 67, 100},
                {960, 0xE1, lsb(bend(2)), msb(bend(2))}, {960, 0xE2, lsb(bend(-3)), msb(bend(-3))},
                {1920, 0x81, 60, 64}, {1920, 0x82, 67, 64}};
        for (int[] m : msgs) ev.add(new MidiEvent(m[0], m[1], m[2], m[3], 0, ev.size()));
        Path song = dir.resolve("mpe.mid");
        SmfWriter.write(new MidiSong("mpe", new TempoMap(480, List.of()), ev), song);

        Path out = dir.resolve("out.wav");
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", "1=" + dir.resolve("mpe.sfz"),
                "--out", out.toString(), "--float");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.errLines()).as("member channels count as routed through their manager").isEmpty();
        AudioData a = WavReader.read(out);
        float[] l = a.channels()[0], r = a.channels()[1];
        double c4 = 440 * Math.pow(2, -9 / 12.0), g4 = 440 * Math.pow(2, -2 / 12.0);
        assertThat(cents(frequency(l, 2400, 45_000), c4)).isCloseTo(0, within(0.5));
        assertThat(cents(frequency(r, 2400, 45_000), g4)).isCloseTo(0, within(0.5));
        assertThat(cents(frequency(l, 50_000, 94_000), c4)).isCloseTo(semis(bend(2)) * 100, within(0.5));
        assertThat(cents(frequency(r, 50_000, 94_000), g4)).isCloseTo(semis(bend(-3)) * 100, within(0.5));
    }

    static int bend(double semis) { return (int) Math.round(8192 + semis / 48 * (semis >= 0 ? 8191 : 8192)); }

    /** ±48 semitones of member bend, from the MIDI spec: the distance from the centre 8192 over the half range (8191 above it). */
    static double semis(int v) { return (v < 8192 ? (v - 8192) / 8192.0 : (v - 8192) / 8191.0) * 48; }

    static int lsb(int v) { return v & 0x7F; }

    static int msb(int v) { return v >> 7; }

    static double frequency(float[] x, int from, int to) { return dev.loophole.signal.testing.Pitch.regressionHz(x, from, to, RATE); }

    static double cents(double f, double ref) { return 1200 * Math.log(f / ref) / Math.log(2); }
}
