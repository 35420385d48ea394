package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavWriter;
import dev.loophole.model.Pad;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import dev.loophole.signal.sampler.PatchCompiler;
import dev.loophole.signal.sampler.SamplerInstrument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code loophole kit make DIR --out kit.sfz} over one-shots the test writes: each a sine of its own frequency and
 * level, so the rendered kit says by its pitch which file played, and by its level which layer.
 */
class KitMakeTest {
    static final int RATE = 48_000;
    @TempDir Path dir;
    /** The samples of each file written, by its path under the kit folder. */
    final java.util.Map<String, float[]> files = new java.util.HashMap<>();

    /** A decaying sine burst: {@code seconds} long, peak {@code db} dBFS, fading linearly to silence. */
    void write(String rel, double hz, double db, double seconds) throws Exception {
        float[] x = new float[(int) (seconds * RATE)];
        double a = Math.pow(10, db / 20);
        for (int i = 0; i < x.length; i++) x[i] = (float) (a * (1 - (double) i / x.length) * Math.sin(2 * Math.PI * hz * i / RATE));
        Path f = dir.resolve("kit").resolve(rel);
        Files.createDirectories(f.getParent());
        WavWriter.write(f, new AudioData(new float[][] {x}, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        files.put(rel, x);
    }

    @Test
    void fileNamesBecomeGmPadsLayeredByLoudness() throws Exception {
        write("Kick_soft.wav", 100, -24, 0.5);
        write("kick-hard.wav", 150, -6, 0.5);
        write("SD 1.wav", 300, -12, 0.4);          // two equally loud snares: round robins
        write("SD 2.wav", 420, -12, 0.4);
        write("HiHat Closed.wav", 2000, -12, 0.2);
        write("hh_open.wav", 3000, -12, 1.5);
        write("Toms/01.wav", 600, -10, 0.4);       // the folder names the drum
        write("vocal chop.wav", 500, -10, 0.4);   // no drum word: reported, left out

        Path out = dir.resolve("kit.sfz");
        CliRun run = CliRun.of("kit", "make", dir.resolve("kit").toString(), "--out", out.toString(), "--library", dir.resolve("lib.db").toString());
        assertThat(run.status()).as(run.err()).isZero();
        System.out.print(run.out());
        assertThat(run.out()).containsPattern("36 Bass Drum 1\\s+v1/2\\s+-\\d+\\.\\d dB\\s+Kick_soft.wav")
                .containsPattern("36 Bass Drum 1\\s+v2/2 .*kick-hard.wav")
                .containsPattern("38 Acoustic Snare\\s+v1/1 rr1 .*SD 1.wav").containsPattern("38 Acoustic Snare\\s+v1/1 rr2 .*SD 2.wav")
                .containsPattern("42 Closed Hi-Hat .*HiHat Closed.wav").containsPattern("46 Open Hi-Hat .*hh_open.wav")
                .containsPattern("45 Low Tom .*Toms/01.wav")
                .contains("not recognised: vocal chop.wav").contains("5 pads, 7 regions");

        Program kit = SfzImporter.load(out);
        assertThat(kit.isDrumKit()).as("the SFZ comes back as a kit (label_key, hats' group)").isTrue();
        assertThat(kit.drumKit().pads()).extracting(Pad::note).containsExactly(36, 38, 42, 45, 46);
        assertThat(kit.drumKit().pads()).extracting(Pad::name).containsExactly("Bass Drum 1", "Acoustic Snare", "Closed Hi-Hat", "Low Tom", "Open Hi-Hat");
        assertThat(kit.drumKit().pads()).extracting(Pad::chokeGroup).containsExactly(0L, 0L, 1L, 0L, 1L);

        SamplerInstrument inst = new SamplerInstrument(new PatchCompiler(InstrumentLoader.samplesFromDisk(), RATE).compile(kit), RATE, 32, 1);
        // soft kick (velocity 40, layer 1..64) is the 100 Hz file; hard (velocity 120) the 150 Hz one, ~18 dB louder at the file
        assertThat(hit(inst, 36, 40).hz()).isCloseTo(100, org.assertj.core.data.Offset.offset(2.0));
        assertThat(hit(inst, 36, 120).hz()).isCloseTo(150, org.assertj.core.data.Offset.offset(2.0));
        // the snare alternates its two files
        List<Double> snares = List.of(hit(inst, 38, 100).hz(), hit(inst, 38, 100).hz(), hit(inst, 38, 100).hz());
        assertThat(snares.get(0)).isNotCloseTo(snares.get(1), org.assertj.core.data.Offset.offset(50.0));
        assertThat(snares.get(0)).isCloseTo(snares.get(2), org.assertj.core.data.Offset.offset(2.0));
        assertThat(List.of(snares.get(0), snares.get(1))).allSatisfy(h -> assertThat(Math.min(Math.abs(h - 300), Math.abs(h - 420))).isLessThan(3));
        assertThat(hit(inst, 45, 100).hz()).isCloseTo(600, org.assertj.core.data.Offset.offset(3.0));
        assertThat(hit(inst, 46, 100).hz()).isCloseTo(3000, org.assertj.core.data.Offset.offset(10.0));
        assertThat(kit.regions()).extracting(SampleRegion::regionId).hasSize(7);

        // Levels: each hit is its file's level over the same window, scaled by SFZ's default velocity curve (amp_veltrack
        // 100: (v/127)², 40·log10(v/127) dB); a mono sample at pan 0 plays at unity on each side (both pan laws are unity
        // at the centre) and kit make writes no volume, so nothing else is added.
        Hit soft = hit(inst, 36, 40), hard = hit(inst, 36, 120), tom = hit(inst, 45, 100), open = hit(inst, 46, 100), closed = hit(inst, 42, 64);
        Hit snare = hit(inst, 38, 90);
        String snareFile = Math.abs(snare.hz() - 300) < Math.abs(snare.hz() - 420) ? "SD 1.wav" : "SD 2.wav";
        record Expect(String what, Hit hit, String file, int velocity) {}
        for (Expect e : List.of(new Expect("soft kick", soft, "Kick_soft.wav", 40), new Expect("hard kick", hard, "kick-hard.wav", 120),
                new Expect("tom", tom, "Toms/01.wav", 100), new Expect("open hat", open, "hh_open.wav", 100),
                new Expect("closed hat", closed, "HiHat Closed.wav", 64), new Expect("snare", snare, snareFile, 90)))
            assertThat(e.hit().db()).as("%s: level in dB", e.what())
                    .isCloseTo(windowDb(files.get(e.file())) + 40 * Math.log10(e.velocity() / 127.0), org.assertj.core.data.Offset.offset(0.05));
    }

    /** A file's level (dB) over the window {@link #hit} measures, summed the same way. */
    static double windowDb(float[] x) {
        int from = RATE / 100, to = from + RATE / 10;
        double sum = 0;
        for (int i = from + 1; i < to; i++) sum += (double) x[i] * x[i];
        return 10 * Math.log10(sum / (to - from) + 1e-24);
    }

    @Test
    void aFolderWithoutDrumsIsAnErrorThatSaysSo() throws Exception {
        write("pad texture.wav", 220, -12, 0.3);
        CliRun run = CliRun.of("kit", "make", dir.resolve("kit").toString(), "--out", dir.resolve("k.sfz").toString(), "--library", dir.resolve("lib.db").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("no file is named for a drum").contains("1 not recognised");
        assertThat(CliRun.of("kit", "make", dir.toString(), "--out", dir.resolve("k.wav").toString()).err()).contains("expected a .sfz file");
    }

    record Hit(double hz, double db) {}

    /** One hit alone (everything silenced first): its frequency by zero crossings over 0.1 s from 10 ms in. */
    static Hit hit(SamplerInstrument inst, int note, int velocity) {
        float[] l = new float[RATE / 4], r = new float[RATE / 4];
        inst.allSoundOff();
        inst.render(l, r, 0, l.length);
        java.util.Arrays.fill(l, 0);
        java.util.Arrays.fill(r, 0);
        inst.noteOn(9, note, velocity);
        inst.render(l, r, 0, l.length);
        int from = RATE / 100, to = from + RATE / 10, crossings = 0;
        double sum = 0;
        for (int i = from + 1; i < to; i++) {
            if ((l[i - 1] < 0) != (l[i] < 0)) crossings++;
            sum += (double) l[i] * l[i];
        }
        return new Hit(crossings / 2.0 / ((to - from) / (double) RATE), 10 * Math.log10(sum / (to - from) + 1e-24));
    }
}
