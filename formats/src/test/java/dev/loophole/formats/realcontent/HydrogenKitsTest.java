package dev.loophole.formats.realcontent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.formats.sfz.SfzImporter;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.Program;
import dev.loophole.model.SampleGroup;
import dev.loophole.model.SampleRegion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kit of Debian's hydrogen-drumkits ({@code apt-get install hydrogen-drumkits}) converted to SFZ by
 * {@link HydrogenToSfz} and loaded with {@link SfzImporter}: one group per instrument with samples, one region per
 * velocity layer with the XML's range, level, pitch and mute group, every sample file found. Skipped when absent.
 */
class HydrogenKitsTest {
    static final Path KITS = Path.of("/usr/share/hydrogen/data/drumkits");

    /** Instruments in drumkit.xml, those with at least one real sample, regions (layers), most layers on one instrument. */
    record Counts(int instruments, int playable, int regions, int maxLayers) {}

    /** hydrogen-drumkits 2017.09.19~dfsg-1, counted from its XML by an independent script. */
    static final Map<String, Counts> DEBIAN_KITS = Map.ofEntries(
            Map.entry("Audiophob", new Counts(14, 14, 14, 1)),
            Map.entry("BJA_Pacific", new Counts(32, 14, 86, 8)),
            Map.entry("ColomboAcousticDrumkit", new Counts(32, 18, 31, 4)),
            Map.entry("ElectricEmpireKit", new Counts(32, 32, 32, 1)),
            Map.entry("ForzeeStereo", new Counts(27, 27, 124, 5)),
            Map.entry("Gimme A Hand 1.0", new Counts(14, 14, 70, 5)),
            Map.entry("HardElectro1", new Counts(16, 16, 16, 1)),
            Map.entry("Millo-Drums_v.1", new Counts(32, 16, 16, 1)),
            Map.entry("Millo_MultiLayered2", new Counts(32, 16, 67, 5)),
            Map.entry("Millo_MultiLayered3", new Counts(32, 13, 40, 7)),
            Map.entry("The Black Pearl 1.0", new Counts(22, 22, 106, 5)),
            Map.entry("VariBreaks", new Counts(16, 16, 16, 1)),
            Map.entry("circAfrique v4", new Counts(32, 27, 27, 1)),
            Map.entry("rumpf_kit_z01_h2", new Counts(82, 82, 82, 1)));

    /** Files the Debian package's XML names but does not ship (a packaging gap, not ours). */
    static final Set<String> KNOWN_MISSING = Set.of("Millo_MultiLayered2/misc_Cowbell.flac");

    @TempDir Path dir;

    static List<Path> kits() throws Exception {
        assumeTrue(Files.isDirectory(KITS), "hydrogen-drumkits is not installed (apt-get install hydrogen-drumkits); skipping");
        try (Stream<Path> s = Files.list(KITS)) {
            return s.filter(k -> Files.isRegularFile(k.resolve("drumkit.xml"))).sorted().toList();
        }
    }

    @Test
    void theDebianPackageShipsTheKitsThisTestKnows() throws Exception {
        List<String> names = kits().stream().map(k -> k.getFileName().toString()).toList();
        assertThat(names).containsAll(DEBIAN_KITS.keySet());
    }

    @TestFactory
    Stream<DynamicTest> everyKitLoadsAsSfz() throws Exception {
        return kits().stream().map(k -> DynamicTest.dynamicTest(k.getFileName().toString(), () -> check(k)));
    }

    void check(Path kitDir) throws Exception {
        String name = kitDir.getFileName().toString();
        HydrogenToSfz.Kit kit = HydrogenToSfz.read(kitDir.resolve("drumkit.xml"));
        Path sfz = Files.writeString(Files.createDirectories(dir.resolve(name)).resolve("kit.sfz"), HydrogenToSfz.toSfz(kit));
        Program p = SfzImporter.load(sfz);

        List<String> missing = new ArrayList<>();
        for (SampleRegion r : p.regions())
            for (var s : r.samples())
                if (!Files.isRegularFile(Path.of(s.path()))) missing.add(kitDir.relativize(Path.of(s.path())).toString());
        List<String> knownHere = KNOWN_MISSING.stream().filter(m -> m.startsWith(name + "/")).map(m -> m.substring(name.length() + 1)).toList();
        assertThat(missing).as("missing samples of %s", name).containsExactlyInAnyOrderElementsOf(knownHere);
        // the only warnings are the importer's "sample file not found" for those
        assertThat(p.diagnostics()).as("import warnings of %s", name).hasSize(knownHere.size())
                .allSatisfy(d -> assertThat(d.message()).startsWith("sample file not found"));
        assertThat(p.diagnostics()).noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);

