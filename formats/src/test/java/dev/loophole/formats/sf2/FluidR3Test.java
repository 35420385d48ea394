package dev.loophole.formats.sf2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.model.LoopMode;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks against Debian's FluidR3_GM.sf2 ({@code apt-get install fluid-soundfont-gm}); skipped when it is absent.
 * Expected values are read from the file's shdr records by an independent scan in this test.
 */
class FluidR3Test {
    static final Path BANK = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");
    static Sf2Bank bank;

    @BeforeAll
    static void load() throws IOException {
        assumeTrue(Files.isRegularFile(BANK), "FluidR3_GM.sf2 is not installed (apt-get install fluid-soundfont-gm); skipping");
        long t0 = System.nanoTime();
        bank = Sf2Importer.load(BANK);
        System.out.printf("FluidR3: %d presets, %d samples, %d regions, %d diagnostics, %.0f ms%n", bank.presets().size(),
                bank.samples().size(), bank.programs().stream().mapToInt(p -> p.regions().size()).sum(),
                bank.diagnostics().size(), (System.nanoTime() - t0) / 1e6);
        bank.diagnostics().stream().limit(20).forEach(System.out::println);
    }

    /** shdr records found by an independent walk of the file: name, start, end, startLoop, endLoop, rate, pitch, correction. */
    record RawHeader(String name, long start, long end, long loopStart, long loopEnd, int rate, int pitch, int correction) {}

