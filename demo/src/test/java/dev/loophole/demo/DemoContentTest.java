package dev.loophole.demo;

import dev.loophole.demo.DrumSynth.Drum;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata.SampleLoop;
import dev.loophole.media.WavReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The written demo instruments: files, SFZ text, WAV round trip, seamless loops, layers, determinism. */
class DemoContentTest {
    @TempDir static Path dir;
    static DemoContent.DemoFiles files;
    static String keysSfz, drumsSfz;

    @BeforeAll
    static void writeOnce() throws IOException {
        files = DemoContent.write(dir.resolve("demo"));
        keysSfz = Files.readString(files.keysSfz());
        drumsSfz = Files.readString(files.drumsSfz());
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) n++;
        return n;
    }

    private static List<String> samplePaths(String sfz) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("sample=(\\S+)").matcher(sfz);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    private static Path keysWav(int root, int layer) {
        return files.keysSfz().resolveSibling(SfzText.KEYS_DIR + "keys_" + KeysSynth.noteName(root) + "_v" + (layer + 1) + ".wav");
    }

    @Test
    void everyFileExistsAndEverySfzSampleIsThere() {
        assertThat(files.keysSfz()).isRegularFile().hasFileName("keys.sfz");
        assertThat(files.drumsSfz()).isRegularFile().hasFileName("drums.sfz");
        assertThat(files.song()).isRegularFile().hasFileName("demo.mid");
        assertThat(count(keysSfz, "<region>")).isEqualTo(11 * 3);
        assertThat(count(drumsSfz, "<region>")).isEqualTo(8 * 2 * 3);
        for (String sfz : List.of(keysSfz, drumsSfz))
            for (String p : samplePaths(sfz)) assertThat(files.keysSfz().resolveSibling(p)).as(p).isRegularFile();
        assertThat(samplePaths(keysSfz)).doesNotHaveDuplicates().hasSize(33);
        assertThat(samplePaths(drumsSfz)).doesNotHaveDuplicates().hasSize(48);
    }

    @Test
    void keysSfzDeclaresLoopsReleaseVelocityAndCoversTheKeyboard() {
        assertThat(keysSfz).contains("loop_mode=loop_sustain\n", "ampeg_release=0.45\n", "amp_veltrack=60\n", "volume=-10\n",
                "lovel=1 hivel=52", "lovel=53 hivel=96", "lovel=97 hivel=127");
        // per layer, the key ranges tile 21..108 without gaps or overlaps
        Matcher m = Pattern.compile("lokey=(\\d+) hikey=(\\d+) pitch_keycenter=(\\d+)").matcher(keysSfz);
        int next = 21, regions = 0;
        while (m.find()) {
            int lo = Integer.parseInt(m.group(1)), hi = Integer.parseInt(m.group(2)), center = Integer.parseInt(m.group(3));
            if (lo == 21) next = 21;
            assertThat(lo).isEqualTo(next);
            assertThat(center).isBetween(lo, hi);
            next = hi + 1;
            if (hi == 108) regions++;
        }
        assertThat(regions).isEqualTo(3);
    }

    @Test
    void drumsSfzHasRoundRobinsLayersLabelsAndTheHatChoke() {
        assertThat(drumsSfz).contains("loop_mode=one_shot\n", "volume=-12\n", "lovel=1 hivel=84", "lovel=85 hivel=127");
        for (Drum d : Drum.values()) assertThat(drumsSfz).contains("label_key" + d.key + "=" + d.label + "\n");
        assertThat(count(drumsSfz, "seq_length=3")).isEqualTo(8);
        for (int rr = 1; rr <= 3; rr++) assertThat(count(drumsSfz, "seq_position=" + rr + "\n")).isEqualTo(16);
        // all three hats in choke group 1; only the open hat is cut by it
        assertThat(drumsSfz).contains("key=42 seq_length=3 group=1\n", "key=44 seq_length=3 group=1\n", "key=46 seq_length=3 group=1 off_by=1\n");
        assertThat(count(drumsSfz, "group=1")).isEqualTo(3);
        assertThat(count(drumsSfz, "off_by=")).isEqualTo(1);
    }

    @Test
    void keySamplesReadBackExactlyWithTheirLoopAndRoot() throws IOException {
        for (int layer = 0; layer < KeysSynth.LAYERS; layer++)
            for (int root : KeysSynth.ROOTS) {
                KeysSynth.KeySample made = KeysSynth.render(root, layer);
                AudioData read = WavReader.read(keysWav(root, layer));
                assertThat(read.sampleRate()).isEqualTo(48_000);
                assertThat(read.channelCount()).isEqualTo(1);
                assertThat(read.format()).isEqualTo(SampleFormat.PCM_24);
                assertThat(read.frames()).isEqualTo(made.audio().frames());
                assertThat(read.frames() / 48_000.0).isBetween(1.5, 2.5);
                float[] a = made.audio().channels()[0], b = read.channels()[0];
                for (int i = 0; i < a.length; i++) assertThat((double) b[i]).isCloseTo(a[i], within(0.51 / (1 << 23)));
                assertThat(read.metadata().rootKey()).isEqualTo(root);
                assertThat(read.metadata().fineTune()).isCloseTo(made.cents(), within(1e-6));
                assertThat(read.metadata().loops()).containsExactly(new SampleLoop(made.loopStart(), made.loopEnd(), 0));
                assertThat(keysSfz).contains("keys_" + KeysSynth.noteName(root) + "_v" + (layer + 1) + ".wav lokey=")
                        .contains("pitch_keycenter=" + root + " loop_start=" + made.loopStart() + " loop_end=" + made.loopEnd());
            }
    }

    @Test
    void everyLoopHoldsWholeCyclesOfAFundamentalWithinAHundredthOfACent() throws IOException {
        for (int root : KeysSynth.ROOTS) {
            double equalTempered = 440 * Math.pow(2, (root - 69) / 12.0); // A4 = 440 Hz, twelve equal steps an octave
            AudioData read = WavReader.read(keysWav(root, 0));
            SampleLoop loop = read.metadata().loops().getFirst();
            int start = (int) loop.start(), frames = (int) (loop.end() - loop.start() + 1);
            assertThat(frames).isBetween(21_600, 28_800);
            float[] x = read.channels()[0];
            // Measured on the written audio: the loop's spectrum, one bin per whole cycle over the loop. A fundamental
            // that completes whole cycles lands in one bin; a fraction of a cycle left over would leak into its neighbours.
            int cycles = (int) Math.round(equalTempered * frames / 48_000.0);
            int peak = cycles - 2;
            for (int k = cycles - 2; k <= cycles + 2; k++) if (bin(x, start, frames, k) > bin(x, start, frames, peak)) peak = k;
            double leak = Math.max(bin(x, start, frames, peak - 1), bin(x, start, frames, peak + 1)) / bin(x, start, frames, peak);
            assertThat(20 * Math.log10(leak)).as("root %d: neighbour bins of the fundamental, dB", root).isLessThan(-60);
            double held = peak * 48_000.0 / frames;
            double cents = 1200 * Math.log(held / equalTempered) / Math.log(2);
            assertThat(cents).as("root %d: the loop's fundamental against equal temperament, cents", root).isBetween(0.0, 0.01);
            // The smpl fine tune says what is left between the sample and the equal-tempered pitch.
            assertThat(read.metadata().fineTune()).as("root %d", root).isCloseTo(cents, within(1e-4));
        }
    }

    /** The magnitude of DFT bin {@code k} of {@code n} frames from {@code start}: k whole cycles over the segment. */
    private static double bin(float[] x, int start, int n, int k) {
        double re = 0, im = 0;
        for (int i = 0; i < n; i++) {
            double w = 2 * Math.PI * k * i / n;
            re += x[start + i] * Math.cos(w);
            im -= x[start + i] * Math.sin(w);
        }
        return Math.hypot(re, im);
    }

    @Test
    void loopsAreSeamlessAndSteady() throws IOException {
        for (int layer = 0; layer < KeysSynth.LAYERS; layer++)
            for (int root : KeysSynth.ROOTS) {
                AudioData read = WavReader.read(keysWav(root, layer));
                SampleLoop loop = read.metadata().loops().getFirst();
                float[] x = read.channels()[0];
                int start = (int) loop.start(), end = (int) loop.end();
                double maxStep = 0;
                for (int i = start; i < end; i++) maxStep = Math.max(maxStep, Math.abs(x[i + 1] - x[i]));
                double jump = Math.abs(x[start] - x[end]);
                assertThat(jump).as("loop jump of %s v%d", KeysSynth.noteName(root), layer + 1).isLessThanOrEqualTo(maxStep);
                // stronger: the frame after the loop end is the loop start again, bit for bit
                assertThat(x[end + 1]).isEqualTo(x[start]);
                // the level is constant across the loop: its two halves peak alike and carry the same
                // energy (up to the part-cycle each half cuts off)
                int half = (end - start + 1) / 2;
                assertThat(peak(x, start, start + half)).isCloseTo(peak(x, start + half, end + 1), within(0.01 * peak(x, start, end + 1)));
                assertThat(rms(x, start, start + half)).isCloseTo(rms(x, start + half, end + 1), within(0.03 * rms(x, start, end + 1)));
                // the attack is louder than the sustained loop: a struck tone, not an organ
                assertThat(peak(x, 0, start)).isGreaterThan(1.3 * peak(x, start, end + 1));
                assertThat(x[x.length - 1]).isEqualTo(0f); // the tail fades out fully
            }
    }

    @Test
    void softerLayersAreQuieterAndDarker() {
        for (int root : KeysSynth.ROOTS) {
            double lastPeak = 0, lastBrightness = 0;
            for (int layer = 0; layer < KeysSynth.LAYERS; layer++) {
                KeysSynth.KeySample k = KeysSynth.render(root, layer);
                float[] x = k.audio().channels()[0];
                double peak = peak(x, 0, x.length);
                double brightness = brightness(x, 0, (int) k.loopStart());
                assertThat(peak).as("peak of %s v%d", KeysSynth.noteName(root), layer + 1).isGreaterThan(lastPeak);
                if (root <= 84) // at the very top most partials are above 18 kHz, so all layers are near-sine
                    assertThat(brightness).as("brightness of %s v%d", KeysSynth.noteName(root), layer + 1).isGreaterThan(lastBrightness);
                lastPeak = peak;
                lastBrightness = brightness;
            }
        }
    }

    @Test
    void drumSamplesReadBackAsOneShotsWithDistinctRoundRobinsAndLayers() throws IOException {
        for (Drum d : Drum.values()) {
            double[] layerPeak = new double[DrumSynth.LAYERS];
            for (int layer = 0; layer < DrumSynth.LAYERS; layer++) {
                List<byte[]> variations = new ArrayList<>();
                for (int rr = 0; rr < DrumSynth.ROUND_ROBIN; rr++) {
                    Path p = files.drumsSfz().resolveSibling(SfzText.DRUMS_DIR + d.fileName(layer, rr));
                    AudioData a = WavReader.read(p);
                    assertThat(a.format()).isEqualTo(SampleFormat.PCM_24);
                    assertThat(a.sampleRate()).isEqualTo(48_000);
                    assertThat(a.metadata().loops()).isEmpty();
                    assertThat(a.metadata().rootKey()).isEqualTo(d.key);
                    assertThat(a.frames()).isEqualTo(Math.round(d.seconds * 48_000));
                    float[] x = a.channels()[0];
                    assertThat(x[x.length - 1]).isEqualTo(0f);
                    assertThat(Math.abs(x[0])).as("no click at the start of %s", p).isLessThan(0.05f);
                    layerPeak[layer] = Math.max(layerPeak[layer], peak(x, 0, x.length));
                    assertThat(peak(x, 0, x.length)).isBetween(0.2, 0.91);
                    for (byte[] other : variations) assertThat(Files.readAllBytes(p)).isNotEqualTo(other);
                    variations.add(Files.readAllBytes(p));
                }
            }
            assertThat(layerPeak[0]).as(d.label).isLessThan(0.6 * layerPeak[1]);
        }
    }

    @Test
    void hatsDecayInTheirOwnTime() {
        // energy left after 150 ms: the closed hat is all but gone, the open hat still rings
        assertThat(tailShare(DrumSynth.render(Drum.HAT_CLOSED, 1, 0).channels()[0])).isLessThan(0.001);
        assertThat(tailShare(DrumSynth.render(Drum.HAT_OPEN, 1, 0).channels()[0])).isGreaterThan(0.2);
    }

    @Test
    void writingTwiceGivesIdenticalBytesAndRewritingIsHarmless() throws IOException {
        Path other = dir.resolve("again");
        DemoContent.DemoFiles second = DemoContent.write(other);
        assertThat(second.keysSfz()).isEqualTo(other.resolve("keys.sfz"));
        List<Path> a = tree(files.keysSfz().getParent()), b = tree(other);
        assertThat(b.stream().map(p -> other.relativize(p).toString()).toList())
                .isEqualTo(a.stream().map(p -> files.keysSfz().getParent().relativize(p).toString()).toList())
                .hasSize(3 + 2 + 33 + 48); // + keys-mpe.sfz and mpe.mid
        for (int i = 0; i < a.size(); i++) assertThat(Files.readAllBytes(b.get(i))).as(b.get(i).toString()).isEqualTo(Files.readAllBytes(a.get(i)));
        // writing over an existing copy changes nothing
        byte[] before = Files.readAllBytes(b.get(b.size() - 1));
        DemoContent.write(other);
        assertThat(tree(other)).hasSize(a.size());
        assertThat(Files.readAllBytes(b.get(b.size() - 1))).isEqualTo(before);
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static double rms(float[] x, int from, int to) {
        double sum = 0;
        for (int i = from; i < to; i++) sum += (double) x[i] * x[i];
        return Math.sqrt(sum / (to - from));
    }

    static double peak(float[] x, int from, int to) {
        double m = 0;
        for (int i = from; i < to; i++) m = Math.max(m, Math.abs(x[i]));
        return m;
    }

    /** RMS of the first difference over RMS of the signal: rises with the weight of high partials. */
    private static double brightness(float[] x, int from, int to) {
        double d = 0, s = 0;
        for (int i = from + 1; i < to; i++) {
            d += (double) (x[i] - x[i - 1]) * (x[i] - x[i - 1]);
            s += (double) x[i] * x[i];
        }
        return Math.sqrt(d / s);
    }

    private static double tailShare(float[] x) {
        int cut = 48_000 * 150 / 1000;
        double head = 0, tail = 0;
        for (int i = 0; i < x.length; i++) {
            if (i < cut) head += x[i] * x[i]; else tail += x[i] * x[i];
        }
        return tail / (head + tail);
    }
}
