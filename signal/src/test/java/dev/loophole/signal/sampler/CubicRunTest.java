package dev.loophole.signal.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.loophole.signal.dsp.CpuFlags;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.Simd;
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
 * The vector forms must run wherever this machine can run them (a kernel that declined would leave the scalar form to
 * compare with itself): those tests skip only where the module or the CPU's vectors are missing.
 */
class CubicRunTest {
    private static final int CUBIC = Interpolation.CUBIC;

    /**
     * Whether this JVM and CPU can run the eight-float kernels: the module resolved (the build's tests add it) and
     * eight-float vectors; where they can, renders must take them ({@link Simd#VECTOR}). The module must be there unless
     * {@code -Dloophole.simd=false} asks for the scalar forms (a build that lost the flag would otherwise skip these tests).
     */
    private static boolean vectorMachine() {
        if ("false".equals(System.getProperty("loophole.simd"))) return false;
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("the build's tests run with --add-modules jdk.incubator.vector").isPresent();
        if (jdk.incubator.vector.FloatVector.SPECIES_PREFERRED.length() < 8) return false;
        assertThat(Simd.VECTOR).as("renders take the vector forms where the module and eight-float vectors are").isTrue();
        return true;
    }

    /** Whether the integer form's vector kernel runs in renders: eight-long vectors, and AVX-512DQ on x86 (its long-to-float conversion). */
    private static boolean wideMachine() {
        if (!vectorMachine()) return false;
        boolean wide = jdk.incubator.vector.LongVector.SPECIES_PREFERRED.length() >= 8 && (!x86() || cpuinfoFlags().contains("avx512dq"));
        assertThat(CubicVector.WIDE).as("the positions' kernel is taken where the CPU has it").isEqualTo(wide);
        return wide;
    }

