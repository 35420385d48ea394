package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pads named by the GM drum map by default, and any kit exported as SFZ with one region per mic on its output. */
class KitExportTest {
    static final int RATE = DrumGizmoKitTest.RATE;
    @TempDir Path dir;

    @Test
    void inspectNamesPadsByTheKitElseByTheGmDrumMap() throws Exception {
        DrumGizmoKitTest.wav(dir.resolve("hit.wav"), DrumGizmoKitTest.sine(200, 480, 0.5));
        Path sfz = Files.writeString(dir.resolve("kit.sfz"), """
                <control> label_key38=My Snare
                <region> key=36 sample=hit.wav
                <region> key=38 sample=hit.wav
                <region> key=42 sample=hit.wav
                <region> key=20 sample=hit.wav
                <region> lokey=60 hikey=72 sample=hit.wav
                """);
        CliRun run = CliRun.of("inspect", sfz.toString());
        assertThat(run.status()).as(run.err()).isZero();
        // key 20 is outside GM's 35..81 and unlabelled; 60..72 is a range, not a pad
        assertThat(run.out()).contains("pads: {36=Bass Drum 1, 38=My Snare, 42=Closed Hi-Hat}");
    }

    @Test
    void aMultiMicKitExportsAsOneRegionPerMicOnItsOutputAndPlaysTheSame() throws Exception {
        // a DrumGizmo snare recorded on three mono files: top → output 0, bottom → output 1, overhead → output 2
        Path kit = Files.createDirectories(dir.resolve("kit"));
        Files.createDirectories(kit.resolve("Snare"));
        Files.writeString(kit.resolve("drumkit.xml"), """
                <drumkit name="Mics"><channels><channel name="Top"/><channel name="Bottom"/><channel name="OH"/></channels>
                <instruments><instrument name="Snare" file="Snare/Snare.xml">
                  <channelmap in="Top" out="Top"/><channelmap in="Bottom" out="Bottom"/><channelmap in="OH" out="OH"/>
                </instrument></instruments></drumkit>
                """);
        Files.writeString(kit.resolve("midimap.xml"), "<midimap><map note=\"38\" instr=\"Snare\"/></midimap>");
        DrumGizmoKitTest.wav(kit.resolve("Snare/top.wav"), DrumGizmoKitTest.sine(300, RATE / 4, 0.6));
        DrumGizmoKitTest.wav(kit.resolve("Snare/bottom.wav"), DrumGizmoKitTest.sine(450, RATE / 4, 0.3));
        DrumGizmoKitTest.wav(kit.resolve("Snare/oh.wav"), DrumGizmoKitTest.sine(600, RATE / 4, 0.15));
        Files.writeString(kit.resolve("Snare/Snare.xml"), """
                <instrument version="2.0" name="Snare"><samples><sample name="s1" power="1">
                  <audiofile channel="Top" file="top.wav" filechannel="1"/>
                  <audiofile channel="Bottom" file="bottom.wav" filechannel="1"/>
                  <audiofile channel="OH" file="oh.wav" filechannel="1"/>
                </sample></samples></instrument>
                """);
        Path out = dir.resolve("out");
        CliRun export = CliRun.of("export", kit.resolve("drumkit.xml").toString(), out.toString());
        assertThat(export.status()).as(export.err()).isZero();
        assertThat(export.err()).isBlank();
        Path sfz = out.resolve("drumkit.sfz");
        Program original = InstrumentLoader.load(kit.resolve("drumkit.xml")), exported = InstrumentLoader.load(sfz);
        assertThat(original.regions()).hasSize(1);
        assertThat(original.regions().getFirst().samples()).hasSize(3);
        assertThat(exported.regions()).hasSize(3).allSatisfy(r -> assertThat(r.samples()).hasSize(1));
        assertThat(exported.regions().stream().map(r -> r.sample().output()).toList()).containsExactly(0, 1, 2);
        assertThat(exported.keyLabels()).containsEntry(38, "Snare");
        assertThat(Files.readString(sfz)).contains("output=1", "output=2");
        // played, each output of the export is the original's, frame for frame
        float[][] a = play(original), b = play(exported);
        for (int o = 0; o < 3; o++) {
            double level = DrumGizmoKitTest.db(DrumGizmoKitTest.rms(a[2 * o], 480, 9120));
            System.out.printf("output %d: %.2f dB original, %.2f dB exported%n", o, level, DrumGizmoKitTest.db(DrumGizmoKitTest.rms(b[2 * o], 480, 9120)));
            assertThat(level).as("output %d sounds", o).isGreaterThan(-30);
            for (int c = 0; c < 2; c++) assertThat(b[2 * o + c]).as("output %d channel %d", o, c).containsExactly(a[2 * o + c]);
        }
    }

    static float[][] play(Program p) {
        SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(InstrumentLoader.samplesFromDisk(), RATE).compile(p), RATE, 16, 1);
        float[][] out = new float[6][9600];
        inst.noteOn(9, 38, 100);
        inst.renderOutputs(out, 0, out[0].length);
        return out;
    }
}
