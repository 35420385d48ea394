package dev.loophole.formats.sfz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A few hostile lines must end in an SfzException naming the place, not in OutOfMemoryError or hours of work. */
class PreprocessorLimitsTest {
    @TempDir Path dir;

    @Test
    void fortyNestedDefinesStopWhereAValueGrowsPastTheCap() {
        StringBuilder text = new StringBuilder("#define $L0 x\n");
        for (int k = 1; k <= 40; k++) text.append("#define $L").append(k).append(" $L").append(k - 1).append("$L").append(k - 1).append('\n');
        text.append("<region> sample=*sine key=$L40\n");
        // $Lk is 2^k characters long; the first k whose value passes the cap is written on line k + 1.
        int cap = Preprocessor.Limits.DEFAULT.maxValueChars();
        int k = 0;
        while ((1L << k) <= cap) k++;
        int line = k + 1;
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> SfzImporter.parse(text.toString(), dir.resolve("bomb.sfz"))).isInstanceOf(SfzException.class)
                        .hasMessageStartingWith(dir.resolve("bomb.sfz") + ":" + line + ":1: expected $-substitution to give at most " + cap + " characters"));
    }

    @Test
    void includesMultiplyingFourfoldStopAtTheIncludeCap() throws IOException {
        int files = 14;
        for (int i = 0; i < files; i++) {
            String body = i + 1 < files ? ("#include \"f" + (i + 1) + ".sfz\"\n").repeat(4) : "<region> sample=*sine\n";
            Files.writeString(dir.resolve("f" + i + ".sfz"), body);
        }
        int cap = Preprocessor.Limits.DEFAULT.maxIncludes();
        // Walk the same depth-first order independently to find which include line is number cap + 1.
        int[] count = {0};
        String[] where = new String[1];
        walk(0, files, cap, count, where);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () ->
                assertThatThrownBy(() -> SfzImporter.load(dir.resolve("f0.sfz"))).isInstanceOf(SfzException.class)
                        .hasMessage(dir.resolve(where[0]) + ": expected at most " + cap
                                + " #include lines to follow in one instrument, but this one goes past that"));
    }

    private static boolean walk(int file, int files, int cap, int[] count, String[] where) {
        if (file + 1 >= files) return false;
        for (int line = 1; line <= 4; line++) {
            if (++count[0] > cap) { where[0] = "f" + file + ".sfz:" + line + ":1"; return true; }
            if (walk(file + 1, files, cap, count, where)) return true;
        }
        return false;
    }

    @Test
    void includedBytesAreCapped() throws IOException {
        Files.writeString(dir.resolve("big.sfz"), "<region> sample=*sine key=60 // " + "x".repeat(1000) + "\n");
        var limits = new Preprocessor.Limits(1 << 20, 1 << 20, 2500, 100);
        String main = "#include \"big.sfz\"\n#include \"big.sfz\"\n#include \"big.sfz\"\n";
        // Each inclusion adds the file's 1,034 characters: the third passes 2,500.
        assertThatThrownBy(() -> new Preprocessor(new Diagnostics(), new PathResolver(), limits)
                .run(dir.resolve("m.sfz"), new Preprocessor.Source(main, java.nio.charset.StandardCharsets.UTF_8)))
                .hasMessage(dir.resolve("m.sfz") + ":3:1: expected #include'd files to add up to at most 2500 bytes, but including "
                        + dir.resolve("big.sfz") + " here goes past that");
    }

    @Test
    void expandedOpcodeTextIsCapped() throws IOException {
        var limits = new Preprocessor.Limits(1 << 20, 3000, 1 << 20, 100);
        String text = "#define $V " + "1".repeat(999) + "\n" + "<region> a=$V\n".repeat(4);
        // Each opcode is 1 + 999 characters after expansion: the fourth passes 3,000 on line 5.
        assertThatThrownBy(() -> new Preprocessor(new Diagnostics(), new PathResolver(), limits)
                .run(dir.resolve("m.sfz"), new Preprocessor.Source(text, java.nio.charset.StandardCharsets.UTF_8)))
                .hasMessageStartingWith(dir.resolve("m.sfz") + ":5:10: expected the preprocessed instrument to stay within 3000 characters");
    }

    @Test
    void aRealisticallyLargeInstrumentIsFarBelowTheCaps() throws IOException {
        // 88 keys x 16 layers in 88 included files, each included twice: well under every default.
        StringBuilder main = new StringBuilder();
        for (int k = 21; k <= 108; k++) {
            StringBuilder f = new StringBuilder("<group> key=" + k + "\n");
            for (int v = 0; v < 16; v++) f.append("<region> sample=*sine lovel=").append(v * 8 + 1).append(" hivel=").append(v * 8 + 8).append('\n');
            Files.writeString(dir.resolve("k" + k + ".sfz"), f);
            main.append("#include \"k").append(k).append(".sfz\"\n").append("#include \"k").append(k).append(".sfz\"\n");
        }
        assertThat(SfzImporter.parse(main.toString(), dir.resolve("m.sfz")).regions()).hasSize(88 * 16 * 2);
    }
}
