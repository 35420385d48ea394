package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavReader;
import dev.loophole.media.WavWriter;
import dev.loophole.model.project.ChannelStrip;
import dev.loophole.model.project.Clip;
import dev.loophole.model.project.ClipTarget;
import dev.loophole.model.project.Connection;
import dev.loophole.model.project.EffectKind;
import dev.loophole.model.project.EffectNode;
import dev.loophole.model.project.InstrumentNode;
import dev.loophole.model.project.Lane;
import dev.loophole.model.project.LaneTarget;
import dev.loophole.model.project.NodeGraph;
import dev.loophole.model.project.Note;
import dev.loophole.model.project.Project;
import dev.loophole.model.project.TempoTrack;
import dev.loophole.model.project.Track;
import dev.loophole.pulse.store.ProjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code loophole render song.loophole --out mix.wav --stems DIR}: a real project file, real WAVs out, measured. */
class ProjectRenderTest {
    @TempDir Path dir;

    private Track track(String id, int key, double volumeDb) throws Exception {
        Files.writeString(dir.resolve(id + ".sfz"), "<region> sample=sine.wav pitch_keycenter=69 amp_veltrack=0 ampeg_release=0.01\n");
        InstrumentNode node = InstrumentNode.sampler(id + "-node", id, SfzImporter.load(dir.resolve(id + ".sfz")));
        Clip clip = new Clip(id + "-clip", id, 0, 960, ClipTarget.LANE, List.of(Note.of(1, key, 100, 0, 960)), List.of());
        Lane lane = Lane.midi(id + "-lane", id, List.of(LaneTarget.all(node.nodeId()))).withClips(List.of(clip));
        return new Track(id, id, NodeGraph.single(node), List.of(lane), null, new ChannelStrip(volumeDb, 0, false, false));
    }

