package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.media.AudioData;
import dev.loophole.media.SampleFormat;
import dev.loophole.media.SampleMetadata;
import dev.loophole.media.WavReader;
import dev.loophole.model.LoopMode;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {
    @TempDir Path dir;

    // ---------------------------------------------------------------- SFZ → SFZ

    Path writeSfz() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.createDirectories(src.resolve("wav"));
        RenderCommandTest.write(src.resolve("wav/a.wav"), RenderCommandTest.sine(440, 4800));
        RenderCommandTest.write(src.resolve("wav/b.wav"), RenderCommandTest.sine(880, 2400));
        Path sfz = src.resolve("keys.sfz");
        Files.writeString(sfz, """
                <control> default_path=wav/ label_cc1=Mod
                <global> ampeg_release=0.4 volume=-3
                <group> group_label=Soft lovel=1 hivel=63 ampeg_attack=0.01 ampeg_decay=0.3 ampeg_sustain=70
                <region> sample=a.wav lokey=36 hikey=59 pitch_keycenter=48 tune=-12 loop_mode=loop_continuous loop_start=100 loop_end=4000
                <region> sample=b.wav lokey=60 hikey=96 pitch_keycenter=72 transpose=1 pan=-30 amp_veltrack=80
                <group> group_label=Hard lovel=64 hivel=127 ampeg_attack=0.002 ampeg_hold=0.05
                <region> sample=a.wav lokey=36 hikey=59 pitch_keycenter=48 loop_mode=loop_sustain loop_start=200 loop_end=4100 volume=2.5
                <region> sample=b.wav lokey=60 hikey=96 pitch_keycenter=72 tune=7 ampeg_release=1.25 fil_type=lpf_2p cutoff=2000
                """);
        return sfz;
    }

    /** The fields issue #3 asks to survive: ranges, tuning, amp, loop, envelopes, filters (sample paths separately). */
    static void assertSameSound(Program actual, Program expected) {
        List<SampleRegion> a = actual.regions(), e = expected.regions();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < e.size(); i++) {
            SampleRegion x = a.get(i), y = e.get(i);
            String at = "region " + i;
            assertThat(x.keyRange()).as(at).isEqualTo(y.keyRange());
            // SoundFont velocity ranges start at 0, SFZ's at 1: velocity 0 is a note-off, the same notes play
            assertThat(x.velocityRange().lo()).as(at).isEqualTo(Math.max(1, y.velocityRange().lo()));
            assertThat(x.velocityRange().hi()).as(at).isEqualTo(y.velocityRange().hi());
            assertThat(x.tuning()).as(at).isEqualTo(y.tuning());
            assertThat(x.amp()).as(at).isEqualTo(y.amp());
            assertThat(x.loop()).as(at).isEqualTo(y.loop());
            assertThat(x.envelopes()).as(at).isEqualTo(y.envelopes());
            assertThat(x.playback()).as(at).isEqualTo(y.playback());
            assertThat(x.filters()).as(at).isEqualTo(y.filters());
            assertThat(x.choke()).as(at).isEqualTo(y.choke());
        }
    }

    @Test
    void sfzWithCopiedSamplesReimportsEqualWithRelativePaths() throws Exception {
        Path sfz = writeSfz();
        Program original = SfzImporter.load(sfz);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("export", sfz.toString(), out.toString(), "--copy-samples");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("wrote " + out.resolve("keys.sfz") + ": 4 regions, 2 samples written, 0 warnings");

        Path exported = out.resolve("keys.sfz");
        String text = Files.readString(exported);
        assertThat(text).contains("sample=samples/a.wav").contains("sample=samples/b.wav").doesNotContain(dir.toString());
        assertThat(Files.readAllBytes(out.resolve("samples/a.wav"))).isEqualTo(Files.readAllBytes(dir.resolve("src/wav/a.wav")));

        Program back = SfzImporter.load(exported);
        assertThat(back.diagnostics()).isEmpty();
        assertSameSound(back, original);
        assertThat(back.regions()).allSatisfy(r -> assertThat(Path.of(r.sample().path())).startsWith(out).exists());
        assertThat(back.groups()).extracting(g -> g.name()).containsExactly("Soft", "Hard");
        assertThat(back.ccLabels()).isEqualTo(original.ccLabels());
    }

    @Test
    void sfzWithoutCopyKeepsSamplesWhereTheyAre() throws Exception {
        Path sfz = writeSfz();
        Path out = dir.resolve("plain");
        CliRun run = CliRun.of("export", sfz.toString(), out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("4 regions, 0 samples written");
        assertThat(out.resolve("samples")).doesNotExist();
        Program back = SfzImporter.load(out.resolve("keys.sfz"));
        Program original = SfzImporter.load(sfz);
        assertSameSound(back, original);
        assertThat(back.regions()).extracting(r -> r.sample().path())
                .containsExactlyElementsOf(original.regions().stream().map(r -> r.sample().path()).toList());
    }

    @Test
    void samplesInsideTheOutputFolderAreWrittenRelative() throws Exception {
        Path sfz = writeSfz();
        CliRun run = CliRun.of("export", sfz.toString(), dir.resolve("src/sub/..").toString(), "--force");
        // the same folder as the source: refused, it would overwrite the file being exported
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1).first().asString().contains("is the file being exported");

        Path sub = Files.createDirectories(dir.resolve("src/sub"));
        Path inner = Files.writeString(sub.resolve("inner.sfz"), "<region> sample=../wav/a.wav key=60\n<region> sample=" + dir.resolve("src/wav/b.wav") + " key=61\n");
        run = CliRun.of("export", inner.toString(), dir.resolve("src").toString());
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(Files.readString(dir.resolve("src/inner.sfz"))).contains("sample=wav/a.wav").contains("sample=wav/b.wav")
                .doesNotContain(dir.toString());
    }

    @Test
    void copiedSamplesWithTheSameNameDoNotOverwriteEachOther() throws Exception {
        Files.createDirectories(dir.resolve("x/soft"));
        Files.createDirectories(dir.resolve("x/hard"));
        RenderCommandTest.write(dir.resolve("x/soft/C4.wav"), RenderCommandTest.sine(261.6, 1000));
        RenderCommandTest.write(dir.resolve("x/hard/C4.wav"), RenderCommandTest.sine(523.2, 2000));
        Path sfz = Files.writeString(dir.resolve("x/two.sfz"), """
                <region> sample=soft/C4.wav key=60 hivel=63
                <region> sample=hard/C4.wav key=60 lovel=64
                <region> sample=soft/C4.wav key=61 hivel=63
                """);
        Path out = dir.resolve("two");
        CliRun run = CliRun.of("export", sfz.toString(), out.toString(), "--copy-samples");
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).contains("3 regions, 2 samples written, 0 warnings");
        assertThat(Files.readAllBytes(out.resolve("samples/C4.wav"))).isEqualTo(Files.readAllBytes(dir.resolve("x/soft/C4.wav")));
        assertThat(Files.readAllBytes(out.resolve("samples/C4-2.wav"))).isEqualTo(Files.readAllBytes(dir.resolve("x/hard/C4.wav")));
        Program back = SfzImporter.load(out.resolve("two.sfz"));
        assertThat(back.regions()).extracting(r -> Path.of(r.sample().path()).getFileName().toString())
                .containsExactly("C4.wav", "C4-2.wav", "C4.wav");
    }

    @Test
    void missingSampleIsAWarningAndAnExistingTargetIsRefused() throws Exception {
        Path sfz = dir.resolve("gone.sfz");
        Files.writeString(sfz, "<region> sample=nowhere.wav key=60\n");
        Path out = dir.resolve("o");
        CliRun run = CliRun.of("export", sfz.toString(), out.toString(), "--copy-samples");
        assertThat(run.status()).as(run.err()).isZero();
        // the importer's warning and the export's own
        assertThat(run.out()).contains("1 region, 0 samples written, 2 warnings");
        assertThat(run.errLines()).hasSize(2);
        assertThat(run.err()).contains("gone.sfz:1:17: warning: sample file not found").contains("nowhere.wav does not exist; not copied");

        run = CliRun.of("export", sfz.toString(), out.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("loophole: " + out.toAbsolutePath().resolve("gone.sfz") + ": already exists (use --force to replace it)");
        assertThat(CliRun.of("export", sfz.toString(), out.toString(), "--force").status()).isZero();
    }

    @Test
    void errorsAreOneLine() throws Exception {
        CliRun run = CliRun.of("export", dir.resolve("none.sfz").toString(), dir.resolve("o").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("loophole: " + dir.resolve("none.sfz") + ": no such file; expected an instrument file (.sfz, .xml, .dspreset, .sf2)");

        Path bad = dir.resolve("bad.sfz");
        Files.writeString(bad, "<region> sample=a.wav\n<bogus> x=1\n");
        run = CliRun.of("export", bad.toString(), dir.resolve("o").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.errLines()).hasSize(1).first().asString().startsWith("loophole: " + bad);

        Path sf2 = tinyBank();
        run = CliRun.of("export", sf2.toString(), dir.resolve("o").toString());
        assertThat(run.status()).as("a wrong command line: --program is missing").isEqualTo(2);
        assertThat(run.errLines()).hasSize(1).first().asString().contains("choose one with --program");
        run = CliRun.of("export", "--program", "7:3", sf2.toString(), dir.resolve("o").toString());
        assertThat(run.errLines()).hasSize(1).first().asString().contains("no preset 7:3");
        run = CliRun.of("export", "--program", "x", sf2.toString(), dir.resolve("o").toString());
        assertThat(run.errLines()).hasSize(1).first().asString().contains("expected PROGRAM or BANK:PROGRAM");
        Path file = Files.writeString(dir.resolve("afile"), "x");
        run = CliRun.of("export", "--program", "0", sf2.toString(), file.toString());
        assertThat(run.errLines()).containsExactly("loophole: " + file + ": exists and is not a folder");
    }

    // ---------------------------------------------------------------- SoundFont preset → SFZ + WAV

    static final int LOW_FRAMES = 1000, HIGH_FRAMES = 600;

    static short[] wave(int n, double period) {
        short[] s = new short[n];
        for (int i = 0; i < n; i++) s[i] = (short) Math.round(12000 * Math.sin(2 * Math.PI * i / period));
        return s;
    }

    /**
     * A two-sample bank: "Low" (root 48, correction -7, loop 200..800) on keys 0-59, "High" (root 72, loop 100..500,
     * fine tune +12) on keys 60-127 velocities 1-100, both looping; preset 0:0 "Test Keys" and 128:0 "Kit" (keys 36-40
     * of the same instrument, "High" with overridingRootKey 38).
     */
    Path tinyBank() throws Exception {
        Sf2Writer w = new Sf2Writer();
        int low = w.sample("Low", wave(LOW_FRAMES, 100), 44100, 48, -7, 200, 800);
        int high = w.sample("High", wave(HIGH_FRAMES, 50), 22050, 72, 0, 100, 500);
        w.instrument("Keys",
                List.of(range(43, 0, 59), gen(54, 1), gen(53, low)),
                List.of(range(43, 60, 127), range(44, 1, 100), gen(54, 1), gen(52, 12), gen(53, high)));
        w.instrument("Drum", List.of(range(43, 36, 40), gen(58, 38), gen(54, 1), gen(53, high)));
        w.preset("Test Keys", 0, 0, List.of(gen(41, 0)));
        w.preset("Kit", 0, 128, List.of(gen(41, 1)));
        Path f = dir.resolve("tiny.sf2");
        Files.write(f, w.build());
        return f;
    }

    @Test
    void soundFontPresetBecomesSfzWithWavSamplesCarryingRootKeyAndLoop() throws Exception {
        Path sf2 = tinyBank();
        Path out = dir.resolve("sf2out");
        CliRun run = CliRun.of("export", "--program", "0", sf2.toString(), out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        Path sfz = out.resolve("Test Keys.sfz");
        assertThat(run.out().strip()).startsWith("wrote " + sfz + ": 2 regions, 2 samples written, ").endsWith("warnings");

        AudioData lowWav = WavReader.read(out.resolve("samples/Low.wav")), highWav = WavReader.read(out.resolve("samples/High.wav"));
        assertThat(lowWav.format()).isEqualTo(SampleFormat.PCM_16);
        assertThat(lowWav.sampleRate()).isEqualTo(44100);
        assertThat(highWav.sampleRate()).isEqualTo(22050);
        assertThat(lowWav.frames()).isEqualTo(LOW_FRAMES);
        assertThat(highWav.frames()).isEqualTo(HIGH_FRAMES);
        short[] expected = wave(LOW_FRAMES, 100);
        for (int i = 0; i < LOW_FRAMES; i++) assertThat(lowWav.channels()[0][i]).isEqualTo(expected[i] / 32768f);
        // smpl: root key, loop start, loop end inclusive (SF2's end is exclusive); no fine tune (regions carry it)
        assertThat(lowWav.metadata().rootKey()).isEqualTo(48);
        assertThat(lowWav.metadata().fineTune()).isZero();
        assertThat(lowWav.metadata().loops()).containsExactly(new SampleMetadata.SampleLoop(200, 799, 0));
        assertThat(highWav.metadata().rootKey()).isEqualTo(72);
        assertThat(highWav.metadata().loops()).containsExactly(new SampleMetadata.SampleLoop(100, 499, 0));

        // The SFZ refers to the WAVs relatively, and loads back with the preset's ranges, tuning and loops.
        String text = Files.readString(sfz);
        assertThat(text).contains("sample=samples/Low.wav").contains("sample=samples/High.wav").doesNotContain("sf2:");
        Program back = SfzImporter.load(sfz);
        Sf2Bank bank = Sf2Importer.load(sf2);
        Program preset = bank.find(0, 0).orElseThrow().program();
        assertThat(back.regions()).hasSize(2);
        assertSameSound(back, preset);
        SampleRegion lo = back.regions().get(0), hi = back.regions().get(1);
        assertThat(lo.keyRange().lo()).isEqualTo(0);
        assertThat(lo.keyRange().hi()).isEqualTo(59);
        assertThat(lo.tuning().pitchKeycenter()).isEqualTo(48);
        assertThat(lo.tuning().tune()).isEqualTo(-7.0);
        assertThat(lo.loop().mode()).isEqualTo(LoopMode.LOOP_CONTINUOUS);
        assertThat(lo.loop().start()).isEqualTo(200);
        assertThat(lo.loop().end()).isEqualTo(799);
        assertThat(hi.velocityRange().hi()).isEqualTo(100);
        assertThat(hi.tuning().tune()).isEqualTo(12.0);
        assertThat(hi.loop().start()).isEqualTo(100);
        assertThat(hi.loop().end()).isEqualTo(499);
        assertThat(back.regions()).allSatisfy(r -> assertThat(Path.of(r.sample().path())).exists());
    }

    @Test
    void bankColonProgramSelectsThePercussionPreset() throws Exception {
        Path sf2 = tinyBank();
        Path out = dir.resolve("kit");
        CliRun run = CliRun.of("export", "--program", "128:0", sf2.toString(), out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        // A percussion preset is a kit (DrumKit mode): its one 36–40 zone becomes a pad per key, one sample for all.
        assertThat(run.out()).contains("5 regions, 1 sample written");
        Program back = SfzImporter.load(out.resolve("Kit.sfz"));
        assertThat(back.regions()).extracting(r -> r.keyRange().lo() + "-" + r.keyRange().hi()).containsExactly("36-36", "37-37", "38-38", "39-39", "40-40");
        for (SampleRegion r : back.regions())
            assertThat(r.tuning().pitchKeycenter()).isEqualTo(38); // overridingRootKey wins over the sample's 72
        // the WAV keeps the sample's own root key
        assertThat(WavReader.read(out.resolve("samples/High.wav")).metadata().rootKey()).isEqualTo(72);
    }

    @Test
    void a24BitBankGives24BitWavsWithEveryBitKept() throws Exception {
        Sf2Writer w = new Sf2Writer();
        w.with24Bit = true;
        short[] hi = wave(300, 60);
        byte[] lo = new byte[300];
        for (int i = 0; i < lo.length; i++) lo[i] = (byte) (i * 37);
        int s = w.sample("Deep", hi, lo, 48000, 36, 0, 50, 250);
        w.instrument("Deep", List.of(gen(54, 1), gen(53, s)));
        w.preset("Deep", 3, 0, List.of(gen(41, 0)));
        Path sf2 = Files.write(dir.resolve("deep.sf2"), w.build());
        Path out = dir.resolve("deep");
        CliRun run = CliRun.of("export", "--program", "3", sf2.toString(), out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        AudioData wav = WavReader.read(out.resolve("samples/Deep.wav"));
        assertThat(wav.format()).isEqualTo(SampleFormat.PCM_24);
        assertThat(wav.sampleRate()).isEqualTo(48000);
        for (int i = 0; i < hi.length; i++)
            assertThat(wav.channels()[0][i]).as("frame %d", i).isEqualTo(((hi[i] << 8) | (lo[i] & 0xFF)) / 8388608f);
        assertThat(wav.metadata().rootKey()).isEqualTo(36);
        assertThat(wav.metadata().loops()).containsExactly(new SampleMetadata.SampleLoop(50, 249, 0));
        Program back = SfzImporter.load(out.resolve("Deep.sfz"));
        assertThat(back.regions().getFirst().loop().start()).isEqualTo(50);
        assertThat(back.regions().getFirst().loop().end()).isEqualTo(249);
    }

    @Test
    void fluidR3PianoExportsAndReloads() throws Exception {
        Path bank = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");
        assumeTrue(Files.isRegularFile(bank), "FluidR3_GM.sf2 is not installed (apt-get install fluid-soundfont-gm); skipping");
        Path out = dir.resolve("piano");
        CliRun run = CliRun.of("export", "--program", "0:0", bank.toString(), out.toString());
        assertThat(run.status()).as(run.err()).isZero();
        Path sfz;
        try (Stream<Path> s = Files.list(out)) {
            sfz = s.filter(p -> p.toString().endsWith(".sfz")).findFirst().orElseThrow();
        }
        // warnings repeated per region are one line each: "… (360 regions)"
        assertThat(run.errLines()).hasSizeLessThan(10);
        // every default modulator the import keeps has an SFZ opcode except the CC91/CC93 effect sends (SFZ's effect1/effect2
        // take a fixed level, no controller): those, and only those, are reported as not written
        assertThat(run.err()).doesNotContain("modulation routings");
        assertThat(run.errLines()).filteredOn(l -> l.contains("have no SFZ opcode"))
                .allMatch(l -> l.contains("routings cc91 → effect1, cc93 → effect2 have no SFZ opcode"));
        Program back = SfzImporter.load(sfz);
        // over-long SF2 modulation-envelope releases were clamped on export, so import has nothing to clamp
        assertThat(back.diagnostics()).noneMatch(d -> d.message().contains("clamped"));
        Program preset = Sf2Importer.load(bank).find(0, 0).orElseThrow().program();
        assertThat(back.regions()).hasSameSizeAs(preset.regions());
        for (int i = 0; i < preset.regions().size(); i++) {
            assertThat(back.regions().get(i).keyRange()).isEqualTo(preset.regions().get(i).keyRange());
            assertThat(back.regions().get(i).tuning()).isEqualTo(preset.regions().get(i).tuning());
            assertThat(back.regions().get(i).loop()).isEqualTo(preset.regions().get(i).loop());
        }
        assertThat(back.regions()).allSatisfy(r -> assertThat(Path.of(r.sample().path())).exists());
    }

    // ---------------------------------------------------------------- a minimal SoundFont writer

    record Gen(int oper, int amount) {}

    static Gen gen(int oper, int amount) { return new Gen(oper, amount); }

    static Gen range(int oper, int lo, int hi) { return new Gen(oper, lo | (hi << 8)); }

    /** Builds an SF2 file following the spec's layout (one zone list per instrument/preset, no global zones, instrument modulators). */
    static final class Sf2Writer {
        private record Header(String name, int program, int bank, int bag) {}
        private final ByteArrayOutputStream smpl = new ByteArrayOutputStream(), sm24 = new ByteArrayOutputStream();
        /** With low bytes: an sm24 chunk and ifil 2.04, so the bank's samples are 24-bit. */
        boolean with24Bit;
        private final ByteArrayOutputStream shdr = new ByteArrayOutputStream();
        private final List<Header> presets = new ArrayList<>(), instruments = new ArrayList<>();
        private final List<List<Gen>> presetZones = new ArrayList<>(), instrumentZones = new ArrayList<>();
        private long frames;
        private int samples;

        /** Loop points relative to the sample, end exclusive as in shdr; 46 zero frames follow the data. */
        int sample(String name, short[] data, int rate, int pitch, int correction, int loopStart, int loopEnd) {
            return sample(name, data, new byte[data.length], rate, pitch, correction, loopStart, loopEnd);
        }

        int sample(String name, short[] data, byte[] low, int rate, int pitch, int correction, int loopStart, int loopEnd) {
            long start = frames;
            ByteBuffer b = le(2 * (data.length + 46));
            for (short v : data) b.putShort(v);
            smpl.writeBytes(b.array());
            sm24.writeBytes(Arrays.copyOf(low, data.length + 46));
            frames += data.length + 46;
            shdr.writeBytes(le(46).put(zstr(name, 20)).putInt((int) start).putInt((int) (start + data.length))
                    .putInt((int) (start + loopStart)).putInt((int) (start + loopEnd)).putInt(rate).put((byte) pitch)
                    .put((byte) correction).putShort((short) 0).putShort((short) 1).array());
            return samples++;
        }

        private final List<List<int[]>> instrumentMods = new ArrayList<>();

        @SafeVarargs
        final void instrument(String name, List<Gen>... zones) {
            instruments.add(new Header(name, 0, 0, instrumentZones.size()));
            instrumentZones.addAll(Arrays.asList(zones));
            for (List<Gen> z : zones) instrumentMods.add(List.of());
        }

        /** Modulators {src, dest, amount, amountSrc, transform} of the instrument zone added last. */
        void modulators(int[]... mods) { instrumentMods.set(instrumentMods.size() - 1, List.of(mods)); }

        @SafeVarargs
        final void preset(String name, int program, int bank, List<Gen>... zones) {
            presets.add(new Header(name, program, bank, presetZones.size()));
            presetZones.addAll(Arrays.asList(zones));
        }

        byte[] build() {
            byte[] info = list("INFO", chunk("ifil", le(4).putShort((short) 2).putShort((short) (with24Bit ? 4 : 1)).array()),
                    chunk("isng", zstr("EMU8000", 8)), chunk("INAM", zstr("Tiny", 6)));
            byte[] sdta = with24Bit ? list("sdta", chunk("smpl", smpl.toByteArray()), chunk("sm24", sm24.toByteArray()))
                    : list("sdta", chunk("smpl", smpl.toByteArray()));
            byte[] eos = le(46).put(zstr("EOS", 20)).array();
            byte[] pdta = list("pdta", chunk("phdr", headers(presets, presetZones.size(), true)), chunk("pbag", bags(presetZones, null)),
                    chunk("pmod", new byte[10]), chunk("pgen", gens(presetZones)),
                    chunk("inst", headers(instruments, instrumentZones.size(), false)), chunk("ibag", bags(instrumentZones, instrumentMods)),
                    chunk("imod", mods(instrumentMods)), chunk("igen", gens(instrumentZones)),
                    chunk("shdr", concat(shdr.toByteArray(), eos)));
            return chunk("RIFF", concat("sfbk".getBytes(StandardCharsets.US_ASCII), info, sdta, pdta));
        }

        private static byte[] headers(List<Header> hs, int bags, boolean preset) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            List<Header> all = new ArrayList<>(hs);
            all.add(new Header(preset ? "EOP" : "EOI", 0, 0, bags));
            for (Header h : all) {
                if (preset) out.writeBytes(le(38).put(zstr(h.name(), 20)).putShort((short) h.program()).putShort((short) h.bank())
                        .putShort((short) h.bag()).array());
                else out.writeBytes(le(22).put(zstr(h.name(), 20)).putShort((short) h.bag()).array());
            }
            return out.toByteArray();
        }

        private static byte[] bags(List<List<Gen>> zones, List<List<int[]>> mods) {
            ByteBuffer b = le(4 * (zones.size() + 1));
            int g = 0, m = 0;
            for (int i = 0; i < zones.size(); i++) {
                b.putShort((short) g).putShort((short) m);
                g += zones.get(i).size();
                m += mods == null ? 0 : mods.get(i).size();
            }
            return b.putShort((short) g).putShort((short) m).array();
        }

        private static byte[] mods(List<List<int[]>> zoneMods) {
            List<int[]> all = zoneMods.stream().flatMap(List::stream).toList();
            ByteBuffer b = le(10 * (all.size() + 1));
            for (int[] m : all) for (int v : m) b.putShort((short) v);
            return b.array();
        }

        private static byte[] gens(List<List<Gen>> zones) {
            List<Gen> all = zones.stream().flatMap(List::stream).toList();
            ByteBuffer b = le(4 * (all.size() + 1));
            for (Gen g : all) b.putShort((short) g.oper()).putShort((short) g.amount());
            return b.putInt(0).array();
        }

        static byte[] chunk(String id, byte[] body) {
            ByteBuffer b = le(8 + body.length + (body.length & 1));
            return b.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body).array();
        }

        static byte[] list(String type, byte[]... chunks) {
            return chunk("LIST", concat(type.getBytes(StandardCharsets.US_ASCII), concat(chunks)));
        }

        static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] p : parts) out.writeBytes(p);
            return out.toByteArray();
        }

        static byte[] zstr(String s, int len) { return Arrays.copyOf(s.getBytes(StandardCharsets.US_ASCII), len); }

        static ByteBuffer le(int n) { return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN); }
    }
}
