package dev.loophole.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.formats.InstrumentPrefetch;
import dev.loophole.formats.sfz.SfzImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which instrument files a raw command line starts opening before picocli parses it, and that the render takes them. */
class RenderPrefetchTest {
    @TempDir Path dir;

    private Path sfz(String name) throws Exception {
        return Files.writeString(dir.resolve(name), "<region> sample=" + name + ".wav key=60\n");
    }

    @Test
    void aRendersInstrumentsAreStartedInEveryFormTheOptionTakes() throws Exception {
        Path a = sfz("a.sfz"), b = sfz("b.sfz"), c = sfz("c.sfz");
        RenderPrefetch.start(new String[]{"render", "--midi", "s.mid", "--instrument", a.toString(),
                "--instrument=" + b, "--instrument", "10=" + c, "--out", "x.wav"});
        for (Path p : new Path[]{a, b, c})
            assertThat(InstrumentPrefetch.take(p)).as("%s", p).isNotNull().isEqualTo(SfzImporter.load(p));
    }

    @Test
    void otherCommandsAndOtherOptionsStartNothing() throws Exception {
        Path a = sfz("a.sfz"), midi = sfz("m.sfz");
        RenderPrefetch.start(new String[]{"play", "--instrument", a.toString()});
        RenderPrefetch.start(new String[]{"render", "--midi", midi.toString(), "--instrument"}); // no value: picocli says so
        assertThat(InstrumentPrefetch.take(a)).isNull();
        assertThat(InstrumentPrefetch.take(midi)).isNull();
    }

    @Test
    void theRenderTakesThePrefetchedProgram() throws Exception {
        Path a = sfz("a.sfz");
        RenderPrefetch.start(new String[]{"render", "--instrument", a.toString()});
        assertThat(InstrumentLoader.load(a)).isEqualTo(SfzImporter.load(a));
        assertThat(InstrumentPrefetch.take(a)).as("the loader took it").isNull();
    }
}
