package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.media.AudioData;
import dev.loophole.media.AudioFiles;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Program;
import dev.loophole.model.midi.MidiEvent;
import java.nio.file.Path;
import java.util.List;

/** SFZ text to sound for tests: imports it beside its samples, insists nothing is left unplayed, renders MIDI events. */
final class SfzPlayer {
    private SfzPlayer() {}

    /** Writes a 32-bit float WAV at the fixtures' rate. */
    static void write(Path dir, String name, float[]... channels) throws Exception {
        WavWriter.write(dir.resolve(name), new AudioData(channels, Fixtures.RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
    }

    /** Imports {@code sfz} as {@code dir/test.sfz}, checks nothing is reported unplayed or clamped, and renders {@code frames} of {@code ev}. */
    static float[][] play(Path dir, String sfz, List<MidiEvent> ev, int frames) throws Exception {
        Program p = SfzImporter.parse(sfz, dir.resolve("test.sfz"));
        assertThat(p.diagnostics()).as("import warnings").noneMatch(d -> d.message().contains("not played") || d.message().contains("clamped"));
        Patch patch = new PatchCompiler(ref -> new SampleData(ref.path(), AudioFiles.read(Path.of(ref.path()))), Fixtures.RATE).compile(p);
        assertThat(patch.warnings()).isEmpty();
        SamplerInstrument inst = new SamplerInstrument(patch, Fixtures.RATE, 64, 1);
        return new Fixtures().render(inst, ev, frames);
    }

    static double db(double x) { return 20 * Math.log10(x); }
}