    /** The CPU's flags as /proc/cpuinfo lists them, read here rather than through the production's {@code CpuFlags}. */
    private static java.util.Set<String> cpuinfoFlags() {
        try (var lines = java.nio.file.Files.lines(java.nio.file.Path.of("/proc/cpuinfo"), java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(l -> l.startsWith("flags")).findFirst()
                    .map(l -> java.util.Set.copyOf(java.util.Arrays.asList(l.substring(l.indexOf(':') + 1).trim().split("\\s+")))).orElse(java.util.Set.of());
        } catch (java.io.IOException e) {
            return java.util.Set.of();
        }
    }

    private static boolean x86() { return System.getProperty("os.arch").matches("amd64|x86_64|x86"); }

    /**
     * Whether the integer form's vector kernel must take a run of {@code n} frames from {@code q} by {@code mm} (units of
     * 2^−sh) on {@code length} samples: at least one group of eight, forward, seven steps spanning under 12 frames (a group
     * and its neighbours fit the sixteen-sample window) and the last group's window (one frame before its first index,
     * sixteen samples) inside the array. Else it leaves the whole run to the scalar form.
     */
    private static boolean vectorTakes(int n, long q, long mm, int sh, int length) {
        int groups = n / 8;
        if (groups == 0 || mm < 0 || (7 * mm >>> sh) >= 12) return false;
        long lastFirst = (q + (groups - 1) * 8L * mm) >>> sh;
        return lastFirst - 1 + 16 <= length;
    }

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

    /**
     * The whole run (positions, then interpolation, mono and stereo), vector form allowed and not, against the one-frame
     * kernel it replaced in Voice, bit for bit. Where this machine runs the vector kernels, renders must take them and
     * most runs here are ones the integer form's kernel takes: the entry run() calls for them ({@link CubicRun#integerRun})
     * reports the frames {@link CubicVector} did, which must be every whole group of eight of the runs {@link #vectorTakes}
     * accepts (a render path that stopped calling the kernel would compare the scalar form with itself).
     */
    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void runEqualsTheOneFrameKernel(long seed) {
        boolean wide = wideMachine();
        Random rnd = new Random(seed);
        float[] dl = new float[20_000], dr = new float[20_000];
        for (int i = 0; i < dl.length; i++) { dl[i] = rnd.nextFloat() * 2 - 1; dr[i] = (float) rnd.nextGaussian(); }
        int[] at = new int[32];
        int taken = 0;
        for (int t = 0; t < 5_000; t++) {
            double step = t % 4 == 0 ? 1.0 : Math.pow(2, (rnd.nextInt(4801) - 2400) / 1200.0);
            int from = rnd.nextInt(8), to = from + 1 + rnd.nextInt(32 - from);
            double pos = 2 + rnd.nextDouble() * (dl.length - 4 - 40 * step);
            double offset = t % 3 == 0 ? -Math.floor(rnd.nextDouble() * (pos - 1)) : 0;
            float[] wantL = new float[32], wantR = new float[32];
            double endWant = Kernels.runShifted(CUBIC, dl, wantL, from, to, pos, offset, step);
            Kernels.runShifted(CUBIC, dr, wantR, from, to, pos, offset, step);
            for (boolean vector : new boolean[] {true, false}) { // an offline voice's first frames take the scalar form (ScalarStart)
                float[] gotL = new float[32], gotR = new float[32], mono = new float[32];
                double endGot = CubicRun.run(dl, dr, gotL, gotR, from, to, pos, offset, step, at, vector);
                String what = "pos " + pos + " step " + step + " vector " + vector;
                assertThat(endGot).as(what).isEqualTo(endWant);
                assertThat(bits(gotL)).as("left, %s", what).containsExactly(bits(wantL));
                assertThat(bits(gotR)).as("right, %s", what).containsExactly(bits(wantR));
                CubicRun.run(dl, null, mono, null, from, to, pos, offset, step, at, vector);
                assertThat(bits(mono)).as("mono, %s", what).containsExactly(bits(wantL));
            }
            int n = to - from, sh = CubicRun.integerShift(pos, offset, step, n);
            if (sh >= 0) { // the integer form run() goes through, with the lanes run(..., vector = true) gives it
                double up = Math.scalb(1.0, sh);
                long mm = (long) Math.rint(step * up), q = (long) (pos * up) + (long) (offset * up);
                float[] gotL = new float[32], gotR = new float[32];
                int done = CubicRun.integerRun(dl, dr, gotL, gotR, from, to, q, mm, sh, wide);
                boolean takes = wide && vectorTakes(n, q, mm, sh, dl.length);
                String what = "pos " + pos + " step " + step + " from " + from + " to " + to;
                assertThat(done).as("frames the vector kernel did, %s", what).isEqualTo(takes ? n - n % 8 : 0);
                assertThat(bits(gotL)).as("left, %s", what).containsExactly(bits(wantL));
                assertThat(bits(gotR)).as("right, %s", what).containsExactly(bits(wantR));
                if (done > 0) taken++;
            }
        }
        if (wide) assertThat(taken).as("runs the vector kernel did").isGreaterThan(2_000);
    }

    /**
     * The scratch form's vector kernel against the scalar form, bit for bit, wherever this machine runs eight-float
     * vectors (renders take it where the integer form's kernel is not {@link CubicVector#WIDE}): groups narrow enough
     * for its window, and groups it hands to the scalar form.
     */
    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void vectorFormEqualsScalarForm(long seed) {
        assumeTrue(vectorMachine(), "no jdk.incubator.vector or no eight-float vectors here (or -Dloophole.simd=false): the scalar forms run");
        Random rnd = new Random(seed);
        float[] d = new float[4_096];
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
        int[] at = new int[32];
        float[] frac = new float[32];
        int wide = 0, narrow = 0;
        for (int t = 0; t < 20_000; t++) {
            double step = (t % 2 == 0 ? 1 : -1) * (0.1 + rnd.nextDouble() * 2.5); // groups up to ~20 frames apart: both paths
            double pos = step > 0 ? 2 + rnd.nextDouble() * 3_000 : 100 + rnd.nextDouble() * 3_000;
            int n = 8 + rnd.nextInt(25);
            if (t % 7 == 0) pos = d.length - 3 - n * Math.max(step, 0) - 0.5; // windows that would run past the array's end
            CubicRun.positions(0, n, pos, 0, step, at, frac);
            if (Math.abs(at[7] - at[0]) > 12) wide++;
            else if (Math.min(at[0], at[7]) - 1 + 16 <= d.length) narrow++;
            float[] scalar = new float[32], vector = new float[32];
            CubicRun.hermite(d, frac, scalar, 0, n, at);
            int done = CubicVector.hermite(d, frac, vector, 0, n, at);
            assertThat(done).isEqualTo(n - n % 8);
            CubicRun.hermite(d, frac, vector, done, n, at);
            assertThat(bits(vector)).as("pos %s step %s", pos, step).containsExactly(bits(scalar));
        }
        assertThat(wide).as("groups too wide for the register window were tried too").isGreaterThan(1_000);
        assertThat(narrow).as("first groups the vector kernel reads").isGreaterThan(10_000);
    }

    /** One run the integer form takes: from {@code pos + offset} by {@code step}, {@code n} frames; {@code q}, {@code mm} in units of 2^−sh. */
    private record IntegerRun(double pos, double offset, double step, int n, int sh, long q, long mm) { }

    /**
     * The integer form's runs of 20,000 tries on {@code length} samples: narrow groups, groups too wide for the register
     * window, forward and backward, whole offsets, windows at the array's end.
     */
    private static java.util.List<IntegerRun> integerRuns(Random rnd, int length) {
        java.util.List<IntegerRun> runs = new java.util.ArrayList<>();
        for (int t = 0; t < 20_000; t++) {
            double step = (t % 2 == 0 ? 1 : -1) * (t % 5 == 0 ? Math.pow(2, (rnd.nextInt(4801) - 2400) / 1200.0) : 0.1 + rnd.nextDouble() * 2.5);
            int n = 1 + rnd.nextInt(32);
            double span = n * Math.abs(step);
            double pos = step > 0 ? 2 + rnd.nextDouble() * 3_000 : 2 + span + rnd.nextDouble() * 3_000;
            if (t % 7 == 0 && step > 0) pos = length - 3 - span - rnd.nextDouble() * 4; // windows that would run past the array's end
            double offset = t % 3 == 0 ? -Math.floor(rnd.nextDouble() * (Math.min(pos, pos + (n - 1) * step) - 1)) : 0;
            int sh = CubicRun.integerShift(pos, offset, step, n);
            if (sh < 0) continue;
            double up = Math.scalb(1.0, sh);
            runs.add(new IntegerRun(pos, offset, step, n, sh, (long) (pos * up) + (long) (offset * up), (long) Math.rint(step * up)));
        }
        return runs;
    }

    private static float[] samples(Random rnd) {
        float[] d = new float[4_096];
        for (int i = 0; i < d.length; i++) d[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(7) - 3));
        return d;
    }