    static ByteBuffer readAt(FileChannel ch, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining() && ch.read(b, pos + b.position()) > 0) { }
        return b.flip();
    }

    static RawHeader rawHeader(int index) throws IOException {
        try (FileChannel ch = FileChannel.open(BANK)) {
            long pos = 12;
            while (pos < ch.size()) { // top level: LIST chunks; descend into pdta only
                ByteBuffer h = readAt(ch, pos, 12);
                long size = h.getInt(4) & 0xFFFFFFFFL;
                String type = new String(new byte[] {h.get(8), h.get(9), h.get(10), h.get(11)}, "US-ASCII");
                if (type.equals("pdta")) {
                    long p = pos + 12;
                    while (p < pos + 8 + size) {
                        ByteBuffer c = readAt(ch, p, 8);
                        String id = new String(new byte[] {c.get(0), c.get(1), c.get(2), c.get(3)}, "US-ASCII");
                        long csize = c.getInt(4) & 0xFFFFFFFFL;
                        if (id.equals("shdr")) {
                            ByteBuffer r = readAt(ch, p + 8 + 46L * index, 46);
                            byte[] name = new byte[20];
                            r.get(0, name);
                            String n = new String(name, "ISO-8859-1");
                            n = n.indexOf(0) >= 0 ? n.substring(0, n.indexOf(0)) : n;
                            return new RawHeader(n.strip(), r.getInt(20) & 0xFFFFFFFFL, r.getInt(24) & 0xFFFFFFFFL,
                                    r.getInt(28) & 0xFFFFFFFFL, r.getInt(32) & 0xFFFFFFFFL, r.getInt(36), r.get(40) & 0xFF, r.get(41));
                        }
                        p += 8 + csize + (csize & 1);
                    }
                }
                pos += 8 + size + (size & 1);
            }
        }
        throw new IllegalStateException("no shdr");
    }

    @Test
    void presetsAreListedFromHeadersAndOnePresetBuildsAloneAsTheWholeBankBuildsIt() throws IOException {
        List<Sf2PresetHeader> list = Sf2Importer.presets(BANK);
        assertThat(list).hasSize(bank.presets().size());
        for (int i = 0; i < list.size(); i++) {
            Sf2Preset whole = bank.presets().get(i);
            assertThat(list.get(i)).isEqualTo(new Sf2PresetHeader(whole.bank(), whole.preset(), whole.name(), i));
        }
        for (int[] bp : new int[][] {{0, 0}, {0, 40}, {128, 0}, {128, 25}}) {
            Sf2Preset alone = Sf2Importer.loadPreset(BANK, bp[0], bp[1]).orElseThrow();
            Sf2Preset whole = bank.find(bp[0], bp[1]).orElseThrow();
            // Everything but the diagnostics (a bank-wide warning is given once, with the first preset that needs it).
            dev.loophole.model.Program a = alone.program(), w = whole.program();
            assertThat(a.programId()).isEqualTo(w.programId());
            assertThat(a.name()).isEqualTo(w.name());
            assertThat(a.groups()).as("bank %d program %d", bp[0], bp[1]).isEqualTo(w.groups());
            assertThat(a.curves()).isEqualTo(w.curves());
            assertThat(a.drumKit()).isEqualTo(w.drumKit());
            assertThat(a.keyLabels()).isEqualTo(w.keyLabels());
            assertThat(alone.program().regions()).isNotEmpty();
        }
        assertThat(Sf2Importer.loadPreset(BANK, 5, 127)).isEmpty();
    }

    @Test
    void threeRealSamplesMatchTheirHeaders() throws IOException {
        // The piano's first region, a drum of bank 128 and a sample from the middle of the table.
        SampleRegion piano = bank.find(0, 0).orElseThrow().program().regions().getFirst();
        SampleRegion drum = bank.find(128, 0).orElseThrow().program().regions().getFirst();
        List<Integer> indices = List.of(Sf2SampleRef.parse(piano.sample().path()).sampleIndex(),
                Sf2SampleRef.parse(drum.sample().path()).sampleIndex(), bank.samples().size() / 2);
        for (int index : indices) {
            RawHeader raw = rawHeader(index);
            Sf2Sample s = bank.samples().get(index);
            assertThat(s.name()).isEqualTo(raw.name());
            assertThat(s.start()).isEqualTo(raw.start());
            assertThat(s.end()).isEqualTo(raw.end());
            assertThat(s.loopStart()).isEqualTo(raw.loopStart());
            assertThat(s.loopEnd()).isEqualTo(raw.loopEnd());
            assertThat(s.originalPitch()).isEqualTo(raw.pitch());
            assertThat(s.pitchCorrection()).isEqualTo(raw.correction());
            Sf2Audio a = Sf2SampleReader.read(BANK, index);
            assertThat(a.frameCount()).isEqualTo(raw.end() - raw.start());
            assertThat(a.sampleRate()).isEqualTo(raw.rate());
            assertThat(a.rootKey()).isEqualTo(raw.pitch());
            assertThat(a.loopStart()).isEqualTo(raw.loopStart() - raw.start());
            assertThat(a.loopEnd()).isEqualTo(raw.loopEnd() - raw.start() - 1);
            // The header alone (for regions a render will not sound) says the same without reading the data.
            Sf2SampleReader.Header h = Sf2SampleReader.header(Sf2SampleRef.uri(BANK, index));
            assertThat(h.name()).isEqualTo(raw.name());
            assertThat(h.length()).isEqualTo(raw.end() - raw.start());
            assertThat(h.sampleRate()).isEqualTo(raw.rate());
            assertThat(h.rootKey()).isEqualTo(raw.pitch());
            assertThat(h.loopStart()).isEqualTo(raw.loopStart() - raw.start());
            assertThat(h.loopEnd()).isEqualTo(raw.loopEnd() - raw.start() - 1);
            System.out.printf("shdr[%d] '%s': %d frames at %d Hz, key %d, loop %d..%d%n", index, raw.name(),
                    a.frameCount(), raw.rate(), raw.pitch(), a.loopStart(), a.loopEnd());
        }
        // FluidR3's piano is stereo by zone pan, but its sample links are all 0: no pair is claimed.
        Sf2Sample left = bank.samples().get(indices.getFirst());
        assertThat(left.isLeft()).isTrue();
        assertThat(left.link()).isZero();
        assertThat(piano.otherOpcodes()).containsEntry("sf2_sample_type", "left").doesNotContainKey("sf2_link");
        assertThat(piano.amp().pan()).isEqualTo(-100.0);
        long frames = left.length();
        assertThat(piano.loop().start()).isBetween(0L, frames - 1);
        assertThat(piano.loop().end()).isBetween(piano.loop().start(), frames - 1);
    }

    @Test
    void presetsAreFoundByBankAndProgram() {
        assertThat(bank.info().versionMajor()).isEqualTo(2);
        assertThat(bank.find(0, 0)).isPresent();
        assertThat(bank.find(0, 0).get().name()).isEqualTo("Yamaha Grand Piano");
        assertThat(bank.find(128, 0)).isPresent();
        assertThat(bank.programs()).allSatisfy(p -> assertThat(p.regions()).isNotEmpty());
    }

    /** Bank 128 is General MIDI percussion: each of its presets loads in DrumKit mode, a pad per key its zones play. */
    @Test
    void percussionPresetsAreKitsWithGmNamedPads() {
        List<dev.loophole.formats.sf2.Sf2Preset> drums = bank.presets().stream().filter(p -> p.bank() == 128).toList();
        assertThat(drums).isNotEmpty();
        for (var preset : drums) {
            var prog = preset.program();
            assertThat(prog.isDrumKit()).as(preset.name()).isTrue();
            java.util.Set<Integer> keys = new java.util.TreeSet<>();
            prog.regions().forEach(r -> { if (r.keyRange().hi() - r.keyRange().lo() < 16) for (int k = r.keyRange().lo(); k <= r.keyRange().hi(); k++) keys.add(k); });
            assertThat(prog.drumKit().pads()).as(preset.name()).extracting(dev.loophole.model.Pad::note).containsExactlyElementsOf(keys);
        }
        var standard = drums.stream().filter(p -> p.preset() == 0).findFirst().orElseThrow().program();
        assertThat(standard.drumKit().pad(36).orElseThrow().name()).isEqualTo("Bass Drum 1");
        assertThat(standard.drumKit().pad(38).orElseThrow().name()).isEqualTo("Acoustic Snare");
        assertThat(standard.drumKit().pad(42).orElseThrow().icon()).isEqualTo("hihat");
        assertThat(bank.presets().stream().filter(p -> p.bank() == 0)).allSatisfy(p -> assertThat(p.program().isDrumKit()).as(p.name()).isFalse());
    }
}
