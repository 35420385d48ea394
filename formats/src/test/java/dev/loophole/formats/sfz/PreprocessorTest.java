package dev.loophole.formats.sfz;

import static dev.loophole.formats.sfz.Sfz.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.model.IntRange;
import dev.loophole.model.Program;
import dev.loophole.model.SampleRegion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessorTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException { return Sfz.write(dir, name, text); }

    @Test
    void definesTakeTheLongestNameThatFits() {
        Program p = Sfz.parse(dir, """
                #define $KICK 36
                #define $KICKKEY 40
                #define $VOL -6
                <region> sample=*sine key=$KICKKEY
                <region> sample=*sine key=$KICK volume=$VOL
                <region> sample=*sine lokey=$KICK hikey=$KICKKEY
                """);
        assertThat(p.regions()).extracting(SampleRegion::keyRange)
                .containsExactly(IntRange.single(40), IntRange.single(36), new IntRange(36, 40));
        assertThat(p.regions().get(1).amp().volume()).isEqualTo(-6);
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void definesWorkInNamesAndCanBeRedefined() {
        Program p = Sfz.parse(dir, """
                #define $CC 7
                #define $N 60
                <region> sample=*sine locc$CC=10 key=$N
                #define $N 61
                <region> sample=*sine key=$N
                """);
        assertThat(p.regions().get(0).conditions().ccRanges()).containsEntry(7, new IntRange(10, 127));
        assertThat(p.regions()).extracting(r -> r.keyRange().lo()).containsExactly(60, 61);
    }

    @Test
    void undefinedNamesStayAndAreReported() {
        Program p = Sfz.parse(dir, "<region> sample=*sine key=$NOPE");
        assertThat(p.regions().getFirst().keyRange()).isEqualTo(IntRange.MIDI);
        assertThat(warnings(p)).first().asString().endsWith(":1:27: warning: $NOPE is not defined (#define it before use); kept as written");
    }

    @Test
    void nestedIncludesResolveAgainstTheIncludingFile() throws IOException {
        write("parts/groups.sfz", "#define $VEL 90\n<group> lovel=$VEL\n#include \"more/regions.sfz\"\n");
        write("parts/more/regions.sfz", "<region> sample=*sine key=60\n<region> sample=*saw key=$ROOT\n");
        Path main = write("main.sfz", "#define $ROOT 48\n<control> label_cc1=Mod\n#include \"parts/groups.sfz\"\n<region> sample=*square key=$VEL\n");
        Program p = SfzImporter.load(main);
        assertThat(p.regions()).extracting(r -> r.keyRange().lo()).containsExactly(60, 48, 90);
        assertThat(p.regions()).extracting(r -> r.velocityRange().lo()).containsExactly(90, 90, 90);
        assertThat(p.regions().get(1).origin().file()).isEqualTo(dir.resolve("parts/more/regions.sfz").toString());
        assertThat(p.regions().get(1).origin().line()).isEqualTo(2);
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void includeWithBackslashesAndWrongCase() throws IOException {
        write("Sub/Part.SFZ", "<region> sample=*sine key=1");
        Program p = Sfz.parse(dir, "#include \"sub\\part.sfz\"");
        assertThat(p.regions()).hasSize(1);
    }

    @Test
    void aMissingIncludeIsAnError() {
        assertThatThrownBy(() -> SfzImporter.parse("<group>\n  #include \"nope.sfz\"", dir.resolve("main.sfz")))
                .isInstanceOf(SfzException.class)
                .hasMessageStartingWith(dir.resolve("main.sfz") + ":2:3: expected an existing file to #include, but \"nope.sfz\" is not at ");
    }

    @Test
    void anIncludeCycleLoadsWithAWarningAndSkipsTheRepeat() throws IOException {
        write("a.sfz", "<region> sample=*sine key=1\n#include \"b.sfz\"");
        write("b.sfz", "<region> sample=*saw key=2\n\n#include \"a.sfz\"\n<region> sample=*square key=3");
        Path main = write("main.sfz", "#include \"a.sfz\"");
        Program p = SfzImporter.load(main);
        // a, b, then b's include of a is skipped and b goes on: keys 1, 2, 3 once each.
        assertThat(p.regions()).extracting(r -> r.keyRange().lo()).containsExactly(1, 2, 3);
        assertThat(warnings(p)).containsExactly(dir.resolve("b.sfz")
                + ":3:1: warning: #include cycle main.sfz -> a.sfz -> b.sfz -> a.sfz; the repeated #include is skipped");
    }

    @Test
    void aFileIncludingItselfLoadsWithAWarning() throws IOException {
        Path main = write("self.sfz", "<region> sample=*sine\n#include \"self.sfz\"");
        Program p = SfzImporter.load(main);
        assertThat(p.regions()).hasSize(1);
        assertThat(warnings(p)).singleElement().asString().endsWith(":2:1: warning: #include cycle self.sfz -> self.sfz; the repeated #include is skipped");
    }

    @Test
    void includeDepthIsLimited() throws IOException {
        int n = Preprocessor.MAX_INCLUDE_DEPTH + 2;
        for (int i = 0; i < n; i++) write("d" + i + ".sfz", "#include \"d" + (i + 1) + ".sfz\"");
        write("d" + n + ".sfz", "<region> sample=*sine");
        assertThatThrownBy(() -> SfzImporter.load(dir.resolve("d0.sfz")))
                .hasMessage(dir.resolve("d" + (Preprocessor.MAX_INCLUDE_DEPTH - 1) + ".sfz")
                        + ":1:1: expected #include nesting of at most " + Preprocessor.MAX_INCLUDE_DEPTH + " files");
    }

    @Test
    void includingTheSameFileTwiceIsFine() throws IOException {
        write("r.sfz", "<region> sample=*sine");
        assertThat(Sfz.parse(dir, "#include \"r.sfz\"\n#include \"r.sfz\"").regions()).hasSize(2);
    }

    @Test
    void errorsInIncludedFilesNameThatFile() throws IOException {
        write("bad.sfz", "<region>\n\n   <regin>");
        assertThatThrownBy(() -> SfzImporter.parse("#include \"bad.sfz\"", dir.resolve("main.sfz")))
                .hasMessageContaining(dir.resolve("bad.sfz") + ":3:4: expected a header");
    }

    @Test
    void latin1FilesAreRead() throws IOException {
        Path f = dir.resolve("latin.sfz");
        Files.write(f, "<region> sample=*sine sw_label=Caf\u00e9".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertThat(SfzImporter.load(f).regions().getFirst().conditions().swLabel()).isEqualTo("Caf\u00e9");
    }

    @Test
    void aMissingTopLevelFileIsAnSfzException() {
        assertThatThrownBy(() -> SfzImporter.load(dir.resolve("none.sfz"))).isInstanceOf(SfzException.class)
                .hasMessageStartingWith(dir.resolve("none.sfz") + ": expected a readable file at");
    }
}
