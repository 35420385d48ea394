package dev.loophole.formats.sf2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.model.LoopMode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged banks: each gives a clear Sf2Exception (file, chunk/record, what was expected) or a documented warning. */
class Sf2ErrorsTest {
    @TempDir Path dir;

    byte[] good() { return TestBanks.twoPresets().build(); }

    Path write(byte[] b) throws IOException {
        Path p = dir.resolve("bank.sf2");
        Files.write(p, b);
        return p;
    }

    static void put16(byte[] b, int at, int v) { ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putShort(at, (short) v); }

    static void put32(byte[] b, int at, int v) { ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, v); }

    /** Offset of a hydra table's body. */
    static int body(byte[] b, String id) { return Sf2TestWriter.find(b, id) + 8; }

    @Test
    void notARiffFile() throws IOException {
        byte[] b = good();
        b[3] = 'X';
        Path p = write(b);
        assertThatThrownBy(() -> Sf2Importer.load(p)).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining(p.toString()).hasMessageContaining("RIFF header").hasMessageContaining("'RIFF' at offset 0");
        Path missing = dir.resolve("missing.sf2");
        assertThatThrownBy(() -> Sf2Importer.load(missing)).isInstanceOf(Sf2Exception.class).hasMessageContaining("missing.sf2");
    }

    @Test
    void lyingAndTruncatedSizes() throws IOException {
        byte[] b = good();
        put32(b, 4, 0x7FFFFFF0);
        assertThatThrownBy(() -> Sf2Importer.load(write(b))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("RIFF size within the file");
        byte[] cut = java.util.Arrays.copyOf(good(), good().length / 2);
        assertThatThrownBy(() -> Sf2Importer.load(write(cut))).isInstanceOf(Sf2Exception.class);
        byte[] c = good();
        put32(c, body(c, "pgen") - 4, 0x10000000); // pgen claims 256 MB inside a tiny pdta
        assertThatThrownBy(() -> Sf2Importer.load(write(c))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("pdta/pgen").hasMessageContaining("a chunk size within its parent");
    }

    @Test
    void bagIndexOutOfRangeOrDecreasing() throws IOException {
        byte[] b = good();
        put16(b, body(b, "phdr") + 2 * 38 + 24, 0x7F00); // the terminal preset header (index 2)
        assertThatThrownBy(() -> Sf2Importer.load(write(b))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("pdta/phdr[2]").hasMessageContaining("wPresetBagNdx within pbag");
        byte[] c = good();
        put16(c, body(c, "ibag") + 4, 0xFFFF); // ibag[1].wGenNdx
        assertThatThrownBy(() -> Sf2Importer.load(write(c))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("pdta/ibag[1]").hasMessageContaining("wGenNdx");
        byte[] d = good();
        put16(d, body(d, "pbag") + 4, 0); // pbag[1] back to gen 0 after pbag[0] … fine; make pbag[2] go below pbag[1]
        put16(d, body(d, "pbag") + 8, 0);
        put16(d, body(d, "pbag") + 4, 3);
        assertThatThrownBy(() -> Sf2Importer.load(write(d))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("pdta/pbag[2]").hasMessageContaining("not below the previous record's");
    }

    static int get32(byte[] b, int at) { return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at); }

    @Test
    void aSampleReachingPastSmplPlaysWhatIsThereAndIsReportedAsDamage() throws IOException {
        byte[] b = good();
        int snare = body(b, "shdr") + 2 * 46;
        int start = get32(b, snare + 20);
        long smplFrames = get32(b, Sf2TestWriter.find(b, "smpl") + 4) / 2;
        put32(b, snare + 24, 100_000_000); // Snare's end far past smpl: a bank cut short
        Path p = write(b);
        Sf2Bank bank = Sf2Importer.load(p);
        assertThat(bank.damage()).singleElement().satisfies(d -> {
            assertThat(d.kind()).isEqualTo(dev.loophole.media.AudioProblem.Kind.TRUNCATED);
            assertThat(d.toString()).isEqualTo(p.toAbsolutePath() + ": pdta/shdr[2] 'Snare' claims " + (100_000_000 - start)
                    + " frames but only " + (smplFrames - start) + " are present; playing those");
        });
        assertThat(bank.find(128, 0).orElseThrow().program().regions()).extracting(r -> r.label()).contains("Snare");
        assertThat(Sf2SampleReader.read(p, 2).frameCount()).isEqualTo(smplFrames - start);
        assertThatThrownBy(() -> Sf2SampleReader.read(p, 99)).isInstanceOf(Sf2Exception.class).hasMessageContaining("shdr[99]");
    }

    @Test
    void aSampleStartingPastSmplIsUnusableSkippedAndReported() throws IOException {
        byte[] b = good();
        int snare = body(b, "shdr") + 2 * 46;
        long smplFrames = get32(b, Sf2TestWriter.find(b, "smpl") + 4) / 2;
        put32(b, snare + 20, (int) smplFrames + 10);
        put32(b, snare + 24, (int) smplFrames + 500);
        Path p = write(b);
        Sf2Bank bank = Sf2Importer.load(p);
        assertThat(bank.diagnostics()).anyMatch(d -> d.message().contains("pdta/shdr[2] 'Snare'")
                && d.message().contains("expected start within smpl"));
        assertThat(bank.damage()).singleElement().asString().isEqualTo(p.toAbsolutePath() + ": pdta/shdr[2] 'Snare' starts at frame "
                + (smplFrames + 10) + ", past the " + smplFrames + " frames of smpl: no usable frame");
        assertThat(bank.find(128, 0).orElseThrow().program().regions()).extracting(r -> r.label())
                .containsExactly("HatC", "HatO");
        assertThatThrownBy(() -> Sf2SampleReader.read(p, 2)).isInstanceOf(Sf2Exception.class).hasMessageContaining("shdr[2]");
    }

    @Test
    void zeroLengthLoopPlaysWithoutLoop() throws IOException {
        byte[] b = good();
        int hatO = body(b, "shdr") + 4 * 46;
        int start = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(hatO + 20);
        put32(b, hatO + 32, start + 13); // zone offsets +1/-2 turn 10..13 into 11..11
        Sf2Bank bank = Sf2Importer.load(write(b));
        var open = bank.find(128, 0).orElseThrow().program().regions().stream()
                .filter(r -> "HatO".equals(r.label())).findFirst().orElseThrow();
        assertThat(open.loop().mode()).isEqualTo(LoopMode.NO_LOOP);
        assertThat(bank.diagnostics()).anyMatch(d -> d.message().contains("has zero length"));
    }

    @Test
    void missingInstrumentSkipsTheZone() throws IOException {
        byte[] b = good();
        int pgen = body(b, "pgen");
        for (int at = pgen; ; at += 4) {
            if ((b[at] & 0xFF) == 41 && b[at + 2] == 1) { put16(b, at + 2, 999); break; }
        }
        Sf2Bank bank = Sf2Importer.load(write(b));
        assertThat(bank.find(128, 0).orElseThrow().program().regions()).isEmpty();
        assertThat(bank.diagnostics()).anyMatch(d -> d.message().contains("refers to instrument 999"));
    }

    @Test
    void versionAndMissingChunks() throws IOException {
        byte[] b = good();
        put16(b, body(b, "ifil"), 4);
        assertThatThrownBy(() -> Sf2Importer.load(write(b))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("INFO/ifil").hasMessageContaining("version 2.x or 3.x (SF3), found 4.1");
        byte[] c = good();
        c[Sf2TestWriter.find(c, "pdta")] = 'x';
        assertThatThrownBy(() -> Sf2Importer.load(write(c))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("a LIST 'pdta' chunk");
        byte[] d = good();
        d[Sf2TestWriter.find(d, "shdr")] = 'x';
        assertThatThrownBy(() -> Sf2Importer.load(write(d))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("a 'shdr' sub-chunk");
    }

    @Test
    void missingTerminalRecordsAndRaggedTables() throws IOException {
        Sf2TestWriter w = TestBanks.twoPresets();
        w.replaceTable.put("shdr", new byte[0]);
        assertThatThrownBy(() -> Sf2Importer.load(write(w.build()))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("pdta/shdr").hasMessageContaining("at least the terminal record");
        Sf2TestWriter v = TestBanks.twoPresets();
        v.replaceTable.put("pgen", new byte[6]);
        assertThatThrownBy(() -> Sf2Importer.load(write(v.build()))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("pdta/pgen").hasMessageContaining("a multiple of 4 bytes, found 6");
    }

    @Test
    void theTerminalHeaderEndsTheLastZoneList() throws IOException {
        byte[] b = good();
        put16(b, body(b, "phdr") + 2 * 38 + 24, 2); // EOP now ends Drums' zones before its only zone (bag 2)
        Sf2Bank bank = Sf2Importer.load(write(b));
        assertThat(bank.find(128, 0).orElseThrow().program().regions()).isEmpty();
        assertThat(bank.find(0, 5).orElseThrow().program().regions()).hasSize(2);
    }

    @Test
    void sm24IsIgnoredBefore204() throws IOException {
        Sf2TestWriter w = new Sf2TestWriter();
        w.with24Bit = true; // but ifil stays 2.01
        int s = w.sample("S", new short[] {100, 200}, new byte[] {1, 2}, 44100, 60, 0, 0, 0, 1, 0);
        int i = w.instrument("I", Sf2TestWriter.zone(Sf2TestWriter.gen(TestBanks.SAMPLE_ID, s)));
        w.preset("P", 0, 0, Sf2TestWriter.zone(Sf2TestWriter.gen(TestBanks.INSTRUMENT, i)));
        Path p = write(w.build());
        Sf2Bank bank = Sf2Importer.load(p);
        assertThat(bank.diagnostics()).anyMatch(d -> d.message().contains("sdta/sm24 ignored"));
        assertThat(Sf2SampleReader.read(p, 0).bitsPerSample()).isEqualTo(16);
        assertThat(Sf2SampleReader.read(p, 0).frames()).containsExactly(100 / 32768f, 200 / 32768f);
    }

    @Test
    void tooManyRegionsIsRefusedBeforeBuilding() throws IOException {
        Path p = write(good());
        assertThatThrownBy(() -> Sf2Importer.load(p, new Sf2Options(0.4, true, 2))).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("at most 2 regions");
    }

    @Test
    void selfReferencesMissingSamplesAndModulatorCyclesLoadWithWarnings() {
        // SF2 references only point down (preset → instrument → sample), so a cycle can only be spelt with generators
        // at the wrong level or with linked modulators; each is ignored with a warning, and loading cannot loop.
        Sf2TestWriter w = new Sf2TestWriter();
        int s = w.sample("S", TestBanks.ramp(50, 10), null, 44100, 60, 0, 0, 0, Sf2Sample.MONO, 0);
        var cycle = java.util.List.of(new Sf2TestWriter.Mod(127, 0x8001, 100, 0, 0), new Sf2TestWriter.Mod(127, 0x8000, 100, 0, 0));
        int inst = w.instrument("Self",
                Sf2TestWriter.zone(cycle, Sf2TestWriter.gen(TestBanks.INSTRUMENT, 0), Sf2TestWriter.gen(TestBanks.SAMPLE_ID, s)),
                Sf2TestWriter.zone(Sf2TestWriter.gen(TestBanks.SAMPLE_ID, 999)));
        w.preset("P", 0, 0, Sf2TestWriter.zone(Sf2TestWriter.gen(TestBanks.SAMPLE_ID, s), Sf2TestWriter.gen(TestBanks.INSTRUMENT, inst)));
        Sf2Bank bank = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(10),
                () -> Sf2Importer.load(write(w.build())));
        var regions = bank.find(0, 0).orElseThrow().program().regions();
        assertThat(regions).hasSize(1);
        assertThat(regions.getFirst().modulation()).noneMatch(m -> m.target().startsWith("sf2_"));
        assertThat(bank.diagnostics()).extracting(d -> d.message())
                .anyMatch(m -> m.contains("instrument is not allowed in an instrument zone"))
                .anyMatch(m -> m.contains("sampleID is not allowed in a preset zone"))
                .anyMatch(m -> m.contains("refers to sample 999, but the bank has 1: zone skipped"))
                .anyMatch(m -> m.contains("linked modulators (source 127 / destination 0x8000 + index) are not supported: dropped"));
    }
}