        Counts expected = DEBIAN_KITS.get(name);
        if (expected != null) {
            assertThat(kit.instruments()).as("instruments of %s", name).hasSize(expected.instruments());
            assertThat(kit.playable()).as("instruments with samples of %s", name).hasSize(expected.playable());
            assertThat(p.regions()).as("regions of %s", name).hasSize(expected.regions());
            assertThat(kit.playable().stream().mapToInt(i -> i.layers().size()).max().orElse(0)).isEqualTo(expected.maxLayers());
        }
        assertThat(p.groups()).hasSize(kit.playable().size());
        for (int g = 0; g < kit.playable().size(); g++) {
            HydrogenToSfz.Instrument in = kit.playable().get(g);
            SampleGroup group = p.groups().get(g);
            String at = name + " / " + in.name();
            assertThat(group.name()).as(at).isEqualTo(HydrogenToSfz.label(in.name()));
            assertThat(p.keyLabels()).as(at).containsEntry(in.key(), HydrogenToSfz.label(in.name()));
            assertThat(group.regions()).as(at + ": one region per layer").hasSize(in.layers().size());
            for (int l = 0; l < in.layers().size(); l++) {
                HydrogenToSfz.Layer layer = in.layers().get(l);
                SampleRegion r = group.regions().get(l);
                String lat = at + " layer " + l;
                assertThat(r.keyRange().lo()).as(lat).isEqualTo(in.key());
                assertThat(r.keyRange().hi()).as(lat).isEqualTo(in.key());
                assertThat(r.velocityRange().lo()).as(lat).isEqualTo(layer.lovel());
                assertThat(r.velocityRange().hi()).as(lat).isEqualTo(layer.hivel());
                assertThat(r.amp().volume()).as(lat).isEqualTo(HydrogenToSfz.volumeDb(kit, in, layer));
                assertThat(r.amp().volume()).as(lat).isBetween(-144.0, 6.0);
                assertThat(r.amp().pan()).as(lat).isEqualTo(Double.parseDouble(HydrogenToSfz.fmt(in.pan())));
                assertThat(r.tuning().transpose()).as(lat).isEqualTo(HydrogenToSfz.transpose(layer));
                assertThat(r.tuning().tune()).as(lat).isEqualTo(HydrogenToSfz.tuneCents(layer));
                assertThat(Path.of(r.sample().path()).getFileName().toString()).as(lat).isEqualTo(Path.of(layer.file()).getFileName().toString());
                long choke = in.muteGroup() >= 0 ? HydrogenToSfz.MUTE_GROUP_BASE + in.muteGroup() : 0;
                assertThat(r.choke().group()).as(lat).isEqualTo(choke);
                assertThat(r.choke().offBy()).as(lat).isEqualTo(choke);
            }
            // a velocity no region plays is one no layer of the XML plays either (v/127 outside every [min, max]):
            // some kits leave gaps narrower than a step between layers, e.g. max 0.57 / min 0.58
            boolean[] covered = new boolean[128];
            group.regions().forEach(r -> { for (int v = r.velocityRange().lo(); v <= r.velocityRange().hi(); v++) covered[v] = true; });
            for (int v = 1; v <= 127; v++) {
                double x = v / 127.0;
                boolean inXml = in.layers().stream().anyMatch(y -> y.min() - 1e-9 <= x && x <= y.max() + 1e-9);
                assertThat(covered[v]).as(at + ": velocity " + v).isEqualTo(inXml);
            }
        }
    }

    @Test
    void muteGroupsBecomeChokeGroups() throws Exception {
        Path vari = KITS.resolve("VariBreaks/drumkit.xml");
        assumeTrue(Files.isRegularFile(vari), "hydrogen-drumkits is not installed (apt-get install hydrogen-drumkits); skipping");
        HydrogenToSfz.Kit kit = HydrogenToSfz.read(vari);
        Program p = SfzImporter.parse(HydrogenToSfz.toSfz(kit), dir.resolve("vari.sfz"));
        // VariBreaks puts three instruments in mute group 0 (hi-hats): they choke each other, the rest choke nothing
        List<SampleRegion> choked = p.regions().stream().filter(r -> r.choke().group() != 0).toList();
        assertThat(choked).hasSize(3).allSatisfy(r -> {
            assertThat(r.choke().group()).isEqualTo(HydrogenToSfz.MUTE_GROUP_BASE);
            assertThat(r.choke().offBy()).isEqualTo(HydrogenToSfz.MUTE_GROUP_BASE);
        });
    }
}
