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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {
    static final int RATE = 48_000;
    @TempDir Path dir;
    Path song;

    @BeforeEach
    void setUp() throws Exception {
        // A 440 Hz sine recorded at A4, and a 110 Hz one for a second instrument.
        write(dir.resolve("a440.wav"), sine(440, RATE));
        write(dir.resolve("a110.wav"), sine(110, RATE));
        Files.writeString(dir.resolve("lead.sfz"), "<region> sample=a440.wav pitch_keycenter=69 ampeg_release=0.01\n");
        Files.writeString(dir.resolve("bass.sfz"), "<region> sample=a110.wav pitch_keycenter=45 ampeg_release=0.01\n");
        // 480 ppq at 120 BPM: channel 1 plays E5 (76) at tick 480 = 0.5 s; channel 2 plays A2 (45) at tick 960 = 1.0 s.
        song = dir.resolve("song.mid");
        SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), List.of(
                new MidiEvent(480, 0x90, 76, 100, 0, 0), new MidiEvent(720, 0x80, 76, 0, 0, 1),
                new MidiEvent(960, 0x91, 45, 100, 0, 2), new MidiEvent(1200, 0x81, 45, 0, 0, 3))), song);
    }

    @Test
    void rendersEachChannelThroughItsInstrumentOnTheExactFrame() throws Exception {
        Path out = dir.resolve("out.wav");
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", "1=" + dir.resolve("lead.sfz"),
                "--instrument", "2=" + dir.resolve("bass.sfz"), "--out", out.toString(), "--bits", "24");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).matches("(?s).*out\\.wav: \\d+\\.\\d s, peak -?\\d+\\.\\d dBFS, \\d+ voices max, [\\d.]+× realtime\\s*");
        AudioData a = WavReader.read(out);
        assertThat(a.sampleRate()).isEqualTo(RATE);
        assertThat(a.format()).isEqualTo(SampleFormat.PCM_24);
        float[] l = a.channels()[0];
        assertThat(firstNonZero(l)).isEqualTo(24_000);
        // E5 is 7 semitones above A4: 440 × 2^(7/12).
        assertThat(frequency(l, 24_100, 35_000)).isCloseTo(440 * Math.pow(2, 7 / 12.0), within(0.05));
        assertThat(frequency(l, 48_100, 59_000)).isCloseTo(110, within(0.02));
        assertThat(firstNonZero(java.util.Arrays.copyOfRange(l, 37_000, l.length)) + 37_000).isEqualTo(48_000);
    }

    @Test
    void sameSeedRendersBitIdenticalFiles() throws Exception {
        Path a = dir.resolve("a.wav"), b = dir.resolve("b.wav");
        for (Path p : List.of(a, b))
            assertThat(CliRun.of("render", "--midi", song.toString(), "--instrument", dir.resolve("lead.sfz").toString(),
                    "--out", p.toString(), "--float", "--seed", "9").status()).isZero();
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(WavReader.read(a).format()).isEqualTo(SampleFormat.FLOAT_32);
    }

    @Test
    void formatOptionsAreHonoured() throws Exception {
        Path out = dir.resolve("o.wav");
        assertThat(CliRun.of("render", "--midi", song.toString(), "--instrument", dir.resolve("lead.sfz").toString(),
                "--out", out.toString(), "--rate", "44100", "--bits", "16", "--tail", "0.5").status()).isZero();
        AudioData a = WavReader.read(out);
        assertThat(a.sampleRate()).isEqualTo(44_100);
        assertThat(a.format()).isEqualTo(SampleFormat.PCM_16);
        // Last event at tick 1200 = 2.5 quarters = 1.25 s: frame 55125, plus one, plus 0.5 s of tail.
        assertThat(a.frames()).isEqualTo(55_125 + 1 + 22_050);
    }

    @Test
    void aMissingSampleWarnsAndTheRestStillRenders() throws Exception {
        Files.writeString(dir.resolve("two.sfz"), "<region> sample=a440.wav key=76 pitch_keycenter=76\n<region> sample=gone.wav key=45\n");
        Path out = dir.resolve("m.wav");
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", dir.resolve("two.sfz").toString(), "--out", out.toString());
        assertThat(run.status()).isZero();
        assertThat(run.err()).contains("gone.wav").contains("two.sfz:2");
        assertThat(run.err()).doesNotContain("\tat ");
        float[] l = WavReader.read(out).channels()[0];
        assertThat(firstNonZero(l)).isEqualTo(24_000);
    }

    @Test
    void aMalformedSfzLineIsOneClearError() throws Exception {
        Files.writeString(dir.resolve("bad.sfz"), "<region> sample=a440.wav\n<region> lokey60\n");
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", dir.resolve("bad.sfz").toString(),
                "--out", dir.resolve("x.wav").toString());
        assertThat(run.status()).isNotZero();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("loophole: ").contains("bad.sfz:2");
        assertThat(Files.exists(dir.resolve("x.wav"))).isFalse();
    }

    @Test
    void aFileThatIsNotMidiIsOneClearError() throws Exception {
        Path notMidi = dir.resolve("notes.mid");
        Files.writeString(notMidi, "these are not the notes you are looking for");
        CliRun run = CliRun.of("render", "--midi", notMidi.toString(), "--instrument", dir.resolve("lead.sfz").toString(),
                "--out", dir.resolve("x.wav").toString());
        assertThat(run.status()).isNotZero();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("notes.mid");
    }

    @Test
    void anUnwritableOutputIsOneClearErrorAndNothingIsRendered() throws Exception {
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", dir.resolve("lead.sfz").toString(),
                "--out", dir.resolve("no/such/folder/x.wav").toString());
        assertThat(run.status()).isNotZero();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("x.wav").contains("does not exist");
    }

    @Test
    void verboseShowsTheStackTrace() throws Exception {
        Path notMidi = dir.resolve("n.mid");
        Files.writeString(notMidi, "x");
        CliRun run = CliRun.of("render", "--verbose", "--midi", notMidi.toString(), "--instrument", dir.resolve("lead.sfz").toString(),
                "--out", dir.resolve("x.wav").toString());
        assertThat(run.status()).isNotZero();
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void nothingPlayableExitsNonZero() throws Exception {
        Files.writeString(dir.resolve("empty.sfz"), "<region> sample=missing.wav\n");
        CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", dir.resolve("empty.sfz").toString(),
                "--out", dir.resolve("x.wav").toString());
        assertThat(run.status()).isNotZero();
        assertThat(run.err()).contains("nothing to render");
        assertThat(Files.exists(dir.resolve("x.wav"))).isFalse();
    }

    @Test
    void aDecentSamplerPresetsReverbRingsAfterTheNoteInAMidiRender() throws Exception {
        String preset = """
                <DecentSampler><groups release="0.01" ampVelTrack="0"><group><sample path="a440.wav" rootNote="69"/></group></groups>
                <effects>%s</effects></DecentSampler>""";
        Files.writeString(dir.resolve("dry.dspreset"), preset.formatted(""));
        Files.writeString(dir.resolve("wet.dspreset"), preset.formatted("<effect type=\"reverb\" roomSize=\"0.9\" wetLevel=\"0.5\"/>"));
        double[] tail = new double[2];
        String[] names = {"dry", "wet"};
        for (int k = 0; k < 2; k++) {
            Path out = dir.resolve(names[k] + ".wav");
            CliRun run = CliRun.of("render", "--midi", song.toString(), "--instrument", "1=" + dir.resolve(names[k] + ".dspreset"),
                    "--out", out.toString(), "--float");
            assertThat(run.status()).as(run.err()).isZero();
            float[] l = WavReader.read(out).channels()[0];
            // E5 sounds from 0.5 s to 0.75 s (+10 ms release); after 0.8 s only an effect's tail is left.
            for (int i = 38_400; i < Math.min(l.length, 48_000); i++) tail[k] += l[i] * l[i];
        }
        assertThat(tail[0]).isZero();
        assertThat(10 * Math.log10(tail[1] / 9_600)).isGreaterThan(-40);
    }

    /** A 1 s 440 Hz sine as a440.wav, and lead.sfz playing it at its own pitch on A4 with {@code opcodes} added. */
    static Path lead(Path dir, String opcodes) throws Exception {
        write(dir.resolve("a440.wav"), sine(440, RATE));
        return Files.writeString(dir.resolve("lead.sfz"), "<region> sample=a440.wav pitch_keycenter=69 " + opcodes + "\n");
    }

    /**
     * A burst denser than the 4,096 events the renderer's block buffer once held, all inside the first 1,024-frame block
     * (a render that streams nothing runs such blocks), then a note in the same block: the note sounds on its frame, at
     * the level it has without the burst (CC1 = 0 changes nothing here), and nothing is reported dropped. The sample is
     * shorter than the preload, so nothing streams and the render runs its long blocks.
     */
    @Test
    void aDenseBurstOfEventsLosesNoneAndTheNoteAfterItSoundsOnItsFrame() throws Exception {
        assertThat(8_000).isLessThan(dev.loophole.signal.sampler.PatchCompiler.PRELOAD_FRAMES);
        write(dir.resolve("short.wav"), java.util.Arrays.copyOf(sine(440, RATE), 8_000));
        Path sfz = dir.resolve("short.sfz");
        Files.writeString(sfz, "<region> sample=short.wav pitch_keycenter=69 ampeg_release=0.01\n");
        int perTick = 4096 / 4 + 100; // 4 × 1,124 = 4,496 events > 4,096 in frames [0, 900]
        java.util.List<MidiEvent> burst = new java.util.ArrayList<>(), plain = new java.util.ArrayList<>();
        long order = 0;
        for (int tick : new int[] {0, 6, 12, 18}) // 480 ppq at 120 BPM: 50 frames a tick, so frames 0, 300, 600, 900
            for (int i = 0; i < perTick; i++) burst.add(new MidiEvent(tick, 0xB0, 1, 0, 0, order++));
        for (List<MidiEvent> l : List.of(burst, plain)) {
            l.add(new MidiEvent(18, 0x90, 69, 100, 0, order++));
            l.add(new MidiEvent(18 + 240, 0x80, 69, 0, 0, order++));
        }
        float[][] left = new float[2][];
        for (int k = 0; k < 2; k++) {
            Path mid = dir.resolve("dense" + k + ".mid"), out = dir.resolve("dense" + k + ".wav");
            SmfWriter.write(new MidiSong("t", new TempoMap(480, List.of()), k == 0 ? burst : plain), mid);
            CliRun run = CliRun.of("render", "--midi", mid.toString(), "--instrument", sfz.toString(),
                    "--out", out.toString(), "--float", "--tail", "0.2", "--dry", "--verbose");
            assertThat(run.status()).as(run.err()).isZero();
            // the burst overflows the old 4,096-event buffer only in a 1,024-frame block
            assertThat(run.err()).contains("rendering in blocks of 1024 frames on a grid of 256").doesNotContain("dropped");
            left[k] = WavReader.read(out).channels()[0];
        }
        float[] l = left[0];
        assertThat(firstNonZero(l)).as("onset frame of the note after the burst").isEqualTo(900);
        assertThat(rmsDb(l, 900, 900 + 6_000)).as("dB RMS of the note").isGreaterThan(-20)
                .isCloseTo(rmsDb(left[1], 900, 900 + 6_000), within(0.001));
        assertThat(frequency(l, 1_000, 7_000)).isCloseTo(440, within(0.1));
    }

    static double rmsDb(float[] x, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) s += (double) x[i] * x[i];
        return 10 * Math.log10(s / (to - from));
    }

    static void write(Path p, float[] mono) throws Exception {
        WavWriter.write(p, new AudioData(new float[][] {mono}, RATE, SampleFormat.FLOAT_32, SampleMetadata.NONE));
    }

    static float[] sine(double f, int frames) {
        float[] s = new float[frames];
        for (int i = 0; i < frames; i++) s[i] = (float) (0.5 * Math.sin(2 * Math.PI * f * i / RATE + 0.3)); // phase 0.3: the first frame is not 0
        return s;
    }

    static int firstNonZero(float[] x) {
        for (int i = 0; i < x.length; i++) if (x[i] != 0) return i;
        return -1;
    }

    static double frequency(float[] x, int from, int to) {
        return dev.loophole.signal.testing.Pitch.zeroCrossingHz(x, from, to, RATE);
    }
}
