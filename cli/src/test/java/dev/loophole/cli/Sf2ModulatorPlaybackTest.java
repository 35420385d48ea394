package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.model.Program;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.signal.testing.Pitch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank's own modulators, from the file through the importer and the engine's matrix to measured sound: a looped
 * 480 Hz sine (key 69) whose zone has CC21 (concave) → initialAttenuation 480 cB and CC2 (linear) → fineTune 50 cents.
 */
class Sf2ModulatorPlaybackTest {
    static final int RATE = Sf2PlaybackTest.RATE;
    @TempDir static Path dir;
    static Program program;
    static Path bankFile;

    @BeforeAll
    static void bank() throws Exception {
        short[] sine = new short[RATE];
        for (int i = 0; i < sine.length; i++) sine[i] = (short) Math.round(16000 * Math.sin(2 * Math.PI * 480 * i / RATE));
        ExportCommandTest.Sf2Writer w = new ExportCommandTest.Sf2Writer();
        int s = w.sample("Sine", sine, RATE, 69, 0, 0, RATE); // 100-frame periods: the whole second loops cleanly
        w.instrument("Mod", List.of(ExportCommandTest.gen(54, 1), ExportCommandTest.gen(53, s)));
        w.modulators(new int[] {0x0400 | 0x80 | 21, 48, 480, 0, 0}, new int[] {0x80 | 2, 52, 50, 0, 0});
        w.preset("Mod", 0, 0, List.of(ExportCommandTest.gen(41, 0)));
        bankFile = Files.write(dir.resolve("mod.sf2"), w.build());
        program = Sf2Importer.load(bankFile).find(0, 0).orElseThrow().program();
    }

    static float[][] play(int cc, int value) throws Exception {
        return Sf2PlaybackTest.render(program, List.of(new MidiEvent(0, 0xB0, cc, value, 0, 0),
                new MidiEvent(1, 0x90, 69, 127, 0, 1)), RATE / 2);
    }

    static double rmsDb(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += x[i] * (double) x[i];
        return 10 * Math.log10(s / (to - from));
    }

    @Test
    void concaveControllerOnAttenuation() throws Exception {
        // CC21 = 64: concave(64/127) = −20/96 · log10((63/127)²) = 0.126860 of 480 cB = 6.0893 dB quieter than CC21 = 0.
        float[][] off = play(21, 0), half = play(21, 64), full = play(21, 127);
        double d = rmsDb(half[0], 4800, 19200) - rmsDb(off[0], 4800, 19200);
        System.out.printf("CC21=64 → %.4f dB (expected -6.0893)%n", d);
        assertThat(d).isCloseTo(-6.0893, within(0.01));
        // At 127 the concave curve reaches 1: the full 48 dB.
        assertThat(rmsDb(full[0], 4800, 19200) - rmsDb(off[0], 4800, 19200)).isCloseTo(-48, within(0.01));
    }

    @Test
    void linearControllerOnFineTune() throws Exception {
        // CC2 = 127: +50 cents, 480 × 2^(50/1200) = 494.0651 Hz; CC2 = 64: +50 × 64/127 = 25.197 cents = 487.0371 Hz.
        double up = Pitch.zeroCrossingHz(play(2, 127)[0], 4800, 19200, RATE);
        double mid = Pitch.zeroCrossingHz(play(2, 64)[0], 4800, 19200, RATE);
        System.out.printf("CC2=127 → %.4f Hz, CC2=64 → %.4f Hz%n", up, mid);
        assertThat(up).isCloseTo(480 * Math.pow(2, 50 / 1200.0), within(0.002));
        assertThat(mid).isCloseTo(480 * Math.pow(2, 50 * 64 / 127.0 / 1200), within(0.002));
    }

    @Test
    void exportedSfzKeepsTheRoutingsAndTheirCurve() throws Exception {
        Path out = dir.resolve("export");
        CliRun run = CliRun.of("export", "--program", "0", bankFile.toString(), out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        String sfz = Files.readString(out.resolve("Mod.sfz"));
        Program back = dev.loophole.formats.sfz.SfzImporter.load(out.resolve("Mod.sfz"));
        System.out.println(sfz.lines().filter(l -> l.contains("cc21") || l.contains("cc2") || l.startsWith("<curve>")).toList());
        var own = program.regions().getFirst().modulation().stream().filter(m -> m.source().equals("cc21") || m.source().equals("cc2")).toList();
        assertThat(back.regions().getFirst().modulation()).containsAll(own);
        for (var m : own) if (m.curve() > 0) assertThat(back.curves().get(m.curve())).isEqualTo(program.curves().get(m.curve()));
    }
}
