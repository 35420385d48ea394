package dev.loophole.formats.sfz;

import static dev.loophole.formats.sfz.Sfz.warnings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Libraries written for ARIA and sfizz: {@code #include} and sample paths resolve against the top-level file's
 * folder first, then against the folder of the file they are written in.
 */
class IncludeFoldersTest {
    @TempDir Path dir;

    private Path write(String name, String text) throws IOException { return Sfz.write(dir, name, text); }

    @Test
    void aNestedIncludeMeansThePathFromTheTopLevelFolder() throws IOException {
        Path kit = write("Programs/kit.sfz", "<control> label_cc1=Mod\n#include \"modules/mapped.sfz\"\n");
        write("Programs/modules/mapped.sfz", "<group> lovel=10\n#include \"mappings/x.sfz\"\n");
        write("Programs/mappings/x.sfz", "<region> sample=*sine key=61\n");
        Program p = SfzImporter.load(kit);
        assertThat(p.regions()).singleElement().satisfies(r -> {
            assertThat(r.keyRange().lo()).isEqualTo(61);
            assertThat(r.velocityRange().lo()).isEqualTo(10);
            assertThat(r.origin().file()).isEqualTo(dir.resolve("Programs/mappings/x.sfz").toString());
        });
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void theTopLevelFolderWinsOverTheIncludingFilesFolder() throws IOException {
        Path kit = write("Programs/kit.sfz", "#include \"modules/mapped.sfz\"\n");
        write("Programs/modules/mapped.sfz", "#include \"mappings/x.sfz\"\n");
        write("Programs/mappings/x.sfz", "<region> sample=*sine key=61\n");
        write("Programs/modules/mappings/x.sfz", "<region> sample=*sine key=99\n");
        assertThat(SfzImporter.load(kit).regions()).extracting(r -> r.keyRange().lo()).containsExactly(61);
    }

    @Test
    void whenTheTopLevelFolderHasNothingTheIncludingFilesFolderIsUsed() throws IOException {
        Path kit = write("Programs/kit.sfz", "#include \"modules/mapped.sfz\"\n");
        write("Programs/modules/mapped.sfz", "#include \"local/y.sfz\"\n");
        write("Programs/modules/local/y.sfz", "<region> sample=*saw key=40\n");
        assertThat(SfzImporter.load(kit).regions()).extracting(r -> r.keyRange().lo()).containsExactly(40);
    }

    @Test
    void aMissingNestedIncludeNamesTheFileTheLineAndBothPlaces() throws IOException {
        Path kit = write("Programs/kit.sfz", "#include \"modules/mapped.sfz\"\n");
        write("Programs/modules/mapped.sfz", "<group>\n\n  #include \"mappings/none.sfz\"\n");
        assertThatThrownBy(() -> SfzImporter.load(kit)).isInstanceOf(SfzException.class)
                .hasMessage(dir.resolve("Programs/modules/mapped.sfz") + ":3:3: expected an existing file to #include, but \"mappings/none.sfz\" is neither at "
                        + dir.resolve("Programs/mappings/none.sfz") + " (the top-level file's folder) nor at "
                        + dir.resolve("Programs/modules/mappings/none.sfz") + " (the including file's folder)");
    }

    @Test
    void defaultPathInAnIncludedFileFollowsTheSameTwoRules() throws IOException {
        write("Programs/Samples/top.wav", "RIFF"); // only its existence matters to the loader
        write("Programs/modules/Samples/local.wav", "RIFF");
        Path kit = write("Programs/kit.sfz", "#include \"modules/mapped.sfz\"\n");
        write("Programs/modules/mapped.sfz", """
                <control> default_path=Samples/
                <region> sample=top.wav key=1
                <region> sample=local.wav key=2
                <region> sample=none.wav key=3
                """);
        Program p = SfzImporter.load(kit);
        assertThat(p.regions()).extracting(r -> r.sample().path()).containsExactly(
                dir.resolve("Programs/Samples/top.wav").toString(),
                dir.resolve("Programs/modules/Samples/local.wav").toString(),
                dir.resolve("Programs/Samples/none.wav").toString());
        assertThat(warnings(p)).singleElement().asString().isEqualTo(dir.resolve("Programs/modules/mapped.sfz")
                + ":4:17: warning: sample file not found: none.wav (looked for " + dir.resolve("Programs/Samples/none.wav")
                + " and " + dir.resolve("Programs/modules/Samples/none.wav") + ")");
    }

    @Test
    void aSamplePathInTheTopLevelFileIsLookedUpOnlyThere() throws IOException {
        Path kit = write("kit.sfz", "<region> sample=none.wav");
        assertThat(warnings(SfzImporter.load(kit))).singleElement().asString()
                .endsWith("warning: sample file not found: none.wav (looked for " + dir.resolve("none.wav") + ")");
    }
}
