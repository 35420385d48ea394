package dev.loophole.signal.sampler;

import static dev.loophole.signal.sampler.Fixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.media.AudioFiles;
import dev.loophole.model.Program;
import dev.loophole.model.midi.MidiEvent;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An offline render leaves out regions no played key reaches ({@link PatchCompiler#leaveOutUnplayed}): the frames must
 * equal a full compile's, and only the regions counted here from the SFZ text (key ranges holding no played key, in a
 * program chosen by key and velocity alone) may be missing.
 */
class UnplayedRegionsTest {
    @TempDir Path dir;

    private static final String SAMPLES = "<control> default_path=./\n";

    static Stream<Arguments> programs() {
        // {sfz, events, regions compiled: those a played key reaches, and those sharing a sample with one (its head is
        // loaded anyway); all of them where the program has switches, round robins, controller or release triggers}
        String keyed = SAMPLES
                + "<region> sample=a.wav lokey=0 hikey=59 pitch_keycenter=57\n" // no played key, a.wav played below: kept
                + "<region> sample=b.wav key=60 lovel=1 hivel=63\n"
                + "<region> sample=c.wav key=60 lovel=64 hivel=127\n"
                + "<region> sample=d.wav lokey=61 hikey=63 pitch_keycenter=62\n"
                + "<region> sample=a.wav lokey=64 hikey=70 pitch_keycenter=64 volume=-6\n"
                + "<region> sample=e.wav lokey=71 hikey=127 pitch_keycenter=72\n";
        String switched = SAMPLES + "<global> sw_lokey=36 sw_hikey=37 sw_default=36\n"
                + "<region> sample=a.wav lokey=48 hikey=59 sw_last=36\n"
                + "<region> sample=b.wav lokey=60 hikey=72 sw_last=36\n"
                + "<region> sample=c.wav lokey=60 hikey=72 sw_last=37\n"
                + "<region> sample=d.wav lokey=73 hikey=90 sw_last=37\n";
        String roundRobin = SAMPLES
                + "<region> sample=a.wav key=60 seq_length=2 seq_position=1\n"
                + "<region> sample=b.wav key=60 seq_length=2 seq_position=2\n"
                + "<region> sample=c.wav key=62 seq_length=2 seq_position=1\n"
                + "<region> sample=d.wav key=62 seq_length=2 seq_position=2\n";
        String ccTriggered = SAMPLES
                + "<region> sample=a.wav key=60\n"
                + "<region> sample=b.wav key=40 on_locc64=64 on_hicc64=127\n"
                + "<region> sample=c.wav key=80\n";
        String released = SAMPLES
                + "<region> sample=a.wav key=60\n"
                + "<region> sample=b.wav key=60 trigger=release\n"
                + "<region> sample=c.wav key=80\n";
        return Stream.of(
                Arguments.of("keyed", keyed, events(0, 0x90, 60, 100, 2000, 0x90, 66, 40, 6000, 0x80, 60, 0, 9000, 0x90, 60, 30), 4),
                Arguments.of("key switch", switched, events(0, 0x90, 37, 100, 500, 0x90, 65, 100, 4000, 0x90, 36, 90, 4500, 0x90, 66, 90), 4),
                Arguments.of("round robin", roundRobin, events(0, 0x90, 60, 100, 3000, 0x80, 60, 0, 4000, 0x90, 60, 100), 4),
                Arguments.of("CC trigger", ccTriggered, events(0, 0x90, 60, 100, 3000, 0xB0, 64, 127), 3),
                Arguments.of("release trigger", released, events(0, 0x90, 60, 100, 3000, 0x80, 60, 0), 3));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void leavingOutUnplayedRegionsChangesNoFrame(String name, String sfz, List<MidiEvent> ev, int reachable) throws Exception {
        String[] files = {"a.wav", "b.wav", "c.wav", "d.wav", "e.wav"};
        for (int i = 0; i < files.length; i++) SfzPlayer.write(dir, files[i], Fixtures.sine(220 * (i + 1), 20_000, 0.3));
        Program p = SfzImporter.parse(sfz, dir.resolve("test.sfz"));
        BitSet keys = new BitSet(128);
        for (MidiEvent e : ev) if (e.isNoteOn()) keys.set(e.data1());
        SampleProvider samples = ref -> new SampleData(ref.path(), AudioFiles.read(Path.of(ref.path())));

        Patch all = new PatchCompiler(samples, Fixtures.RATE).compile(p, new PatchCompiler.Played(keys, false));
        Patch pruned = new PatchCompiler(samples, Fixtures.RATE).compile(p, new PatchCompiler.Played(keys, true));
        float[][] a = new Fixtures().render(new SamplerInstrument(all, Fixtures.RATE, 64, 7), ev, 24_000);
        float[][] b = new Fixtures().render(new SamplerInstrument(pruned, Fixtures.RATE, 64, 7), ev, 24_000);

        assertThat(all.regions).hasSize(p.regions().size());
        assertThat(pruned.regions).as("regions compiled").hasSize(reachable);
        assertThat(pruned.regionCount()).as("regions counted").isEqualTo(all.regionCount());
        assertThat(pruned.warnings()).isEqualTo(all.warnings());
        double energy = 0;
        for (float x : a[0]) energy += x * x;
        assertThat(energy).as("the events sound").isGreaterThan(10);
        assertThat(b[0]).as("left").isEqualTo(a[0]);
        assertThat(b[1]).as("right").isEqualTo(a[1]);
    }
}
