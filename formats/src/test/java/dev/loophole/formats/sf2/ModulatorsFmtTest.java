package dev.loophole.formats.sf2;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Modulators#fmt} writes what BigDecimal's plain form of the value rounded to 6 places writes, for any magnitude. */
class ModulatorsFmtTest {
    static String byBigDecimal(double d) {
        double r = Math.round(d * 1e6) / 1e6;
        return r == 0 ? "0" : BigDecimal.valueOf(r).stripTrailingZeros().toPlainString();
    }

    @Test
    void writesTheSameTextAsBigDecimalsPlainForm() {
        Random rnd = new Random(15);
        for (int i = 0; i < 200_000; i++) {
            // Magnitudes from 1e-8 to 1e14: both sides of Double.toString's plain range, and Math.round's saturation.
            double d = (rnd.nextBoolean() ? -1 : 1) * Math.pow(10, -8 + 22 * rnd.nextDouble());
            if (i % 4 == 0) d = Math.round(d * 1000) / 1000.0; // values with few places, as timecents and Hz often are
            assertThat(Modulators.fmt(d)).as("%s", d).isEqualTo(byBigDecimal(d));
        }
        for (double d : new double[] {0, -0.0, 1e-7, 5e-7, 0.001, 1, 10, 1e6, 1e7, 12.5, -0.25, 8.176, 9.2e18, 1e300})
            assertThat(Modulators.fmt(d)).as("%s", d).isEqualTo(byBigDecimal(d));
        assertThat(Modulators.fmt(0.0079841)).isEqualTo("0.007984");
        assertThat(Modulators.fmt(1000000.0)).isEqualTo("1000000");
    }
}
