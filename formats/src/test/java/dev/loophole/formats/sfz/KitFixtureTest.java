package dev.loophole.formats.sfz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fixture kit under src/test/resources/sfz/kit: a small library laid out like real ones. */
class KitFixtureTest {
    @TempDir Path dir;

    static Path kit() throws URISyntaxException {
        return Path.of(KitFixtureTest.class.getResource("/sfz/kit/kit.sfz").toURI());
    }

    @Test
    void loadsWithEverythingInPlace() throws Exception {
        Program p = SfzImporter.load(kit());
        Path samples = kit().getParent().resolve("Samples");
        assertThat(p.groups()).extracting(g -> g.name()).containsExactly("Kick", "Hats");
        List<SampleRegion> kick = p.groups().get(0).regions();
        assertThat(kick).extracting(r -> r.sample().path())
                .containsExactly(samples.resolve("Kick 01.wav").toString(), samples.resolve("Kick 02.wav").toString());
        assertThat(kick).allSatisfy(r -> {
            assertThat(r.keyRange()).isEqualTo(IntRange.single(36));
            assertThat(r.amp().volume()).isEqualTo(-2);
            assertThat(r.amp().ampVeltrack()).isEqualTo(90);
            assertThat(r.envelopes().amp().release()).isEqualTo(0.2);
        });
        assertThat(kick).extracting(r -> r.conditions().seqPosition()).containsExactly(1, 2);
        List<SampleRegion> hats = p.groups().get(1).regions();
        assertThat(hats.get(0).choke().offBy()).isEqualTo(1);
        assertThat(hats.get(1).choke().group()).isEqualTo(2);
        assertThat(hats.get(0).conditions().keySwitchRange()).isEqualTo(new IntRange(12, 13));
        assertThat(hats.get(1).conditions().swLabel()).isEqualTo("Loose");
        assertThat(hats.get(2).otherOpcodes()).isEqualTo(Map.of("eq1_dynamic", "1"));
        assertThat(p.settings().swDefault()).isEqualTo(12);
        assertThat(p.settings().initialCc()).containsEntry(1, 100 / 127.0);
        assertThat(p.keyLabels()).containsEntry(42, "Hat closed");
        assertThat(p.curves().get(2).at(32)).isEqualTo(0.125);
        assertThat(p.diagnostics()).singleElement().satisfies(d -> {
            assertThat(d.where().file()).endsWith("hats.sfz");
            assertThat(d.where().line()).isEqualTo(5);
            assertThat(d.message()).isEqualTo("eq1_dynamic (eqN_dynamic) is parsed but not played yet; kept as written");
        });
    }

    @Test
    void exportsToReadableSfzThatLoadsTheSame() throws Exception {
        Program p = SfzImporter.load(kit());
        Path out = dir.resolve("kit-copy.sfz");
        assertThat(SfzExporter.write(p, out)).isEmpty();
        assertThat(SfzRoundTripPropertyTest.normalized(SfzImporter.load(out))).isEqualTo(SfzRoundTripPropertyTest.normalized(p));
    }
}
