package dev.loophole.formats.sfz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written number scanner accepts exactly what the SFZ number grammar (as a regex) accepts, with the same values. */
class ValueParseTest {
    static final Pattern GRAMMAR = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,3})?");

    static double reference(String s) {
        if (!GRAMMAR.matcher(s).matches()) return Double.NaN;
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? d : Double.NaN;
    }

    @Test
    void agreesWithTheGrammarOnRandomStrings() {
        Random rnd = new Random(20261124);
        String alphabet = "0123456789+-.eE xa";
        for (int n = 0; n < 200_000; n++) {
            int len = rnd.nextInt(9);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < len; i++) b.append(alphabet.charAt(rnd.nextInt(rnd.nextBoolean() ? 10 : alphabet.length())));
            String s = b.toString();
            assertThat(Double.compare(Value.parse(s), reference(s))).as("'%s'", s).isZero();
        }
    }

    @Test
    void typicalValues() {
        assertThat(Value.parse("60")).isEqualTo(60.0);
        assertThat(Value.parse("-12")).isEqualTo(-12.0);
        assertThat(Value.parse("0.001")).isEqualTo(0.001);
        assertThat(Value.parse(".5")).isEqualTo(0.5);
        assertThat(Value.parse("1e3")).isEqualTo(1000.0);
        assertThat(Value.parse("123456789012345678901")).isEqualTo(1.23456789012345678901e20);
        assertThat(Double.compare(Value.parse("-0"), -0.0)).isZero();
        assertThat(Value.parse("1e1000")).isNaN();
        assertThat(Value.parse("c4")).isNaN();
        assertThat(Value.parse("")).isNaN();
    }
}
