package dev.loophole.formats.realcontent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.formats.sf2.Sf2Bank;
import dev.loophole.formats.sf2.Sf2Importer;
import dev.loophole.formats.sf2.Sf2Preset;
import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.Envelope;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's FluidR3_GM.sf2 ({@code apt-get install fluid-soundfont-gm}) mapped to SFZ by {@link Sf2ToSfz}: the grand
 * piano (0:0) and the standard drum kit (128:0) load back through {@link SfzImporter} with the bank's regions,
 * key coverage and loops, every sample file present. Skipped when the package is absent.
 */
class FluidR3AsSfzTest {
    static final Path BANK = Path.of("/usr/share/sounds/sf2/FluidR3_GM.sf2");
    static Sf2Bank bank;

    @TempDir Path dir;

    @BeforeAll
    static void load() throws Exception {
        assumeTrue(Files.isRegularFile(BANK), "FluidR3_GM.sf2 is not installed (apt-get install fluid-soundfont-gm); skipping");
        bank = Sf2Importer.load(BANK);
    }

    record Loaded(Program sf2, Program sfz, Sf2ToSfz.Result written) {}

    Loaded roundTrip(int bankNumber, int program) throws Exception {
        Sf2Preset preset = bank.find(bankNumber, program).orElseThrow();
        Sf2ToSfz.Result written = Sf2ToSfz.write(bank, preset, dir);
        Program sfz = SfzImporter.load(written.sfz());
        return new Loaded(preset.program(), sfz, written);
    }

    static BitSet keys(Program p) {
        BitSet keys = new BitSet(128);
        for (SampleRegion r : p.regions()) keys.set(r.keyRange().lo(), r.keyRange().hi() + 1);
        return keys;
    }

    /**
     * Import warnings that are expected: opcodes the SF2 importer keeps for later (LFOs, effect sends) that the engine
     * does not play yet, and a known loss: SF2 modulation-envelope releases up to 101.6 s (RegionMapper.java:142) are
     * written as fileg_/pitcheg_release above SFZ's 0..100 and clamped on import.
     */
    static boolean expected(Diagnostic d) {
        String m = d.message();
        return m.endsWith("is parsed but not played yet; kept as written")
                || m.matches("(fileg|pitcheg)_release=[0-9.]+ is outside 0\\.\\.100; clamped to 100");
    }

    static Envelope clampRelease(Envelope e) {
        return new Envelope(e.delay(), e.start(), e.attack(), e.hold(), e.decay(), e.sustain(), Math.min(100, e.release()),
                e.depth(), e.vel2delay(), e.vel2attack(), e.vel2hold(), e.vel2decay(), e.vel2sustain(), e.vel2release(), e.vel2depth());
    }

    /** What both presets must satisfy: same regions, ranges, pitch, loops; samples on disk; no errors, no unexpected warnings. */
    static void assertFaithful(Loaded l) {
        assertThat(l.sfz().diagnostics()).as("unexpected SFZ import warnings").filteredOn(d -> !expected(d)).isEmpty();
        assertThat(l.sfz().diagnostics()).noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);
        assertThat(l.sfz().regions()).hasSameSizeAs(l.sf2().regions());
        assertThat(keys(l.sfz())).isEqualTo(keys(l.sf2()));
        for (int i = 0; i < l.sf2().regions().size(); i++) {
            SampleRegion a = l.sfz().regions().get(i), b = l.sf2().regions().get(i);
            assertThat(a.keyRange()).as("region %d", i).isEqualTo(b.keyRange());
            assertThat(a.velocityRange().hi()).as("region %d", i).isEqualTo(b.velocityRange().hi());
            assertThat(a.tuning()).as("region %d", i).isEqualTo(b.tuning());
            assertThat(a.loop()).as("region %d", i).isEqualTo(b.loop());
            assertThat(a.envelopes().amp()).as("region %d", i).isEqualTo(b.envelopes().amp());
            assertThat(a.envelopes().filter()).as("region %d", i).isEqualTo(clampRelease(b.envelopes().filter()));
            assertThat(a.envelopes().pitch()).as("region %d", i).isEqualTo(clampRelease(b.envelopes().pitch()));
            assertThat(a.choke()).as("region %d", i).isEqualTo(b.choke());
        }
        assertThat(l.sfz().regions()).allSatisfy(r -> {
            assertThat(r.samples()).isNotEmpty();
            assertThat(r.samples()).allSatisfy(s -> assertThat(Path.of(s.path())).isRegularFile());
        });
    }

    @Test
    void grandPianoCoversTheKeyboardAndLoadsBackWithEverySample() throws Exception {
        Loaded l = roundTrip(0, 0);
        assertFaithful(l);
        BitSet keys = keys(l.sfz());
        // FluidR3's Yamaha Grand Piano: one gapless span covering the 88 keys A0 (21) .. C8 (108), in stereo
        int lo = keys.nextSetBit(0), hi = keys.length() - 1;
        assertThat(keys.nextClearBit(lo)).as("first gap").isEqualTo(hi + 1);
        assertThat(lo).isLessThanOrEqualTo(21);
        assertThat(hi).isGreaterThanOrEqualTo(108);
        assertThat(l.sfz().regions().size()).isGreaterThanOrEqualTo(2 * 10).isEven();
        assertThat(l.sfz().regions()).allSatisfy(r -> assertThat(r.loop().mode().loops()).isTrue());
        // every region has a left or right partner covering the same keys
        long left = l.sfz().regions().stream().filter(r -> r.amp().pan() < 0).count();
        long right = l.sfz().regions().stream().filter(r -> r.amp().pan() > 0).count();
        assertThat(left).isEqualTo(right).isEqualTo(l.sfz().regions().size() / 2);
        System.out.printf("FluidR3 piano as SFZ: %d regions, %d WAVs, keys %d..%d, %d export warnings%n", l.sfz().regions().size(),
                l.written().samplesWritten(), lo, hi, l.written().exportWarnings().size());
    }

    @Test
    void standardDrumKitMapsTheGmPercussionKeysWithChokes() throws Exception {
        Loaded l = roundTrip(128, 0);
        assertFaithful(l);
        BitSet keys = keys(l.sfz());
        // GM percussion: 35 (Acoustic Bass Drum) .. 81 (Open Triangle) are all present
        for (int k = 35; k <= 81; k++) assertThat(keys.get(k)).as("key %d", k).isTrue();
        // hi-hats choke each other: closed (42), pedal (44) and open (46) share an exclusive class
        List<SampleRegion> hats = l.sfz().regions().stream()
                .filter(r -> r.keyRange().lo() <= 46 && r.keyRange().hi() >= 42 && r.keyRange().hi() - r.keyRange().lo() < 5).toList();
        assertThat(hats).isNotEmpty();
        assertThat(hats.stream().map(r -> r.choke().group()).filter(g -> g != 0).distinct()).hasSize(1);
        System.out.printf("FluidR3 standard kit as SFZ: %d regions, %d WAVs, keys %d..%d%n", l.sfz().regions().size(),
                l.written().samplesWritten(), keys.nextSetBit(0), keys.length() - 1);
    }
}
