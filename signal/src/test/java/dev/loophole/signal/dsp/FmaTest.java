package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The portable fused multiply-add (for CPUs without the instruction) against the exact sum rounded once: computed here
 * with BigDecimal (exact) and Float's own rounding, not with the code under test. Random triples over many exponents,
 * products nearly cancelled by c, and sums put on and next to the midpoints between two floats (where a double
 * rounding would go wrong).
 */
class FmaTest {
    private static float exact(float a, float b, float c) {
        return new BigDecimal((double) a).multiply(new BigDecimal((double) b)).add(new BigDecimal((double) c)).floatValue();
    }

    private static void check(float a, float b, float c) {
        float want = exact(a, b, c);
        assertThat(Float.floatToRawIntBits(Fma.roundToOdd(a, b, c))).as("fma(%s, %s, %s)", a, b, c)
                .isEqualTo(Float.floatToRawIntBits(want));
        assertThat(Float.floatToRawIntBits(Fma.fma(a, b, c))).isEqualTo(Float.floatToRawIntBits(want));
    }

    private static float any(SplittableRandom r, int spread) {
        return (float) ((r.nextBoolean() ? 1 : -1) * (1 + r.nextDouble()) * Math.scalb(1.0, r.nextInt(-spread, spread + 1)));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void roundsOnceLikeTheExactSum(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int ties = 0;
        for (int i = 0; i < 100_000; i++) {
            float a = any(r, 20), b = any(r, 20);
            check(a, b, any(r, 40));                          // anything
            float p = a * b;
            check(a, b, -p);                                  // the product's rounding error alone
            check(a, b, -p + any(r, 2) * Math.ulp(p));        // nearly cancelled
            // a midpoint between two floats near a·b, then c put on it and a little either side of it
            double mid = (double) p + Math.ulp(p) / 2 * (r.nextBoolean() ? 1 : -1);
            float c = (float) (mid - (double) a * b);
            check(a, b, c);
            check(a, b, Math.nextUp(c));
            check(a, b, Math.nextDown(c));
            if ((double) a * b + c == mid) ties++;
        }
        assertThat(ties).as("sums landing exactly on a midpoint (ties to even)").isGreaterThan(1_000);
    }
}
