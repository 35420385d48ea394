package dev.loophole.formats.sf2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bank opened lazily ({@link Sf2Importer#open}) builds each preset as the whole-bank load builds it, in any order and
 * alone; damage is found at open (structure) or at the one preset it is in, each as one {@link Sf2Exception}.
 */
class Sf2CatalogTest {
    @TempDir Path dir;

    /** The program without its diagnostics: a bank-wide warning goes to the first preset built that needs it. */
    static Program sansDiagnostics(Program p) {
        return new Program(p.programId(), p.name(), p.groups(), p.settings(), p.ccLabels(), p.keyLabels(), List.of(),
                p.curves(), p.extraSections(), p.expression(), p.drumKit(), p.effects(), p.controls());
    }

    static void assertSamePreset(Sf2Preset lazy, Sf2Preset whole) {
        assertThat(new Sf2PresetHeader(lazy.bank(), lazy.preset(), lazy.name(), lazy.index()))
                .isEqualTo(new Sf2PresetHeader(whole.bank(), whole.preset(), whole.name(), whole.index()));
        assertThat(sansDiagnostics(lazy.program())).as("preset %d '%s'", whole.index(), whole.name())
                .isEqualTo(sansDiagnostics(whole.program()));
    }

    /** Every preset, built in a shuffled order by one catalog and each alone by a fresh one, equals the whole-bank build. */
    static void everyPresetAsTheWholeBankBuildsIt(Path bankFile, long seed) throws IOException {
        Sf2Bank whole = Sf2Importer.load(bankFile);
        Sf2Catalog catalog = Sf2Importer.open(bankFile);
        assertThat(catalog.headers()).hasSize(whole.presets().size());
        assertThat(catalog.samples()).isEqualTo(whole.samples());
        assertThat(catalog.data()).isEqualTo(whole.data());
        assertThat(catalog.info()).isEqualTo(whole.info());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < whole.presets().size(); i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        for (int i : order) assertSamePreset(catalog.preset(i), whole.presets().get(i));
        // The same warnings in all, each once (their wording names the first preset that needed them).
        assertThat(catalog.diagnostics()).hasSameSizeAs(whole.diagnostics());
        for (int i : order.subList(0, Math.min(8, order.size()))) {
            Sf2Preset alone = Sf2Importer.open(bankFile).preset(i);
            assertSamePreset(alone, whole.presets().get(i));
            // Built alone, a preset carries every warning its zones raise: at least those the whole build gave it.
            assertThat(alone.program().diagnostics()).containsAll(whole.presets().get(i).program().diagnostics());
        }
    }

    @Test
    void theTestBanksPresetsBuildLazilyAsTheWholeBankBuildsThem() throws IOException {
        Path two = Files.write(dir.resolve("two.sf2"), TestBanks.twoPresets().build());
        everyPresetAsTheWholeBankBuildsIt(two, 1);
        Sf2Catalog c = Sf2Importer.open(two);
        assertThat(c.find(0, 5)).map(Sf2PresetHeader::name).contains("Pad");
        assertThat(c.find(128, 0)).map(Sf2PresetHeader::name).contains("Drums");
        assertThat(c.find(0, 6)).isEmpty();
        assertThat(c.preset(1).program().regions()).hasSize(3);
        assertThatThrownBy(() -> c.preset(2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0..1");
    }

    @Test
    void fluidR3sPresetsBuildLazilyAsTheWholeBankBuildsThem() throws IOException {
        assumeTrue(Files.isRegularFile(FluidR3Test.BANK), "FluidR3_GM.sf2 is not installed (apt-get install fluid-soundfont-gm); skipping");
        everyPresetAsTheWholeBankBuildsIt(FluidR3Test.BANK, 15);
    }

    @Test
    void structuralDamageIsOneErrorAtOpenAsAtLoad() throws IOException {
        byte[] b = TestBanks.twoPresets().build();
        Sf2ErrorsTest.put16(b, Sf2ErrorsTest.body(b, "ibag") + 4, 0xFFFF); // ibag[1].wGenNdx past igen
        Path p = Files.write(dir.resolve("bad.sf2"), b);
        String atLoad = null;
        try {
            Sf2Importer.load(p);
        } catch (Sf2Exception e) {
            atLoad = e.getMessage();
        }
        assertThat(atLoad).contains("pdta/ibag[1]").contains("wGenNdx");
        assertThatThrownBy(() -> Sf2Importer.open(p)).isInstanceOf(Sf2Exception.class).hasMessage(atLoad);
    }

    /** The region cap: at most 3 zones per preset builds each of the two (3 zones each) but refuses the whole bank (6). */
    @Test
    void theRegionCapRefusesAPresetWhenBuiltAndTheBankWhenLoadedWhole() throws IOException {
        Path two = Files.write(dir.resolve("two.sf2"), TestBanks.twoPresets().build());
        Sf2Options three = new Sf2Options(Sf2Options.DEFAULT.attenuationScale(), true, 3);
        Sf2Catalog c = Sf2Importer.open(two, three);
        assertThat(c.preset(0).program().regions()).hasSize(2);
        assertThat(c.preset(1).program().regions()).hasSize(3);
        assertThatThrownBy(() -> Sf2Importer.load(two, three)).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining("pdta/phdr[1]").hasMessageContaining("at most 3 regions in the bank");
        Sf2Catalog capped = Sf2Importer.open(two, new Sf2Options(Sf2Options.DEFAULT.attenuationScale(), true, 2));
        assertThatThrownBy(() -> capped.preset(1)).isInstanceOf(Sf2Exception.class)
                .hasMessageContaining(two.toAbsolutePath().toString()).hasMessageContaining("pdta/phdr[1]")
                .hasMessageContaining("at most 2 regions in one preset");
    }

    /** Opening a bank leaves its sample headers for the reads that follow; a bank rewritten since is read again. */
    @Test
    void samplesReadAfterOpenComeFromTheBankAsItIsNow() throws IOException {
        Path p = Files.write(dir.resolve("bank.sf2"), TestBanks.twoPresets().build());
        Sf2Catalog c = Sf2Importer.open(p);
        Sf2Audio snare = Sf2SampleReader.read(p, 2);
        assertThat(snare.name()).isEqualTo("Snare");
        short[] ramp = TestBanks.ramp(50, 40);
        assertThat(snare.frames()).hasSize(50);
        for (int i = 0; i < 50; i++) assertThat(snare.frames()[i]).isEqualTo(ramp[i] / 32768f);
        assertThat(c.samples().get(2).name()).isEqualTo("Snare");
        Files.write(p, TestBanks.soundFont3().build());
        Files.setLastModifiedTime(p, java.nio.file.attribute.FileTime.fromMillis(Files.getLastModifiedTime(p).toMillis() + 10_000));
        Sf2SampleReader.Header pcm = Sf2SampleReader.header(Sf2SampleRef.uri(p, 1));
        assertThat(pcm.name()).isEqualTo("Pcm");
        assertThat(pcm.length()).isEqualTo(10);
        Files.delete(p);
        assertThatThrownBy(() -> Sf2SampleReader.read(p, 1)).isInstanceOf(Sf2Exception.class).hasMessageContaining("an existing SoundFont file");
        assertThatThrownBy(() -> Sf2Importer.open(p)).isInstanceOf(Sf2Exception.class).hasMessageContaining("an existing SoundFont file");
    }
}
