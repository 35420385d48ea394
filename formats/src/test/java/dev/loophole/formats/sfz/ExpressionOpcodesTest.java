package dev.loophole.formats.sfz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.model.ExpressionDimension;
import dev.loophole.model.ExpressionMapping;
import dev.loophole.model.ExpressionMapping.Route;
import dev.loophole.model.ExpressionMapping.Shape;
import dev.loophole.model.ExpressionMapping.Target;
import dev.loophole.model.Program;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The expression mapping is saved with the program: {@code loophole_expressionN} opcodes under {@code <control>}. */
class ExpressionOpcodesTest {
    @TempDir Path dir;

    @Test
    void aProgramWithoutExpressionOpcodesHasTheSamplerDefault() {
        Program p = Sfz.parse(dir, "<region> sample=*sine\n");
        assertThat(p.expression()).isEqualTo(ExpressionMapping.SAMPLER_DEFAULT);
    }

    @Test
    void opcodesAreReadAndWrittenBackExactly() throws Exception {
        Program p = Sfz.parse(dir, """
                <control>
                loophole_expression1=pressure:amplitude:-6:3:square:20
                loophole_expression2=timbre:cutoff:-1200:1200:linear:5:relative
                loophole_expression3=cc300:cc11:0:1
                loophole_expression4=pitch:lfo_depth:0:40
                <region> sample=*sine
                """);
        ExpressionMapping m = p.expression();
        assertThat(m.routes()).containsExactly(
                new Route(ExpressionDimension.PRESSURE, -1, Target.AMPLITUDE, -1, -6, 3, Shape.SQUARE, 20, false),
                new Route(ExpressionDimension.TIMBRE, -1, Target.CUTOFF, -1, -1200, 1200, Shape.LINEAR, 5, true),
                new Route(ExpressionDimension.PER_NOTE_CC, 300, Target.SFZ_CC, 11, 0, 1, Shape.LINEAR, 0, false),
                new Route(ExpressionDimension.PITCH, -1, Target.LFO_DEPTH, -1, 0, 40, Shape.LINEAR, 0, false));
        assertThat(Sfz.warnings(p)).isEmpty();
        Path out = dir.resolve("out.sfz");
        assertThat(SfzExporter.write(p, out)).isEmpty();
        assertThat(Files.readString(out)).contains("<control> loophole_expression1=pressure:amplitude:-6:3:square:20");
        assertThat(SfzImporter.load(out).expression()).isEqualTo(m);
    }

    @Test
    void anEmptyMappingIsWrittenAsNoneAndTheDefaultIsNotWritten() throws Exception {
        Program p = Sfz.parse(dir, "<region> sample=*sine\n");
        Path none = dir.resolve("none.sfz"), def = dir.resolve("def.sfz");
        SfzExporter.write(p.withExpression(ExpressionMapping.NONE), none);
        SfzExporter.write(p, def);
        assertThat(SfzImporter.load(none).expression()).isEqualTo(ExpressionMapping.NONE);
        assertThat(Files.readString(def)).doesNotContain("loophole_expression");
    }

    @Test
    void badRoutesAreWarnedWithTheirLineAndSkipped() {
        Program p = Sfz.parse(dir, """
                <control>
                loophole_expression1=pressure:volume:0:6
                loophole_expression2=pressure:amplitude:zero:6
                loophole_expression3=timbre:cutoff:0:1200
                <region> sample=*sine
                """);
        assertThat(p.expression().routes()).hasSize(1);
        List<String> w = Sfz.warnings(p);
        assertThat(w).hasSize(2);
        assertThat(w.get(0)).contains(":2:").contains("unknown target 'volume'");
        assertThat(w.get(1)).contains(":3:").contains("expected a number, found 'zero'");
    }
}
