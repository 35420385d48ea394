package dev.loophole.formats.realcontent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.formats.hydrogen.HydrogenImporter;
import dev.loophole.model.Amp;
import dev.loophole.model.Diagnostic;
import dev.loophole.model.LoopMode;
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

/**
 * Every kit of Debian's hydrogen-drumkits ({@code apt-get install hydrogen-drumkits}) loaded by {@link HydrogenImporter}
 * and held to the tests' own reading of the XML ({@link HydrogenKitXml}): one group per instrument with samples, one
 * region per velocity layer with the XML's range, level, pan, pitch, ADSR and mute group, every sample file found.
 * Skipped when absent.
 */
class HydrogenKitsTest {
    static final Path KITS = Path.of("/usr/share/hydrogen/data/drumkits");

    /** Instruments in drumkit.xml, those with at least one real sample, regions (layers), most layers on one instrument. */
    record Counts(int instruments, int playable, int layers, int maxLayers) {}

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
    Stream<DynamicTest> everyKitLoadsNatively() throws Exception {
        return kits().stream().map(k -> DynamicTest.dynamicTest(k.getFileName().toString(), () -> check(k)));
    }

    void check(Path kitDir) throws Exception {
        String name = kitDir.getFileName().toString();
        HydrogenKitXml.Kit kit = HydrogenKitXml.read(kitDir.resolve("drumkit.xml"));
        Program p = HydrogenImporter.load(kitDir.resolve("drumkit.xml"));

        List<String> missing = new ArrayList<>();
        for (SampleRegion r : p.regions())
            for (var s : r.samples())
                if (!Files.isRegularFile(Path.of(s.path()))) missing.add(kitDir.relativize(Path.of(s.path())).toString());
        List<String> knownHere = KNOWN_MISSING.stream().filter(m -> m.startsWith(name + "/")).map(m -> m.substring(name.length() + 1)).toList();
        assertThat(missing).as("missing samples of %s", name).containsExactlyInAnyOrderElementsOf(knownHere);
        // the only "not found" warnings are those; the rest name what is not imported (filters, random pitch, exclude lists)
        assertThat(p.diagnostics().stream().filter(d -> d.message().startsWith("sample file not found")))
                .as("import warnings of %s", name).hasSize(knownHere.size());
        assertThat(p.diagnostics()).allSatisfy(d -> assertThat(d.message()).containsAnyOf("not found", "not imported"));
        assertThat(p.diagnostics()).noneMatch(d -> d.severity() == Diagnostic.Severity.ERROR);

        Counts expected = DEBIAN_KITS.get(name);
        if (expected != null) {
            assertThat(kit.instruments()).as("instruments of %s", name).hasSize(expected.instruments());
            assertThat(kit.playable()).as("instruments with samples of %s", name).hasSize(expected.playable());
            assertThat(kit.playable().stream().mapToInt(i -> i.layers().size()).sum()).as("layers of %s", name).isEqualTo(expected.layers());
            assertThat(kit.playable().stream().mapToInt(i -> i.layers().size()).max().orElse(0)).isEqualTo(expected.maxLayers());
        }
        assertThat(p.groups()).hasSize(kit.playable().size());
        for (int g = 0; g < kit.playable().size(); g++) {
            HydrogenKitXml.Instrument in = kit.playable().get(g);
            SampleGroup group = p.groups().get(g);
            String at = name + " / " + in.name();
            assertThat(group.name()).as(at).isEqualTo(in.name());
            assertThat(p.keyLabels().get(in.key())).as(at).contains(in.name());
            // every region is one of the instrument's layers (its id says which) and carries that layer's settings
            for (SampleRegion r : group.regions()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("l(\\d+)(-\\d+)?$").matcher(r.regionId());
                assertThat(m.find()).as(r.regionId()).isTrue();
                HydrogenKitXml.Layer layer = in.layers().get(Integer.parseInt(m.group(1)));
                String lat = at + " region " + r.regionId();
                assertThat(r.keyRange().lo()).as(lat).isEqualTo(in.key());
                assertThat(r.keyRange().hi()).as(lat).isEqualTo(in.key());
                assertThat(r.amp().volume()).as(lat).isCloseTo(HydrogenKitXml.levelDb(in, layer), within(1e-9));
                assertThat(r.amp().pan()).as(lat).isCloseTo(in.pan(), within(1e-9));
                assertThat(r.amp().panLaw()).as(lat).isEqualTo(Amp.PanLaw.BALANCE);
                assertThat(r.amp().velocityCurve()).as(lat + ": linear velocity").containsExactly(entry(0, 0.0), entry(127, 1.0));
                assertThat(r.tuning().transpose()).as(lat).isEqualTo(HydrogenKitXml.transpose(layer));
                assertThat(r.tuning().tune()).as(lat).isEqualTo(HydrogenKitXml.tuneCents(layer));
                assertThat(r.tuning().pitchKeycenter()).as(lat).isEqualTo(in.key());
                assertThat(r.envelopes().amp().attack()).as(lat).isCloseTo(in.attack() / 44100, within(1e-12));
                assertThat(r.envelopes().amp().decay()).as(lat).isCloseTo(in.decay() / 44100, within(1e-12));
                assertThat(r.envelopes().amp().sustain()).as(lat).isEqualTo(in.sustain());
                assertThat(r.envelopes().amp().release()).as(lat).isCloseTo(Math.max(0.001, in.release() / 44100), within(1e-12));
                assertThat(r.loop().mode()).as(lat).isEqualTo(LoopMode.ONE_SHOT);
                assertThat(Path.of(r.sample().path()).getFileName().toString()).as(lat).isEqualTo(Path.of(layer.file()).getFileName().toString());
                long choke = in.muteGroup() >= 0 ? HydrogenKitXml.MUTE_GROUP_BASE + in.muteGroup() : 0;
                assertThat(r.choke().group()).as(lat).isEqualTo(choke);
                assertThat(r.choke().offBy()).as(lat).isEqualTo(choke);
            }
            // at every velocity exactly the layers Hydrogen plays sound: overlapping layers give the first, a gap its nearest
            for (int v = 1; v <= 127; v++) {
                int vel = v;
                List<Integer> sounding = group.regions().stream().filter(r -> r.velocityRange().contains(vel)).map(r -> {
                    java.util.regex.Matcher m = java.util.regex.Pattern.compile("l(\\d+)(-\\d+)?$").matcher(r.regionId());
                    m.find();
                    return Integer.parseInt(m.group(1));
                }).toList();
                assertThat(sounding).as(at + ": velocity " + v).isEqualTo(in.sounding(v));
            }
        }
    }

    @Test
    void muteGroupsBecomeChokeGroups() throws Exception {
        Path vari = KITS.resolve("VariBreaks/drumkit.xml");
        assumeTrue(Files.isRegularFile(vari), "hydrogen-drumkits is not installed (apt-get install hydrogen-drumkits); skipping");
        Program p = HydrogenImporter.load(vari);
        // VariBreaks puts three instruments in mute group 0 (hi-hats): they choke each other, the rest choke nothing
        List<SampleRegion> choked = p.regions().stream().filter(r -> r.choke().group() != 0).toList();
        assertThat(choked).hasSize(3).allSatisfy(r -> {
            assertThat(r.choke().group()).isEqualTo(HydrogenKitXml.MUTE_GROUP_BASE);
            assertThat(r.choke().offBy()).isEqualTo(HydrogenKitXml.MUTE_GROUP_BASE);
        });
    }
}
