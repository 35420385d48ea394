package dev.loophole.formats.hydrogen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.formats.xml.XmlFormatException;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hydrogen 0.9.7+ components, 1.2's single pan, midiInNote, and bad kits: one error naming file and line. */
class HydrogenImporterTest {
    @TempDir Path dir;

    @Test
    void componentsEachPlayTheirLayerWithTheirGain() throws Exception {
        Files.write(dir.resolve("a.wav"), new byte[0]);
        Files.write(dir.resolve("b.wav"), new byte[0]);
        Path kit = Files.writeString(dir.resolve("drumkit.xml"), """
                <drumkit_info xmlns="http://www.hydrogen-music.org/drumkit">
                 <name>Comp</name>
                 <componentList><drumkitComponent><id>0</id><name>Close</name><volume>0.5</volume></drumkitComponent>
                  <drumkitComponent><id>1</id><name>Room</name><volume>1</volume></drumkitComponent></componentList>
                 <instrumentList>
                  <instrument><id>0</id><name>Snare</name><volume>1</volume><gain>2</gain><pan>-0.5</pan>
                   <midiInNote>38</midiInNote><muteGroup>-1</muteGroup>
                   <instrumentComponent><component_id>0</component_id><gain>0.5</gain>
                    <layer><filename>a.wav</filename><min>0</min><max>0.5</max><gain>1</gain><pitch>-1.25</pitch></layer></instrumentComponent>
                   <instrumentComponent><component_id>1</component_id><gain>1</gain>
                    <layer><filename>b.wav</filename><min>0.5</min><max>1</max><gain>0.25</gain><pitch>0</pitch></layer></instrumentComponent>
                  </instrument>
                 </instrumentList>
                </drumkit_info>
                """);
        Program p = HydrogenImporter.load(kit);
        assertThat(p.keyLabels()).containsEntry(38, "Snare");
        SampleRegion close = p.regions().get(0), room = p.regions().get(1);
        // 2 × 0.5 (component gain) × 0.5 (kit component volume) × 1 = 0.5; 2 × 1 × 1 × 0.25 = 0.5
        assertThat(close.amp().volume()).isCloseTo(20 * Math.log10(0.5), within(1e-9));
        assertThat(room.amp().volume()).isCloseTo(20 * Math.log10(0.5), within(1e-9));
        assertThat(close.amp().pan()).isEqualTo(-50);
        // Hydrogen chooses a layer per component; a component's only layer also plays outside its range (the nearest
        // layer by its min, when nearer than 1): a.wav (min 0) up to 126/127 (at 127 it is exactly 1 away), b.wav everywhere
        assertThat(close.velocityRange()).isEqualTo(new dev.loophole.model.IntRange(1, 126));
        assertThat(room.velocityRange()).isEqualTo(new dev.loophole.model.IntRange(1, 127));
        assertThat(close.tuning().transpose()).isEqualTo(-1);
        assertThat(close.tuning().tune()).isEqualTo(-25);
        assertThat(Path.of(room.sample().path())).isEqualTo(dir.resolve("b.wav").toAbsolutePath());
    }

    /** Three layers: 0..0.4, 0.3..0.6 (overlapping the first), 0.8..1 (a gap below it), in each selection mode. */
    @Test
    void selectionModesAndGapsAsHydrogenChooses() throws Exception {
        for (String f : List.of("a.wav", "b.wav", "c.wav")) Files.write(dir.resolve(f), new byte[0]);
        String layers = "<layer><filename>a.wav</filename><min>0</min><max>0.4</max></layer>"
                + "<layer><filename>b.wav</filename><min>0.3</min><max>0.6</max></layer>"
                + "<layer><filename>c.wav</filename><min>0.8</min><max>1</max></layer>";
        String xml = "<drumkit_info><name>Sel</name><instrumentList>"
                + "<instrument><id>0</id><name>V</name>" + layers + "</instrument>"
                + "<instrument><id>1</id><name>R</name><sampleSelectionAlgo>ROUND_ROBIN</sampleSelectionAlgo>" + layers + "</instrument>"
                + "<instrument><id>2</id><name>X</name><sampleSelectionAlgo>RANDOM</sampleSelectionAlgo>" + layers + "</instrument>"
                + "</instrumentList></drumkit_info>";
        Program p = HydrogenImporter.load(Files.writeString(dir.resolve("drumkit.xml"), xml));
        // velocities: 0.3·127 = 38.1, so 39 is the first in a and b; 0.4·127 = 50.8, 50 the last in a; 0.6·127 = 76.2, 76
        // the last in b; 0.8·127 = 101.6, 102 the first in c. The gap 77..101 (0.606..0.795) is nearer c's min 0.8 than
        // b's 0.3 or a's 0, so c plays it. Where a and b overlap, VELOCITY plays the first (a).
        assertThat(velocities(p, 36)).containsExactly("a.wav 1..50", "b.wav 51..76", "c.wav 77..127");
        assertThat(velocities(p, 37)).containsExactly("a.wav 1..38", "a.wav 39..50 rr 1/2", "b.wav 39..50 rr 2/2", "b.wav 51..76", "c.wav 77..127");
        assertThat(velocities(p, 38)).containsExactly("a.wav 1..38", "a.wav 39..50 rand 0.0..0.5", "b.wav 39..50 rand 0.5..1.0", "b.wav 51..76", "c.wav 77..127");
        Path bad = Files.writeString(dir.resolve("drumkit.xml"), xml.replace("RANDOM", "SHUFFLE"));
        assertThatThrownBy(() -> HydrogenImporter.load(bad)).hasMessageContaining("expected sampleSelectionAlgo VELOCITY, ROUND_ROBIN or RANDOM, found \"SHUFFLE\"");
    }

    private static List<String> velocities(Program p, int key) {
        return p.regions().stream().filter(r -> r.keyRange().lo() == key).map(r -> {
            String s = Path.of(r.sample().path()).getFileName() + " " + r.velocityRange().lo() + ".." + r.velocityRange().hi();
            if (r.conditions().seqLength() > 1) s += " rr " + r.conditions().seqPosition() + "/" + r.conditions().seqLength();
            if (r.conditions().randomHi() - r.conditions().randomLo() < 1) s += " rand " + r.conditions().randomLo() + ".." + r.conditions().randomHi();
            return s;
        }).sorted().toList();
    }

    @Test
    void malformedXmlNamesFileAndLine() throws Exception {
        Path kit = Files.writeString(dir.resolve("drumkit.xml"), "<drumkit_info>\n<instrumentList>\n<instrument>\n</drumkit_info>\n");
        assertThatThrownBy(() -> HydrogenImporter.load(kit)).isInstanceOf(XmlFormatException.class)
                .hasMessageStartingWith(kit + ":4:").hasMessageContaining("expected well-formed XML");
    }

    @Test
    void aNumberThatIsNotOneNamesItsElementAndLine() throws Exception {
        Path kit = Files.writeString(dir.resolve("drumkit.xml"), """
                <drumkit_info><name>x</name>
                <instrumentList><instrument><name>Kick</name>
                <volume>loud</volume></instrument></instrumentList></drumkit_info>
                """);
        assertThatThrownBy(() -> HydrogenImporter.load(kit)).hasMessage(kit + ":3: expected a number in <volume>, found \"loud\"");
    }

    @Test
    void anotherXmlIsNotAKit() throws Exception {
        Path kit = Files.writeString(dir.resolve("drumkit.xml"), "<song/>");
        assertThatThrownBy(() -> HydrogenImporter.load(kit)).hasMessage(kit + ":1: expected a Hydrogen kit (<drumkit_info>), found <song>");
    }
}
