package dev.loophole.formats.sfz;

import static dev.loophole.formats.sfz.Sfz.warnings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplePathTest {
    @TempDir Path dir;

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, new byte[] {0});
        return p;
    }

    private String sample(Program p, int i) { return p.regions().get(i).sample().path(); }

    @Test
    void spacesBackslashesAndDefaultPath() throws IOException {
        Path a = touch("My Samples/Grand Piano/C4 ff.wav");
        Path b = touch("My Samples/Grand Piano/D4 ff.wav");
        Program p = Sfz.parse(dir, """
                <region> sample=My Samples\\Grand Piano\\C4 ff.wav lokey=60
                <control> default_path=My Samples\\Grand Piano\\
                <region> sample=D4 ff.wav
                <control> default_path=My Samples/Grand Piano
                <region> sample=C4 ff.wav key=60
                """);
        assertThat(sample(p, 0)).isEqualTo(a.toString());
        assertThat(sample(p, 1)).isEqualTo(b.toString());
        assertThat(sample(p, 2)).isEqualTo(a.toString());
        assertThat(p.regions().get(0).keyRange().lo()).isEqualTo(60);
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void wrongCaseFindsTheFileComponentByComponent() throws IOException {
        Path real = touch("Drums/Kick/Kick_01.WAV");
        Program p = Sfz.parse(dir, "<region> sample=drums\\KICK\\kick_01.wav");
        assertThat(sample(p, 0)).isEqualTo(real.toString());
        assertThat(p.diagnostics()).isEmpty();
    }

    @Test
    void relativeToTheTopFileEvenFromAnInclude() throws IOException {
        Path s = touch("samples/a.wav");
        Files.createDirectories(dir.resolve("inc"));
        Files.writeString(dir.resolve("inc/r.sfz"), "<region> sample=samples/a.wav");
        Program p = Sfz.parse(dir, "#include \"inc/r.sfz\"");
        assertThat(sample(p, 0)).isEqualTo(s.toString());
    }

    @Test
    void dotDotSegmentsAndAbsolutePaths() throws IOException {
        Path s = touch("shared/x.wav");
        Files.createDirectories(dir.resolve("inst"));
        Program p = Sfz.parse(dir.resolve("inst"), "<region> sample=..\\shared\\x.wav\n<region> sample=" + s);
        assertThat(sample(p, 0)).isEqualTo(s.toString());
        assertThat(sample(p, 1)).isEqualTo(s.toString());
    }

    @Test
    void aMissingSampleIsAWarningAndTheRegionStays() {
        Program p = Sfz.parse(dir, "<region> key=60\n<region> key=61 sample=gone/Missing File.wav");
        assertThat(p.regions()).hasSize(2);
        assertThat(sample(p, 1)).isEqualTo(dir.resolve("gone/Missing File.wav").toString());
        assertThat(warnings(p)).containsExactly(dir.resolve("test.sfz") + ":2:24: warning: sample file not found: gone/Missing File.wav (looked for "
                + dir.resolve("gone/Missing File.wav") + ")");
        assertThat(p.regions().get(0).samples()).isEmpty();
    }
}
