package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.FilePrefetch;
import dev.loophole.formats.InstrumentPrefetch;
import dev.loophole.formats.midi.SmfReader;
import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.formats.sf2.Sf2Catalog;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import dev.loophole.formats.sfz.SfzImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which instrument files a raw command line starts opening before picocli parses it, and that the render takes them. */
class RenderPrefetchTest {
    @TempDir Path dir;

    private Path sfz(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "<region> sample=" + name + ".wav key=60\n");
    }

    @Test
    void aRendersInstrumentsAreStartedInEveryFormTheOptionTakes() throws Exception {
        Path a = sfz("a.sfz"), b = sfz("b.sfz"), c = sfz("c.sfz");
        RenderPrefetch.start(new String[]{"render", "--midi", "s.mid", "--instrument", a.toString(),
                "--instrument=" + b, "--instrument", "10=" + c, "--out", "x.wav"});
        for (Path p : new Path[]{a, b, c})
            assertThat(InstrumentPrefetch.take(p)).as("%s", p).isNotNull().isEqualTo(SfzImporter.load(p));
    }

    @Test
    void otherCommandsAndOtherOptionsStartNothing() throws Exception {
        Path a = sfz("a.sfz"), midi = sfz("m.sfz");
        RenderPrefetch.start(new String[]{"play", "--instrument", a.toString()});
        RenderPrefetch.start(new String[]{"render", "--midi", midi.toString(), "--instrument"}); // no value: picocli says so
        assertThat(InstrumentPrefetch.take(a)).isNull();
        assertThat(InstrumentPrefetch.take(midi)).isNull();
    }

    @Test
    void theRenderTakesThePrefetchedProgram() throws Exception {
        Path a = sfz("a.sfz");
        RenderPrefetch.start(new String[]{"render", "--instrument", a.toString()});
        assertThat(InstrumentLoader.load(a)).isEqualTo(SfzImporter.load(a));
        assertThat(InstrumentPrefetch.take(a)).as("the loader took it").isNull();
    }

    static final Path FLUID = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");

    /** The SoundFont the tests below read, named when it is missing (rather than an importer's error inside a test). */
    private static void needFluid() {
        assertThat(FLUID).as("FluidR3_GM.sf2 (Debian: fluid-soundfont-gm; .ci/run installs it)").isRegularFile();
    }

    /** Strings (program 48) on channel 1 playing {@code keys}, and a kick (36) on channel 10. */
    private Path song(String name, int... keys) throws Exception {
        List<MidiEvent> ev = new ArrayList<>(List.of(new MidiEvent(0, 0xC0, 48, 0, 0, 0)));
        for (int k : keys) {
            ev.add(new MidiEvent(240L * ev.size(), 0x90, k, 100, 0, ev.size()));
            ev.add(new MidiEvent(240L * ev.size(), 0x80, k, 0, 0, ev.size()));
        }
        ev.add(new MidiEvent(240L * ev.size(), 0x99, 36, 100, 0, ev.size()));
        Path mid = dir.resolve(name);
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), ev), mid);
        return mid;
    }

    private static String[] render(Path mid, String instrument) {
        return new String[]{"render", "--midi", mid.toString(), "--instrument", instrument, "--out", "/nonexistent-dir/x.wav"};
    }

    @Test
    void theSongAndTheBankTakenAreWhatTheRenderWouldMakeTakenOnce() throws Exception {
        needFluid();
        Path mid = song("strings.mid", 60, 64, 67);
        RenderPrefetch.start(render(mid, FLUID.toString()));
        MidiSong song = RenderPrefetch.song(mid);
        assertThat(song).usingRecursiveComparison().isEqualTo(SmfReader.read(mid));
        RenderPrefetch.Bank bank = RenderPrefetch.bank(FLUID, song);
        assertThat(bank).isNotNull();
        SongPresets.Reached taken = FilePrefetch.result(bank.reached());
        Sf2Catalog fresh = Sf2Importer.open(FLUID);
        SongPresets.Reached made = SongPresets.reach(fresh, song);
        // program 48 (strings) and the standard kit (bank 128) are reached; the default piano is not (no note on it)
        assertThat(taken.built().keySet()).containsExactly(48, 128 * 128);
        assertThat(taken.built()).isEqualTo(made.built());
        assertThat(taken.chosen()).isEqualTo(made.chosen());
        assertThat(taken.chosen().get(48).keys().stream().toArray()).containsExactly(60, 64, 67);
        assertThat(bank.catalog().diagnostics()).isEqualTo(fresh.diagnostics());
        assertThat(RenderPrefetch.bank(FLUID, song)).as("taken once").isNull();
        MidiSong again = RenderPrefetch.song(mid);
        assertThat(again).as("read again").isNotSameAs(song).usingRecursiveComparison().isEqualTo(song);
    }

    @Test
    void aSongChangedSinceIsReadAgainAndItsPresetsAreNotTaken() throws Exception {
        needFluid();
        Path mid = song("changing.mid", 60);
        RenderPrefetch.start(render(mid, FLUID.toString()));
        Path other = song("other.mid", 40, 41, 42, 43);
        Files.copy(other, mid, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        MidiSong song = RenderPrefetch.song(mid);
        assertThat(song).usingRecursiveComparison().isEqualTo(SmfReader.read(other));
        assertThat(RenderPrefetch.bank(FLUID, song)).as("chosen for the song as it was").isNull();
        assertThat(RenderPrefetch.waiting(FLUID)).isFalse();
    }

    @Test
    void failuresAreTheRendersOwnMessagesAndStatus() throws Exception {
        needFluid();
        Path mid = song("ok.mid", 60);
        Path bad = Files.write(dir.resolve("bad.mid"), new byte[]{'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1});
        Path damaged = Files.write(dir.resolve("damaged.sf2"), java.util.Arrays.copyOf(Files.readAllBytes(FLUID), 100_000));
        Path text = Files.writeString(dir.resolve("text.sf2"), "not a bank");
        Path out = dir.resolve("x.wav");
        List<String[]> lines = List.of(
                new String[]{"render", "--midi", mid.toString(), "--instrument", damaged.toString(), "--out", out.toString()},
                new String[]{"render", "--midi=" + mid, "--instrument=10=" + text, "--out", out.toString()},
                new String[]{"render", "--midi", bad.toString(), "--instrument", FLUID.toString(), "--out", out.toString()},
                new String[]{"render", "--midi", bad.toString(), "--instrument", damaged.toString(), "--out", out.toString()},
                new String[]{"render", "--midi", mid.toString(), "--instrument", dir.resolve("gone.sf2").toString(), "--out", out.toString()});
        for (String[] args : lines) {
            CliRun plain = CliRun.of(args);
            RenderPrefetch.start(args);
            assertThat(RenderPrefetch.waiting(mid) || RenderPrefetch.waiting(bad)).as("started: %s", List.of(args)).isTrue();
            CliRun ahead = CliRun.of(args);
            assertThat(plain.status()).isEqualTo(1);
            assertThat(ahead.status()).as("%s", List.of(args)).isEqualTo(plain.status());
            assertThat(ahead.err()).as("%s", List.of(args)).isEqualTo(plain.err()).isNotBlank();
            assertThat(RenderPrefetch.waiting(mid) || RenderPrefetch.waiting(bad)).as("the song was taken").isFalse();
            // a bank read ahead on a good song is taken by the render (on a bad song the render stops before the bank)
            Path bank = args[2].startsWith("--instrument=") ? text : args[2].equals(mid.toString()) && args[4].equals(damaged.toString()) ? damaged : null;
            if (bank != null) assertThat(RenderPrefetch.waiting(bank)).as("the bank was taken: %s", List.of(args)).isFalse();
        }
        assertThat(Files.exists(out)).isFalse();
        // A path with no file name: reading ahead must not fail the line; the render says what is wrong, as without it.
        String[] root = {"render", "--midi", mid.toString(), "--instrument", "3=/", "--out", out.toString()};
        CliRun plain = CliRun.of(root);
        RenderPrefetch.start(root);
        CliRun ahead = CliRun.of(root);
        assertThat(ahead.status()).isEqualTo(plain.status()).isNotZero();
        assertThat(ahead.err()).isEqualTo(plain.err()).contains("/: is a folder; expected an instrument file");
    }
}