    private static double level(float[] x, double hz) {
        int a = 2400, b = 21600; // 0.05–0.45 s
        double s = 0, c = 0, sum = 0;
        for (int i = a; i < b; i++) {
            double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i - a) / (b - a)), ph = 2 * Math.PI * hz * i / 48000;
            s += w * x[i] * Math.sin(ph); c += w * x[i] * Math.cos(ph); sum += w;
        }
        return 20 * Math.log10(2 * Math.hypot(s, c) / sum + 1e-30);
    }

    @Test
    void aProjectRendersToAMixAndOneStemPerTrack() throws Exception {
        float[] sine = new float[2 * 48000];
        for (int i = 0; i < sine.length; i++) sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 48000));
        WavWriter.write(dir.resolve("sine.wav"), new AudioData(new float[][] {sine}, 48000, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        Project p = new Project("two", 960, 48000, TempoTrack.DEFAULT, List.of(track("low", 57, 0), track("high", 81, -6)));
        Path song = dir.resolve("song.loophole");
        ProjectStore.save(p, song);
        Path stems = Files.createDirectory(dir.resolve("stems"));
        CliRun r = CliRun.of("render", song.toString(), "--out", dir.resolve("mix.wav").toString(), "--stems", stems.toString(), "--float", "--tail", "0.2"); // the default sinc64: the high track reads its streamed sample an octave up
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("mix.wav");
        float[] mix = WavReader.read(dir.resolve("mix.wav")).channels()[0];
        float[] low = WavReader.read(stems.resolve("01-low.wav")).channels()[0], high = WavReader.read(stems.resolve("02-high.wav")).channels()[0];
        assertThat(mix.length).isEqualTo(low.length).isEqualTo(high.length).isGreaterThan(24000);
        for (int i = 0; i < mix.length; i++) assertThat(mix[i]).isEqualTo(low[i] + high[i]);
        // The summary's peak is the mix's (with stems it was the loudest stem's).
        float filePeak = 0;
        for (float[] ch : WavReader.read(dir.resolve("mix.wav")).channels()) for (float v : ch) filePeak = Math.max(filePeak, Math.abs(v));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("peak (-?[0-9.]+) dBFS").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(20 * Math.log10(filePeak), within(0.051));
        // Each stem holds its own track's note; the channel strip's −6 dB shows on the second.
        assertThat(level(low, 220)).isGreaterThan(-20);
        assertThat(level(low, 880)).isLessThan(level(low, 220) - 60);
        assertThat(level(high, 880)).isCloseTo(level(low, 220) - 6, within(0.1));
        assertThat(level(high, 220)).isLessThan(level(high, 880) - 60);
    }

    @Test
    void outputsWritesOneWavPerInstrumentOutputAndLeavesTheMixAsItWas() throws Exception {
        float[] sine = new float[2 * 48000];
        for (int i = 0; i < sine.length; i++) sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 48000));
        WavWriter.write(dir.resolve("sine.wav"), new AudioData(new float[][] {sine}, 48000, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        // A two-pad kit: key 57 (220 Hz) on main, key 81 (880 Hz) on output 1, which goes through its own −6 dB node.
        Files.writeString(dir.resolve("kit.sfz"), """
                <group> sample=sine.wav pitch_keycenter=69 amp_veltrack=0 ampeg_release=0.01
                <region> key=57 pitch_keycenter=69
                <region> key=81 pitch_keycenter=69 output=1
                """);
        InstrumentNode kit = InstrumentNode.sampler("kit", "kit", SfzImporter.load(dir.resolve("kit.sfz")));
        EffectNode trim = new EffectNode("trim", "trim", EffectKind.GAIN_PAN, java.util.Map.of("gain", -6.0), false);
        NodeGraph g = new NodeGraph(List.of(kit), List.of(trim), List.of(Connection.of("kit", "main", NodeGraph.CHANNEL, "in"),
                Connection.of("kit", "out1", "trim", "in"), Connection.of("trim", "out", NodeGraph.CHANNEL, "in")));
        Clip clip = new Clip("c", "c", 0, 960, ClipTarget.LANE, List.of(Note.of(1, 57, 100, 0, 960), Note.of(2, 81, 100, 0, 960)), List.of());
        Lane lane = Lane.midi("lane", "lane", List.of(LaneTarget.all("kit"))).withClips(List.of(clip));
        Project p = new Project("kit", 960, 48000, TempoTrack.DEFAULT, List.of(new Track("drums", "drums", g, List.of(lane), null, ChannelStrip.DEFAULT)));
        Path song = dir.resolve("kit.loophole");
        ProjectStore.save(p, song);
        Path outs = Files.createDirectory(dir.resolve("outs"));
        String[] common = {"--float", "--tail", "0.2", "--quality", "cubic"};
        CliRun plain = CliRun.of(concat(new String[] {"render", song.toString(), "--out", dir.resolve("plain.wav").toString()}, common));
        assertThat(plain.status()).as(plain.err()).isZero();
        CliRun r = CliRun.of(concat(new String[] {"render", song.toString(), "--out", dir.resolve("mix.wav").toString(), "--outputs", outs.toString()}, common));
        assertThat(r.status()).as(r.err()).isZero();
        try (var files = Files.list(outs)) {
            assertThat(files.map(f -> f.getFileName().toString()).sorted()).containsExactly("01-drums-kit-main.wav", "02-drums-kit-out1.wav");
        }
        float[] mix = WavReader.read(dir.resolve("mix.wav")).channels()[0];
        assertThat(mix).as("--outputs leaves the mix bit for bit as it was").isEqualTo(WavReader.read(dir.resolve("plain.wav")).channels()[0]);
        float[] main = WavReader.read(outs.resolve("01-drums-kit-main.wav")).channels()[0], out1 = WavReader.read(outs.resolve("02-drums-kit-out1.wav")).channels()[0];
        double low = level(main, 220);
        assertThat(low).isGreaterThan(-20);
        assertThat(level(main, 880)).as("main: not the output-1 pad").isLessThan(low - 60);
        assertThat(level(out1, 880)).as("output 1 alone, before its node: the same sample at the same level").isCloseTo(low, within(0.1));
        assertThat(level(out1, 220)).as("output 1: not the main pad").isLessThan(low - 60);
        assertThat(level(mix, 880)).as("the mix: output 1 through its −6 dB node").isCloseTo(level(mix, 220) - 6, within(0.1));
        CliRun midi = CliRun.of("render", "--midi", dir.resolve("x.mid").toString(), "--instrument", dir.resolve("kit.sfz").toString(),
                "--out", dir.resolve("x.wav").toString(), "--outputs", outs.toString());
        assertThat(midi.status()).isEqualTo(2);
        assertThat(midi.err()).contains("--outputs goes with a PROJECT");
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** A project whose sample is cut short: a warning naming it and a count in the summary; with --strict, exit 1 and no file. */
    @Test
    void damagedAudioInAProjectIsReportedAndStrictFails() throws Exception {
        float[] sine = new float[2 * 48000];
        for (int i = 0; i < sine.length; i++) sine[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 48000));
        Path wav = dir.resolve("sine.wav");
        WavWriter.write(wav, new AudioData(new float[][] {sine}, 48000, SampleFormat.FLOAT_32, SampleMetadata.NONE));
        byte[] bytes = Files.readAllBytes(wav);
        int kept = 30_000;
        Files.write(wav, java.util.Arrays.copyOf(bytes, bytes.length - (sine.length - kept) * 4)); // cut short
        Path song = dir.resolve("cut.loophole");
        ProjectStore.save(new Project("cut", 960, 48000, TempoTrack.DEFAULT, List.of(track("low", 69, 0))), song);
        CliRun r = CliRun.of("render", song.toString(), "--out", dir.resolve("cut.wav").toString(), "--quality", "cubic");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.errLines()).contains("warning: damaged audio: " + wav.toAbsolutePath() + ": data chunk (" + sine.length * 4
                + " bytes) claims " + sine.length + " frames but only " + kept + " are present; playing those");
        assertThat(r.out().strip()).endsWith(", 1 damaged sample");
        CliRun strict = CliRun.of("render", song.toString(), "--out", dir.resolve("strict.wav").toString(), "--strict");
        assertThat(strict.status()).as(strict.err()).isEqualTo(1);
        assertThat(strict.err()).contains("1 damaged sample (see the warnings above) and --strict: nothing was rendered");
        assertThat(dir.resolve("strict.wav")).doesNotExist();
    }

    @Test
    void aMissingProjectIsOneClearError() {
        CliRun r = CliRun.of("render", dir.resolve("nope.loophole").toString(), "--out", dir.resolve("x.wav").toString());
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.errLines()).containsExactly("loophole: " + dir.resolve("nope.loophole") + ": no such project file");
        assertThat(CliRun.of("render", "--out", dir.resolve("x.wav").toString()).status()).isEqualTo(2);
    }
}
