package dev.loophole.media.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scanning real files into a library on disk: facts per file, analysis, embedded tags, rescans that touch only changes. */
class LibraryScanTest {
    static final Path COLOMBO = Path.of("/usr/share/hydrogen/data/drumkits/ColomboAcousticDrumkit");

    @TempDir Path tmp;

    @Test
    void scansAHydrogenKitWithTheFactsMetaflacReports() throws Exception {
        Path kit = tmp.resolve("kits/Colombo");
        Tones.copyTree(COLOMBO, kit);
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            ScanReport r = lib.add(List.of(kit), ScanListener.NONE).getFirst();
            long flacs;
            try (var s = Files.list(kit)) {
                flacs = s.filter(p -> p.toString().endsWith(".flac")).count();
            }
            assertThat(r.found()).isEqualTo(flacs);
            assertThat(r.read()).isEqualTo(flacs);
            assertThat(r.failed()).isZero();
            Path hihat = kit.resolve("hihat-open-1.flac");
            MediaFile f = lib.file(hihat).orElseThrow();
            String[] facts = metaflac(hihat, "--show-total-samples", "--show-sample-rate", "--show-channels", "--show-bps");
            assertThat(f.frames()).isEqualTo(Long.parseLong(facts[0]));
            assertThat(f.sampleRate()).isEqualTo(Integer.parseInt(facts[1]));
            assertThat(f.channels()).isEqualTo(Integer.parseInt(facts[2]));
            assertThat(f.bits()).isEqualTo(Integer.parseInt(facts[3]));
            assertThat(f.duration()).isCloseTo(Double.parseDouble(facts[0]) / Double.parseDouble(facts[1]), within(1e-9));
            assertThat(f.format()).isEqualTo("FLAC");
            assertThat(f.hash()).isEqualTo(sha256(hihat));
            assertThat(f.tags()).contains("hihat", "one-shot");
            assertThat(lib.file(kit.resolve("bassdrum-4mics-br-stereo-soft2.flac")).orElseThrow().tags()).contains("kick");
            assertThat(lib.file(kit.resolve("crash20i__ride4.flac")).orElseThrow().tags()).contains("cymbal", "ride");
            assertThat(lib.file(kit.resolve("snare-opaque-2mics_normal-shot1.flac")).orElseThrow().tags()).contains("snare");
        }
    }

    @Test
    void analysesPitchLevelLoopAndEmbeddedTags() throws Exception {
        Path root = tmp.resolve("tones");
        Tones.sine(root.resolve("synth/tone a.wav"), 220, 0.5, 1.0, 48000, 1, -1);
        Tones.sine(root.resolve("synth/tone b.wav"), 1000, 0.25, 0.5, 44100, 2, 72);
        Tones.noise(root.resolve("fx/noise.wav"), 0.5, 0.5, 48000, 7);
        Path tagged = Tones.sine(root.resolve("loops/groove.wav"), 440, 0.5, 0.5, 48000, 1, -1);
        Tones.appendChunk(tagged, "bext", Tones.bext("Dusty vinyl groove", "Loophole Tests"));
        Tones.appendChunk(tagged, "LIST", Tones.info("Groove One", "made for a test"));
        Tones.appendChunk(tagged, "acid", Tones.acid(57, 8, 96.5f));
        Path flac = root.resolve("flac/tagged.flac");
        Files.createDirectories(flac.getParent());
        Path src = Tones.sine(tmp.resolve("src.wav"), 330, 0.5, 0.5, 48000, 1, -1);
        run("flac", "-s", "--tag=ARTIST=Ada", "--tag=BPM=123", "-o", flac.toString(), src.toString());
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            lib.add(List.of(root), ScanListener.NONE);
            MediaFile a = lib.file(root.resolve("synth/tone a.wav")).orElseThrow();
            assertThat(a.pitchHz()).isCloseTo(220, within(220 * 0.002));
            assertThat(a.pitchKey()).isEqualTo(57); // A3
            assertThat(a.rootKey()).isEqualTo(-1);
            assertThat(a.mappingKey()).isEqualTo(57);
            assertThat(a.loudnessDb()).isCloseTo(20 * Math.log10(0.5 / Math.sqrt(2)), within(0.05));
            assertThat(a.peakDb()).isCloseTo(20 * Math.log10(0.5), within(0.05));
            assertThat(a.tags()).contains("pitched", "one-shot", "synth", "loud");   // RMS -9.0 dBFS > -10
            MediaFile b = lib.file(root.resolve("synth/tone b.wav")).orElseThrow();
            assertThat(b.pitchHz()).isCloseTo(1000, within(1000 * 0.002));
            assertThat(b.rootKey()).isEqualTo(72);
            assertThat(b.channels()).isEqualTo(2);
            assertThat(b.tags()).doesNotContain("loud", "quiet");                   // RMS -15.1 dBFS
            assertThat(b.frames()).isEqualTo(22050);
            MediaFile noise = lib.file(root.resolve("fx/noise.wav")).orElseThrow();
            assertThat(noise.pitchHz()).isNaN();
            assertThat(noise.tags()).contains("unpitched", "fx");
            MediaFile g = lib.file(tagged).orElseThrow();
            assertThat(g.tempo()).isCloseTo(96.5, within(1e-6));
            assertThat(g.musicalKey()).isEqualTo("A3");
            assertThat(g.oneShot()).isFalse();
            assertThat(g.tags()).contains("loop");
            Map<String, String> meta = lib.embeddedTags(g.id());
            assertThat(meta).containsEntry("bext.description", "Dusty vinyl groove").containsEntry("bext.originator", "Loophole Tests")
                    .containsEntry("info.INAM", "Groove One").containsEntry("info.ICMT", "made for a test").containsEntry("acid.beats", "8");
            MediaFile fl = lib.file(flac).orElseThrow();
            assertThat(lib.embeddedTags(fl.id())).containsEntry("vorbis.ARTIST", "Ada").containsEntry("vorbis.BPM", "123");
            assertThat(fl.tempo()).isEqualTo(123.0);
            assertThat(fl.pitchHz()).isCloseTo(330, within(330 * 0.002));
            assertThat(lib.search("dusty vinyl", 10)).extracting(MediaFile::id).containsExactly(g.id());
        }
    }

    @Test
    void waveformOverviewFollowsTheSignal() throws Exception {
        int rate = 48000, frames = 262144;
        float[][] x = new float[1][frames];
        for (int i = frames / 2; i < frames; i++) x[0][i] = (i % 2 == 0) ? 0.5f : -0.25f;
        Path f = Tones.write(tmp.resolve("r/half.wav"), x, rate, -1);
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            lib.add(List.of(tmp.resolve("r")), ScanListener.NONE);
            WaveformOverview o = lib.overview(lib.file(f).orElseThrow().id()).orElseThrow();
            WaveformOverview.Level fine = o.levels().getFirst();
            assertThat(fine.framesPerPeak()).isEqualTo(WaveformOverview.FINEST);
            assertThat(fine.count()).isEqualTo(frames / WaveformOverview.FINEST);
            int half = fine.count() / 2;
            assertThat(fine.maxAt(half - 1)).isZero();
            assertThat(fine.maxAt(half)).isCloseTo(0.5f, within(1f / 127));
            assertThat(fine.minAt(half)).isCloseTo(-0.25f, within(1f / 127));
            assertThat(o.levels()).hasSizeGreaterThan(1);
            WaveformOverview.Level coarse = o.levels().getLast();
            assertThat(coarse.count()).isLessThanOrEqualTo(WaveformOverview.COARSEST_PEAKS);
            assertThat(coarse.maxAt(coarse.count() - 1)).isCloseTo(0.5f, within(1f / 127));
        }
    }

    @Test
    void rescanTouchesOnlyWhatChanged() throws Exception {
        Path root = tmp.resolve("r");
        for (int i = 0; i < 6; i++) Tones.sine(root.resolve("s" + i + ".wav"), 200 + 50 * i, 0.5, 0.2, 48000, 1, -1);
        try (MediaLibrary lib = MediaLibrary.open(tmp.resolve("library.db"))) {
            ScanReport first = lib.add(List.of(root), ScanListener.NONE).getFirst();
            assertThat(first.read()).isEqualTo(6);
            long idS0 = lib.file(root.resolve("s0.wav")).orElseThrow().id();
            lib.tag(root.resolve("s0.wav"), List.of("Favourite"));
            // s0: new content, same size (rewritten) → read; s1: same content, new time → touched only;
            // s2: deleted → missing; s6: new → read; the rest unchanged.
            Tones.sine(root.resolve("s0.wav"), 900, 0.5, 0.2, 48000, 1, -1);
            Files.setLastModifiedTime(root.resolve("s0.wav"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
            Files.setLastModifiedTime(root.resolve("s1.wav"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
            Files.delete(root.resolve("s2.wav"));
            Tones.sine(root.resolve("s6.wav"), 700, 0.5, 0.2, 48000, 1, -1);
            ScanReport second = lib.add(List.of(root), ScanListener.NONE).getFirst();
            assertThat(second.read()).isEqualTo(2);
            assertThat(second.touched()).isEqualTo(1);
            assertThat(second.missing()).isEqualTo(1);
            assertThat(second.unchanged()).isEqualTo(3);
            assertThat(second.changes()).singleElement().satisfies(c -> {
                assertThat(c.relPath()).isEqualTo("s2.wav");
                assertThat(c.after()).isEqualTo(MediaStatus.MISSING);
            });
            MediaFile s0 = lib.file(root.resolve("s0.wav")).orElseThrow();
            assertThat(s0.id()).isEqualTo(idS0);
            assertThat(s0.pitchHz()).isCloseTo(900, within(2.0));
            assertThat(s0.tags()).contains("favourite");
            assertThat(s0.hash()).isEqualTo(sha256(root.resolve("s0.wav")));
            ScanReport third = lib.add(List.of(root), ScanListener.NONE).getFirst();
            assertThat(third.read() + third.touched() + third.missing()).isZero();
            assertThat(third.unchanged()).isEqualTo(6);
        }
    }

    static String sha256(Path p) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    }

    static String[] metaflac(Path f, String... what) throws Exception {
        String[] cmd = new String[what.length + 2];
        cmd[0] = "metaflac";
        System.arraycopy(what, 0, cmd, 1, what.length);
        cmd[cmd.length - 1] = f.toString();
        return run(cmd).trim().split("\n");
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
