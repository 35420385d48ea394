package dev.loophole.formats.sfz;

import static dev.loophole.formats.sfz.SfzRoundTripPropertyTest.normalized;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SfzExporterTest {
    @TempDir Path dir;

    private Program load(String text) throws IOException {
        Path f = dir.resolve("in.sfz");
        Files.writeString(f, text);
        return SfzImporter.load(f);
    }

    @Test
    void sharedOpcodesGoToTheirGroupAndGlobal() throws IOException {
        Files.createDirectories(dir.resolve("samples"));
        for (String s : List.of("kick 1.wav", "kick 2.wav", "snare.wav")) Files.write(dir.resolve("samples/" + s), new byte[] {0});
        Program p = load("""
                <control> default_path=samples\\ label_cc1=Tone
                <global> ampeg_release=0.3
                <group> group_label=Kick volume=-6 key=36 seq_length=2
                <region> sample=kick 1.wav seq_position=1
                <region> sample=kick 2.wav seq_position=2
                <group> group_label=Snare key=38 ampeg_release=0.5
                <region> sample=snare.wav
                <region> sample=snare.wav trigger=release
                """);
        Path out = dir.resolve("out.sfz");
        assertThat(SfzExporter.write(p, out)).isEmpty();
        assertThat(Files.readString(out)).isEqualTo("""
                // in — written by Loophole Instruments
                <control> label_cc1=Tone
                <global> global_label=in

                <group> group_label=Kick lokey=36 hikey=36 seq_length=2 pitch_keycenter=36 volume=-6 ampeg_release=0.3
                <region> sample=samples/kick 1.wav
                <region> sample=samples/kick 2.wav seq_position=2

                <group> group_label=Snare sample=samples/snare.wav lokey=38 hikey=38 pitch_keycenter=38 ampeg_release=0.5
                <region>
                <region> trigger=release
                """);
        assertThat(normalized(SfzImporter.load(out))).isEqualTo(normalized(p));
    }

    @Test
    void loopTypeAndCrossfadeAreWrittenBackAndReadTheSame() throws IOException {
        Files.write(dir.resolve("pad.wav"), new byte[] {0});
        Program p = load("""
                <region> sample=pad.wav key=60 loop_mode=loop_sustain loop_type=alternate loop_start=100 loop_end=900
                <region> sample=pad.wav key=61 loop_mode=loop_continuous loop_type=backward loop_start=100 loop_end=900
                <region> sample=pad.wav key=62 loop_mode=loop_continuous loop_start=100 loop_end=900 loop_crossfade=0.05
                """);
        assertThat(p.regions()).extracting(r -> r.loop().type()).containsExactly(
                dev.loophole.model.LoopType.ALTERNATE, dev.loophole.model.LoopType.BACKWARD, dev.loophole.model.LoopType.FORWARD);
        Path out = dir.resolve("out.sfz");
        assertThat(SfzExporter.write(p, out)).isEmpty();
        String text = Files.readString(out);
        assertThat(text).contains("loop_type=alternate", "loop_type=backward", "loop_crossfade=0.05");
        assertThat(text).doesNotContain("loop_type=forward"); // the default is left out
        Program back = SfzImporter.load(out);
        assertThat(back.regions()).extracting(r -> r.loop()).containsExactlyElementsOf(p.regions().stream().map(SampleRegion::loop).toList());
        assertThat(normalized(back)).isEqualTo(normalized(p));
    }

    @Test
    void embeddedSamplesAreEmbeddedAgainAndTextStaysUtf8() throws IOException {
        byte[] wav = new byte[300];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, wav, 0, 4);
        for (int i = 4; i < wav.length; i++) wav[i] = (byte) (i * 7);
        Path in = dir.resolve("in.sfz");
        try (var o = Files.newOutputStream(in)) {
            o.write("<region> sample=e.wav region_label=Überraschung\n<sample> name=e.wav data=".getBytes(StandardCharsets.UTF_8));
            o.write(EmbeddedSamples.encode(wav));
        }
        Program p = SfzImporter.load(in);
        assertThat(p.regions().getFirst().label()).isEqualTo("Überraschung");
        Path out = dir.resolve("copy/out.sfz");
        assertThat(SfzExporter.write(p, out)).isEmpty();
        Program back = SfzImporter.load(out);
        assertThat(normalized(back)).isEqualTo(normalized(p));
        assertThat(Files.readAllBytes(Path.of(back.regions().getFirst().sample().path()))).isEqualTo(wav);
        assertThat(new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1)).contains("<sample> name=e.wav data=|spp");
    }

    @Test
    void whatSfzCannotSayIsReported() throws IOException {
        SampleRegion.Builder b = SampleRegion.builder("r");
        b.label = "two\nlines";
        b.otherOpcodes.put("my_note", "a comment // here");
        b.samples.add(new dev.loophole.model.SampleRef("sf2:/banks/gm.sf2#12"));
        Program p = new Program("p", "P", List.of(new SampleGroup("g", "G", List.of(b.build()))),
                null, java.util.Map.of(), java.util.Map.of(), List.of());
        List<Diagnostic> warnings = SfzExporter.write(p, dir.resolve("x.sfz"));
        assertThat(warnings).extracting(Diagnostic::message).anySatisfy(m -> assertThat(m).startsWith("region_label=two\\nlines cannot be read back exactly"))
                .anySatisfy(m -> assertThat(m).startsWith("my_note=a comment // here cannot be read back exactly"))
                .anySatisfy(m -> assertThat(m).startsWith("sample sf2:/banks/gm.sf2#12 is not an absolute file path"));
    }

    @Test
    void curvesKeepOnlyThePointsInterpolationNeeds() throws IOException {
        Program p = load("<curve> curve_index=3 v000=0 v064=1 v127=0\n<curve> curve_index=4 v000=0.5 v127=0.5\n<region> sample=*sine");
        Path out = dir.resolve("c.sfz");
        SfzExporter.write(p, out);
        assertThat(Files.readString(out)).contains("<curve> curve_index=3 v000=0 v064=1 v127=0\n")
                .contains("<curve> curve_index=4 v000=0.5 v127=0.5\n");
        assertThat(SfzImporter.load(out).curves()).isEqualTo(p.curves());
    }

    @Test
    void soundFontRangesAndTimesAreWrittenWithinSfzLimits() throws IOException {
        // A SoundFont region: velocity 0..127 and 8000-timecent stages (2^(20/3) = 101.59 s), beyond SFZ's 100 s.
        SampleRegion.Builder b = SampleRegion.builder("r");
        b.samples.add(new dev.loophole.model.SampleRef("*sine"));
        b.velocityRange = new dev.loophole.model.IntRange(0, 127);
        double t = Math.pow(2, 8000 / 1200.0);
        dev.loophole.model.Envelope mod = new dev.loophole.model.Envelope(0, 0, 0, 0, 0, 1, t, 1200, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        b.envelopes = new dev.loophole.model.Envelopes(dev.loophole.model.Envelope.AMP_DEFAULT, mod, dev.loophole.model.Envelope.MOD_DEFAULT);
        Program p = new Program("p", "P", List.of(new SampleGroup("g", "G", List.of(b.build()))),
                null, java.util.Map.of(), java.util.Map.of(), List.of());
        Path out = dir.resolve("sf.sfz");
        List<Diagnostic> warnings = SfzExporter.write(p, out);
        String text = Files.readString(out);
        assertThat(text).doesNotContain("lovel").contains("fileg_release=100 ").contains("fileg_depth=1200");
        assertThat(warnings).extracting(Diagnostic::message)
                .containsOnlyOnce("region r: fileg_release 101.59366732596479 s is above SFZ's 100 s: written as 100");
        // It reads back without a clamp or range warning: velocity 1..127 (the same notes: 0 is a note-off), 100 s.
        Program back = SfzImporter.load(out);
        assertThat(back.diagnostics()).isEmpty();
        assertThat(back.regions().getFirst().velocityRange()).isEqualTo(new dev.loophole.model.IntRange(1, 127));
        assertThat(back.regions().getFirst().envelopes().filter().release()).isEqualTo(100.0);
    }
}
