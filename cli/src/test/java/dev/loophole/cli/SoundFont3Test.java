package dev.loophole.cli;

import dev.loophole.pulse.engine.Samples;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.formats.midi.SmfWriter;
import dev.loophole.formats.sf2.Sf2Audio;
import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.formats.sf2.Sf2Sample;
import dev.loophole.formats.sf2.Sf2SampleRef;
import dev.loophole.formats.sf2.Sf2SampleReader;
import dev.loophole.media.WavReader;
import dev.loophole.model.SampleRegion;
import dev.loophole.model.midi.MidiEvent;
import dev.loophole.model.midi.MidiSong;
import dev.loophole.model.midi.TempoMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SoundFont 3 through the whole path: FluidR3's trumpet (GM 56, six looped samples) encoded into a real SF3 by
 * {@link Sf3Fixture}, loaded, decoded by media's Ogg Vorbis reader, and rendered against the SF2 original.
 */
class SoundFont3Test {
    static final Path FLUID = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");
    static final int PROGRAM = 56, RATE = 48_000;

    @TempDir static Path dir;
    static Sf2Bank sf2;
    static Path sf3File;
    static Set<Integer> used = new TreeSet<>();

    @BeforeAll
    static void build() throws Exception {
        assumeTrue(Files.isRegularFile(FLUID), "FluidR3_GM.sf2 is not installed (fluid-soundfont-gm); skipping");
        assumeTrue(Sf3Fixture.oggencAvailable(), "oggenc is not installed (vorbis-tools); skipping");
        sf2 = Sf2Importer.load(FLUID);
        for (SampleRegion r : sf2.find(0, PROGRAM).orElseThrow().program().regions())
            used.add(Sf2SampleRef.parse(r.sample().path()).sampleIndex());
        sf3File = Sf3Fixture.convert(sf2, used, dir.resolve("trumpet.sf3"));
    }

    @Test
    void compressedSamplesKeepExactLengthLoopPointsAndRootKey() throws Exception {
        Sf2Bank sf3 = Sf2Importer.load(sf3File);
        assertThat(sf3.info().versionMajor()).isEqualTo(3);
        assertThat(used).hasSize(6);
        for (int i : used) {
            Sf2Sample pcm = sf2.samples().get(i), ogg = sf3.samples().get(i);
            assertThat(ogg.compressed()).isTrue();
            assertThat(ogg.usable()).isTrue();
            // Length from the stream's last granule position at load, before any decoding.
            assertThat(ogg.length()).isEqualTo(pcm.end() - pcm.start());
            assertThat(ogg.loopStart()).isEqualTo(pcm.loopStart() - pcm.start());
            assertThat(ogg.loopEnd()).isEqualTo(pcm.loopEnd() - pcm.start());
            Sf2Audio a = Sf2SampleReader.read(sf2, i), b = Sf2SampleReader.read(sf3, i, Samples.VORBIS);
            assertThat(b.frameCount()).isEqualTo(pcm.end() - pcm.start());
            assertThat(b.loopStart()).isEqualTo(pcm.loopStart() - pcm.start()).isEqualTo(a.loopStart());
            assertThat(b.loopEnd()).isEqualTo(pcm.loopEnd() - pcm.start() - 1).isEqualTo(a.loopEnd());
            assertThat(b.rootKey()).isEqualTo(pcm.originalPitch()).isEqualTo(a.rootKey());
            assertThat(b.pitchCorrection()).isEqualTo(pcm.pitchCorrection());
            assertThat(b.sampleRate()).isEqualTo(pcm.sampleRate());
            double signal = 0, noise = 0;
            for (int k = 0; k < a.frameCount(); k++) {
                signal += a.frames()[k] * a.frames()[k];
                noise += Math.pow(a.frames()[k] - b.frames()[k], 2);
            }
            double snr = 10 * Math.log10(signal / noise);
            System.out.printf("SF3 shdr[%d] '%s': %d frames, loop %d..%d, key %d, Vorbis q6 SNR %.1f dB%n", i, pcm.name(),
                    b.frameCount(), b.loopStart(), b.loopEnd(), b.rootKey(), snr);
            assertThat(snr).isGreaterThan(20);
        }
        // The regions are the SF2's with only the bank path in their sample references changed.
        List<SampleRegion> r2 = sf2.find(0, PROGRAM).orElseThrow().program().regions();
        List<SampleRegion> r3 = sf3.find(0, PROGRAM).orElseThrow().program().regions();
        assertThat(r3).hasSameSizeAs(r2);
        for (int k = 0; k < r2.size(); k++) {
            assertThat(r3.get(k).loop()).isEqualTo(r2.get(k).loop());
            assertThat(r3.get(k).playback()).isEqualTo(r2.get(k).playback());
            assertThat(r3.get(k).tuning()).isEqualTo(r2.get(k).tuning());
        }
    }

