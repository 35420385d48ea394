package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

/** The stored lift tables are exactly what the bisection computes: a drift in either cannot pass. */
class LiftTablesTest {

    @Test
    void fourPoleTableIsTheBisectionToTheLastBit() {
        assertBitIdentical(LiftTables.LIFT4, FilterDesign.liftTable(FilterDesign.BUTTER4));
    }

    @Test
    void sixPoleTableIsTheBisectionToTheLastBit() {
        assertBitIdentical(LiftTables.LIFT6, FilterDesign.liftTable(FilterDesign.BUTTER6));
    }

    @Test
    void zeroResonanceLiftIsTheButterworthTopSectionPeak() {
        // resonance 0 is Butterworth: the lift is the top Butterworth section's own peak, from its Q
        double q4 = 1 / (2 * Math.cos(3 * Math.PI / 8)), q6 = 1 / (2 * Math.cos(5 * Math.PI / 12));
        assertThat(LiftTables.LIFT4[0]).isCloseTo(20 * Math.log10(q4 / Math.sqrt(1 - 1 / (4 * q4 * q4))), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(LiftTables.LIFT6[0]).isCloseTo(20 * Math.log10(q6 / Math.sqrt(1 - 1 / (4 * q6 * q6))), org.assertj.core.data.Offset.offset(1e-12));
    }

    private static void assertBitIdentical(double[] stored, double[] computed) {
        assertThat(stored).hasSameSizeAs(computed);
        for (int i = 0; i < stored.length; i++)
            assertThat(Double.doubleToRawLongBits(stored[i]))
                    .as("entry %d: stored %s, bisection %s — regenerate with LiftTablesTest.main", i, stored[i], computed[i])
                    .isEqualTo(Double.doubleToRawLongBits(computed[i]));
    }

    /** Prints the tables as Java literals for {@link LiftTables} (Double.toString round-trips exactly). */
    public static void main(String[] args) {
        for (double[] butter : new double[][] {FilterDesign.BUTTER4, FilterDesign.BUTTER6})
            System.out.println(DoubleStream.of(FilterDesign.liftTable(butter)).mapToObj(Double::toString)
                    .collect(Collectors.joining(", ", "{", "}")));
    }
}
