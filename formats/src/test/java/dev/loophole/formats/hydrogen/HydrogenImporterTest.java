package dev.loophole.formats.hydrogen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.loophole.formats.xml.XmlFormatException;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.nio.file.Files;
import java.nio.file.Path;
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
        assertThat(close.velocityRange().lo()).isEqualTo(1);
        assertThat(close.velocityRange().hi()).isEqualTo(63); // floor(0.5·127)
        assertThat(room.velocityRange().lo()).isEqualTo(64); // ceil(0.5·127)
        assertThat(close.tuning().transpose()).isEqualTo(-1);
        assertThat(close.tuning().tune()).isEqualTo(-25);
        assertThat(Path.of(room.sample().path())).isEqualTo(dir.resolve("b.wav").toAbsolutePath());
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
