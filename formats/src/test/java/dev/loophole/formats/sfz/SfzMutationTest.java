package dev.loophole.formats.sfz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.loophole.model.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random edits of valid SFZ text: each must load as a Program or fail with an
 * SfzException, never another exception and never a hang. Seeded, so a failure names the case to replay.
 */
class SfzMutationTest {
    // -Dsfz.mutation.seed=… -Dsfz.mutation.cases=… replay a failure or search longer.
    private static final long SEED = Long.getLong("sfz.mutation.seed", 0x5F2_0001L);
    private static final int CASES = Integer.getInteger("sfz.mutation.cases", 600 * Integer.getInteger("loophole.mutation.scale", 1));

    private static final List<String> CORPUS = List.of("""
            // A small piano
            #define $VEL 64
            #define $VELHI 127
            <control> default_path=samples\\ octave_offset=0 set_cc1=64 label_cc1=Mod
            <global> ampeg_release=0.5 volume=-3 /* level */ sustain_cc=64
            <master> pan=5
            <group> lovel=1 hivel=$VEL trigger=attack seq_length=2
            <region> sample=Piano C4 p.wav lokey=c4 hikey=d4 pitch_keycenter=c4 seq_position=1
            <region> sample=Piano C4 p2.wav key=60 seq_position=2 loop_mode=loop_continuous loopstart=10 loopend=900
            <group> lovel=65 hivel=$VELHI amp_veltrack=80 fil_type=lpf_2p cutoff=2000 fileg_depth=1200
            <region> sample=*sine lokey=e4 hikey=72 ampeg_attack=0.01 ampeg_sustain=75 tune=-5
            """, """
            <control> note_offset=-12 label_key36=Kick
            <group> group=1 off_by=2 off_mode=normal polyphony=4 sw_lokey=24 sw_hikey=26 sw_default=24
            <region> sample=*noise key=36 sw_last=24 sw_label=Open locc64=0 hicc64=63 amplfo_freq=5
            <region> sample=*saw key=38 eq1_freq=100 lfo1_wave=2 volume_oncc7=6 xfin_locc1=0 xfin_hicc1=127
            #include "inc.sfz"
            <curve> curve_index=1 v000=0 v127=1
            <effect> type=reverb bus=main
            """);

    private static final List<String> SNIPPETS = List.of("<region>", "<group>", "<global>", "<master>", "<control>",
            "<curve>", "<effect>", "<midi>", "<sample>", "<regin>", "<", ">", "=", "==", "/*", "*/", "//", "#define $X 5",
            "#define", "#include \"inc.sfz\"", "#include \"loop.sfz\"", "#include \"none.sfz\"", "#include", "$X", "$", "$VEL",
            " lokey=", "key=c#4", "hikey=-1", "volume=1e400", "pan=NaN", "tune=+-3", "sample=", "sample=..\\..\\x.wav",
            "sample=\u0000.wav", "default_path=/", "octave_offset=99", "locc99999999999=1", "\n", "\r", "\t", " ", "\"",
            "\\", "\uFEFF", "é", "lfo99_wave=3", "seq_position=0", "seq_length=-5", "loop_start=-7", "end=-1",
            "amp_velcurve_=1", "v999=2", "curve_index=-1", "offset=99999999999999999999", " data=|spp$", " data=", "name=x.wav",
            "<sample> name=e.wav data=|spp=S$", "key=-1", "xfin_locc1=200", "set_hdcc1=2",
            // Preprocessor bombs: doubling defines and a file including itself four times must stay bounded.
            "#define $D $D$D$D$D\n", "#define $E $D$D$D$D$D$D$D$D\n", "$E$E$E$E", "#include \"four.sfz\"",
            "<sample> name=b.wav base64data=UklGRg==\nAAAA\n", " base64data=");

    @TempDir Path dir;

    @Test
    void randomEditsLoadOrFailCleanly() throws IOException {
        Files.writeString(dir.resolve("inc.sfz"), "<group> lovel=10\n<region> sample=*sine key=70\n");
        Files.writeString(dir.resolve("loop.sfz"), "#include \"loop.sfz\"\n");
        Files.writeString(dir.resolve("four.sfz"), "<region> sample=*sine\n" + "#include \"four.sfz\"\n".repeat(4));
        for (String text : CORPUS) assertThat(Sfz.parse(dir, text).regions()).isNotEmpty();

        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(15L * Math.max(1, CASES / 600)), () -> {
            Random random = new Random(SEED);
            for (int i = 0; i < CASES; i++) {
                String text = CORPUS.get(random.nextInt(CORPUS.size()));
                int edits = 1 + random.nextInt(4);
                for (int e = 0; e < edits; e++) text = mutate(text, random);
                try {
                    Program p = SfzImporter.parse(text, dir.resolve("m.sfz"));
                    assertThat(p.diagnostics()).allMatch(d -> d.where() != null && d.message() != null);
                    outcomes[0]++;
                } catch (SfzException expected) {
                    // Named: the top file or one it includes, with line and column.
                    assertThat(expected.getMessage()).startsWith(dir.toString()).contains(": expected");
                    outcomes[1]++;
                } catch (RuntimeException | Error e) {
                    throw new AssertionError("case " + i + " (seed " + SEED + ") threw " + e + " for:\n" + text, e);
                }
            }
        });
        // Both paths must be exercised, or the edits are too mild or too wild to test anything.
        assertThat(outcomes[0]).isGreaterThan(CASES / 10);
        assertThat(outcomes[1]).isGreaterThan(CASES / 10);
    }

    private static String mutate(String s, Random r) {
        int at = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
        return switch (r.nextInt(6)) {
            case 0 -> s.substring(0, at) + SNIPPETS.get(r.nextInt(SNIPPETS.size())) + s.substring(at);
            case 1 -> s.substring(0, at) + (char) (32 + r.nextInt(95)) + s.substring(at);
            case 2 -> { // delete a short run
                int end = Math.min(s.length(), at + 1 + r.nextInt(8));
                yield at >= s.length() ? s : s.substring(0, at) + s.substring(end);
            }
            case 3 -> { // duplicate a slice somewhere else
                if (s.isEmpty()) yield s;
                int from = r.nextInt(s.length()), len = Math.min(s.length() - from, r.nextInt(40));
                yield s.substring(0, at) + s.substring(from, from + len) + s.substring(at);
            }
            case 4 -> { // replace one character
                if (at >= s.length()) yield s;
                String chars = "<>=/*#$\"\\ \n0123456789-.abcxyz";
                yield s.substring(0, at) + chars.charAt(r.nextInt(chars.length())) + s.substring(at + 1);
            }
            default -> { // swap two lines
                String[] lines = s.split("\n", -1);
                int a = r.nextInt(lines.length), b = r.nextInt(lines.length);
                String t = lines[a]; lines[a] = lines[b]; lines[b] = t;
                yield String.join("\n", lines);
            }
        };
    }
}
