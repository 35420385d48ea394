package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loophole.signal.dsp.Interpolation;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cubic read's two phases against the one-frame-at-a-time kernel they replace ({@link Kernels#runShifted}, which
 * sums the position frame by frame): positions, fractions, the position after the run and every output sample equal
 * bit for bit — for the integer positions (runs inside one binade), for the runs that fall back to summing (binade
 * crossings, steps exactly halfway between two multiples of the position's ulp, backward steps across a binade),
 * for the integer form's direct read (positions made inside the kernel), and for the vector forms against the scalar forms.
 */
class CubicRunTest {
    private static final int CUBIC = Interpolation.CUBIC;

    /** The summing loop: what every read path did before. */
    private static double summed(int n, double pos, double offset, double step, int[] at, float[] frac) {
        for (int j = 0; j < n; j++) {
            double q = pos + offset;
            int idx = (int) q;
            at[j] = idx;
            frac[j] = (float) (q - idx);
            pos += step;
        }
        return pos;
    }

    private static void assertPositionsMatch(double pos, double offset, double step, int n) {
        int[] atA = new int[n], atB = new int[n];
        float[] fA = new float[n], fB = new float[n];
        double endA = summed(n, pos, offset, step, atA, fA);
        double endB = CubicRun.positions(0, n, pos, offset, step, atB, fB);
        String what = "pos " + pos + " offset " + offset + " step " + step;
        assertThat(Double.doubleToRawLongBits(endB)).as(what).isEqualTo(Double.doubleToRawLongBits(endA));
        assertThat(atB).as(what).containsExactly(atA);
        for (int j = 0; j < n; j++) assertThat(Float.floatToRawIntBits(fB[j])).as(what + " frame " + j).isEqualTo(Float.floatToRawIntBits(fA[j]));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void positionsEqualTheSummingLoopBitForBit(long seed) {
        Random rnd = new Random(seed);
        int integer = 0;
        for (int t = 0; t < 20_000; t++) {
            double pos = switch (t % 4) {
                case 0 -> 1 + rnd.nextDouble() * 2_000_000;                     // anywhere
                case 1 -> Math.scalb(1.0, 1 + rnd.nextInt(20)) - rnd.nextDouble() * 40; // just below a binade's top: runs cross it
                case 2 -> rnd.nextInt(100_000) + 0.5;                           // exact halves
                default -> rnd.nextInt(100_000) + 2;                            // whole frames
            };
            double step = switch (t % 5) {
                case 0 -> 0.25 + rnd.nextDouble() * 3;
                case 1 -> Math.pow(2, (rnd.nextInt(4801) - 2400) / 1200.0); // ±2 octaves of semitone-ish ratios
                case 2 -> 1.0;
                case 3 -> Math.scalb(rnd.nextInt(1 << 20) + 0.5, -20 - rnd.nextInt(30)); // a tie at some binade
                default -> -(0.25 + rnd.nextDouble() * 2);                       // backward
            };
            if (step < 0) pos += 40 * -step; // keep q >= 0 over the run
            double offset = t % 3 == 0 ? -Math.floor(rnd.nextDouble() * pos) : 0;
            int n = 1 + rnd.nextInt(32);
            if (CubicRun.integerShift(pos, offset, step, n) >= 0) integer++;
            assertPositionsMatch(pos, offset, step, n);
        }
        assertThat(integer).as("runs through the integer form").isBetween(10_000, 19_000);
    }

    @Test
    void edgeCasesFallBackToSummingWithTheSameResult() {
        assertPositionsMatch(65535.9, 0, 0.01, 32);          // crosses 2^16 within the run
        assertPositionsMatch(65536.05, 0, -0.01, 32);        // crosses it downwards
        assertPositionsMatch(1.0, 0, Math.ulp(1.0) / 2, 32); // the step is exactly half an ulp: each sum a tie
        assertPositionsMatch(1.0 + Math.ulp(1.0), 0, Math.ulp(1.0) / 2, 32); // ties from an odd last bit
        assertPositionsMatch(3.0, 0, 1e-20, 32);             // a step that rounds away to nothing
        assertPositionsMatch(0.75, 0, 0.5, 32);              // below 1 (e < 0): summed
        assertPositionsMatch(1 << 30, -(1 << 29), 1.5, 32);  // a large offset
        assertThat(CubicRun.integerShift(65535.9, 0, 0.01, 32)).isEqualTo(-1);
        assertThat(CubicRun.integerShift(1.0, 0, Math.ulp(1.0) / 2, 32)).isEqualTo(-1);
        assertThat(CubicRun.integerShift(600.25, -500, 1.0594630943592953, 32)).isEqualTo(52 - 9);
    }

    /** The whole run (positions, then interpolation, mono and stereo; vector form allowed or not) against the one-frame kernel it replaced in Voice. */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void runEqualsTheOneFrameKernel(long seed) {
        Random rnd = new Random(seed);
        float[] dl = new float[20_000], dr = new float[20_000];
        for (int i = 0; i < dl.length; i++) { dl[i] = rnd.nextFloat() * 2 - 1; dr[i] = (float) rnd.nextGaussian(); }
        int[] at = new int[32];
        for (int t = 0; t < 5_000; t++) {
            double step = t % 4 == 0 ? 1.0 : Math.pow(2, (rnd.nextInt(4801) - 2400) / 1200.0);
            int from = rnd.nextInt(8), to = from + 1 + rnd.nextInt(32 - from);
            double pos = 2 + rnd.nextDouble() * (dl.length - 4 - 40 * step);
            double offset = t % 3 == 0 ? -Math.floor(rnd.nextDouble() * (pos - 1)) : 0;
            float[] wantL = new float[32], wantR = new float[32], gotL = new float[32], gotR = new float[32];
            double endWant = Kernels.runShifted(CUBIC, dl, wantL, from, to, pos, offset, step);
            Kernels.runShifted(CUBIC, dr, wantR, from, to, pos, offset, step);
            boolean vector = t % 2 == 0; // an offline voice's first frames take the scalar form (ScalarStart)
            double endGot = CubicRun.run(dl, dr, gotL, gotR, from, to, pos, offset, step, at, vector);
            assertThat(endGot).isEqualTo(endWant);
            assertThat(bits(gotL)).as("left, pos %s step %s", pos, step).containsExactly(bits(wantL));
            assertThat(bits(gotR)).as("right, pos %s step %s", pos, step).containsExactly(bits(wantR));
            float[] mono = new float[32];
            CubicRun.run(dl, null, mono, null, from, to, pos, offset, step, at, !vector);
            assertThat(bits(mono)).containsExactly(bits(wantL));
        }
    }

    /** The vector form (when this JVM has the module, as the build's tests do) against the scalar form. */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void vectorFormEqualsScalarForm(long seed) {
        // CubicVector is called directly: it runs wherever the module is resolved, whether or not Simd.VECTOR lets
        // renders take it on this CPU (eight-float vectors, SimdWidth)
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("the build runs tests with jdk.incubator.vector").isPresent();
        Random rnd = new Random(seed);
        float[] d = new float[4_096];
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
        int[] at = new int[32];
        float[] frac = new float[32];
        int wide = 0;
        for (int t = 0; t < 20_000; t++) {
            double step = (t % 2 == 0 ? 1 : -1) * (0.1 + rnd.nextDouble() * 2.5); // groups up to ~20 frames apart: both paths
            double pos = step > 0 ? 2 + rnd.nextDouble() * 3_000 : 100 + rnd.nextDouble() * 3_000;
            int n = 8 + rnd.nextInt(25);
            if (t % 7 == 0) pos = d.length - 3 - n * Math.max(step, 0) - 0.5; // windows that would run past the array's end
            CubicRun.positions(0, n, pos, 0, step, at, frac);
            if (Math.abs(at[7] - at[0]) > 12) wide++;
            float[] scalar = new float[32], vector = new float[32];
            CubicRun.hermite(d, frac, scalar, 0, n, at);
            int done = CubicVector.hermite(d, frac, vector, 0, n, at);
            assertThat(done).isEqualTo(n - n % 8);
            CubicRun.hermite(d, frac, vector, done, n, at);
            assertThat(bits(vector)).as("pos %s step %s", pos, step).containsExactly(bits(scalar));
        }
        assertThat(wide).as("groups too wide for the register window were tried too").isGreaterThan(1_000);
    }

    /**
     * The integer form's direct read (positions made inside the kernel, no scratch arrays): its scalar form and its
     * vector form (called directly: it runs wherever the module is resolved) against the summing loop's positions read
     * by the scalar Hermite, bit for bit — narrow groups, groups too wide for the register window, forward and backward,
     * whole offsets, windows at the array's end.
     */
    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void integerFormReadEqualsTheSummingLoop(long seed) {
        Random rnd = new Random(seed);
        float[] d = new float[4_096];
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
        int[] at = new int[32];
        float[] frac = new float[32];
        int integer = 0, wide = 0, atEnd = 0, vectorRuns = 0;
        for (int t = 0; t < 20_000; t++) {
            double step = (t % 2 == 0 ? 1 : -1) * (t % 5 == 0 ? Math.pow(2, (rnd.nextInt(4801) - 2400) / 1200.0) : 0.1 + rnd.nextDouble() * 2.5);
            int n = 1 + rnd.nextInt(32);
            double span = n * Math.abs(step);
            double pos = step > 0 ? 2 + rnd.nextDouble() * 3_000 : 2 + span + rnd.nextDouble() * 3_000;
            if (t % 7 == 0 && step > 0) pos = d.length - 3 - span - rnd.nextDouble() * 4; // windows that would run past the array's end
            double offset = t % 3 == 0 ? -Math.floor(rnd.nextDouble() * (Math.min(pos, pos + (n - 1) * step) - 1)) : 0;
            int sh = CubicRun.integerShift(pos, offset, step, n);
            if (sh < 0) continue;
            integer++;
            double q0 = pos + offset, last = q0 + (n - 1) * step;
            if (n >= 8 && Math.abs(8 * step) > 13) wide++;
            if (Math.max(q0, last) > d.length - 20) atEnd++;
            summed(n, pos, offset, step, at, frac);
            float[] want = new float[32], scalar = new float[32], vector = new float[32];
            CubicRun.hermite(d, frac, want, 0, n, at);
            double up = Math.scalb(1.0, sh);
            long mm = (long) Math.rint(step * up), q = (long) (pos * up) + (long) (offset * up);
            CubicRun.hermite(d, scalar, 0, n, q, mm, sh);
            int done = CubicVector.hermite(d, vector, 0, n, q, mm, sh);
            assertThat(done).isIn(0, n - n % 8); // a run it does not take (backward, too wide, at the end) is left whole
            if (done > 0) vectorRuns++;
            CubicRun.hermite(d, vector, done, n, q + done * mm, mm, sh);
            String what = "pos " + pos + " offset " + offset + " step " + step + " n " + n;
            assertThat(bits(scalar)).as(what).containsExactly(bits(want));
            assertThat(bits(vector)).as(what).containsExactly(bits(want));
        }
        assertThat(integer).as("runs in the integer form").isGreaterThan(15_000);
        assertThat(wide).as("groups too wide for the register window").isGreaterThan(1_000);
        assertThat(atEnd).as("windows at the array's end").isGreaterThan(500);
        assertThat(vectorRuns).as("runs the vector form took").isGreaterThan(3_000);
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) b[i] = Float.floatToRawIntBits(x[i]);
        return b;
    }
}