    @Test
    void renderMatchesTheSf2RenderWithinOneDecibelPerSecond() throws Exception {
        // One second per note across the trumpet's range, each held 0.8 s.
        List<MidiEvent> ev = new ArrayList<>(List.of(new MidiEvent(0, 0xC0, PROGRAM, 0, 0, 0)));
        int[] keys = {55, 62, 69, 76, 83};
        for (int n = 0; n < keys.length; n++) {
            ev.add(new MidiEvent(960L * n, 0x90, keys[n], 100, 0, ev.size()));
            ev.add(new MidiEvent(960L * n + 768, 0x80, keys[n], 0, 0, ev.size()));
        }
        Path mid = dir.resolve("trumpet.mid");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), ev), mid);
        float[][] a = render(mid, FLUID, "sf2.wav"), b = render(mid, sf3File, "sf3.wav");
        assertThat(b[0].length).isEqualTo(a[0].length);
        double worst = 0;
        for (int s = 0; s < keys.length; s++) {
            double da = rmsDb(a, s * RATE, (s + 1) * RATE), db = rmsDb(b, s * RATE, (s + 1) * RATE);
            System.out.printf("second %d (key %d): SF2 %.2f dB, SF3 %.2f dB RMS%n", s, keys[s], da, db);
            assertThat(da).isGreaterThan(-40);
            worst = Math.max(worst, Math.abs(da - db));
        }
        System.out.printf("SF3 vs SF2 render: largest per-second RMS difference %.3f dB%n", worst);
        assertThat(worst).isLessThan(1.0);
    }

    @Test
    void exportWritesTheDecodedSamplesAsWavs() throws Exception {
        Path out = dir.resolve("export");
        CliRun run = CliRun.of("export", "--program", "0:" + PROGRAM, sf3File.toString(), out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        for (int i : used) {
            Sf2Sample pcm = sf2.samples().get(i);
            dev.loophole.media.AudioData wav = WavReader.read(out.resolve("samples").resolve(pcm.name() + ".wav"));
            assertThat(wav.frames()).isEqualTo(pcm.end() - pcm.start());
            assertThat(wav.metadata().rootKey()).isEqualTo(pcm.originalPitch());
            assertThat(wav.metadata().loops().getFirst().start()).isEqualTo(pcm.loopStart() - pcm.start());
            assertThat(wav.metadata().loops().getFirst().end()).isEqualTo(pcm.loopEnd() - pcm.start() - 1);
        }
    }

    static float[][] render(Path mid, Path bank, String name) throws Exception {
        Path out = dir.resolve(name);
        CliRun run = CliRun.of("render", "--midi", mid.toString(), "--instrument", bank.toString(), "--out", out.toString(),
                "--float", "--rate", Integer.toString(RATE), "--tail", "0.5");
        assertThat(run.status()).as(run.err()).isZero();
        return WavReader.read(out).channels();
    }

    static double rmsDb(float[][] x, int from, int to) {
        double sum = 0;
        for (float[] c : x) for (int i = from; i < Math.min(to, c.length); i++) sum += c[i] * (double) c[i];
        return 10 * Math.log10(sum / (x.length * (double) (to - from)) + 1e-30);
    }
}