    /** The integer form's direct read (positions made inside the kernel, no scratch arrays) against the summing loop's positions read by the scalar Hermite, bit for bit. */
    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void integerFormReadEqualsTheSummingLoop(long seed) {
        Random rnd = new Random(seed);
        float[] d = samples(rnd);
        int[] at = new int[32];
        float[] frac = new float[32];
        int wide = 0, atEnd = 0;
        java.util.List<IntegerRun> runs = integerRuns(rnd, d.length);
        for (IntegerRun r : runs) {
            double q0 = r.pos() + r.offset(), last = q0 + (r.n() - 1) * r.step();
            if (r.n() >= 8 && Math.abs(8 * r.step()) > 13) wide++;
            if (Math.max(q0, last) > d.length - 20) atEnd++;
            summed(r.n(), r.pos(), r.offset(), r.step(), at, frac);
            float[] want = new float[32], scalar = new float[32];
            CubicRun.hermite(d, frac, want, 0, r.n(), at);
            CubicRun.hermite(d, scalar, 0, r.n(), r.q(), r.mm(), r.sh());
            assertThat(bits(scalar)).as("%s", r).containsExactly(bits(want));
        }
        assertThat(runs.size()).as("runs in the integer form").isGreaterThan(15_000);
        assertThat(wide).as("groups too wide for the register window").isGreaterThan(1_000);
        assertThat(atEnd).as("windows at the array's end").isGreaterThan(500);
    }

    /**
     * The integer form's vector kernel, wherever this machine runs it in renders ({@link CubicVector#WIDE}), on the same
     * runs: it takes exactly the runs {@link #vectorTakes} says (every group of eight, the rest to the scalar form) and
     * leaves the others whole, and what it writes equals the scalar form bit for bit.
     */
    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33})
    void integerFormVectorKernelEqualsTheScalarForm(long seed) {
        assumeTrue(wideMachine(), "no eight-long vectors with AVX-512DQ here (or no module, or -Dloophole.simd=false): renders read with the scalar form");
        Random rnd = new Random(seed);
        float[] d = samples(rnd);
        int taken = 0, left = 0;
        for (IntegerRun r : integerRuns(rnd, d.length)) {
            float[] scalar = new float[32], vector = new float[32];
            CubicRun.hermite(d, scalar, 0, r.n(), r.q(), r.mm(), r.sh());
            int done = CubicVector.hermite(d, vector, 0, r.n(), r.q(), r.mm(), r.sh());
            boolean takes = vectorTakes(r.n(), r.q(), r.mm(), r.sh(), d.length);
            assertThat(done).as("frames the vector kernel did, %s", r).isEqualTo(takes ? r.n() - r.n() % 8 : 0);
            if (takes) taken++; else if (r.n() >= 8) left++;
            CubicRun.hermite(d, vector, done, r.n(), r.q() + done * r.mm(), r.mm(), r.sh());
            assertThat(bits(vector)).as("%s", r).containsExactly(bits(scalar));
        }
        assertThat(taken).as("runs the vector kernel took").isGreaterThan(3_000);
        assertThat(left).as("runs of eight or more it had to leave (backward, too wide, at the end)").isGreaterThan(5_000);
    }

    private static int[] bits(float[] x) {
        int[] b = new int[x.length];
        for (int i = 0; i < x.length; i++) b[i] = Float.floatToRawIntBits(x[i]);
        return b;
    }
}
