package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The filters of several channels run together ({@link FilterLanes}, {@link FilterLanesVector}) against each filter run alone
 * ({@link VoiceFilter#process}), bit for bit: random two-pole types, cutoffs, resonances and gains, channels with state
 * already in them, one to eight channels (stereo filters with both channels in lanes), every chunk length 1–32, and the
 * chunks after (the state the lanes leave must be the state a lone run leaves), some after their filter moved.
 */
class FilterLanesTest {
    private static final FilterType[] TWO_POLE = {FilterType.LPF_2P, FilterType.HPF_2P, FilterType.BPF_2P, FilterType.BRF_2P,
            FilterType.PKF_2P, FilterType.PEQ, FilterType.LSH, FilterType.HSH, FilterType.BPF_1P, FilterType.BRF_1P};

    @Test
    void lanesEqualEachFilterAloneBitForBit() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("the build runs tests with jdk.incubator.vector").isPresent();
        Random rnd = new Random(15);
        FilterLanes vector = new FilterLanes(8, 32), scalar = new FilterLanes(8, 32);
        for (int t = 0; t < 400; t++) {
            int channels = 1 + rnd.nextInt(8);
            VoiceFilter[] alone = new VoiceFilter[channels], inVector = new VoiceFilter[channels], inScalar = new VoiceFilter[channels];
            for (int c = 0; c < channels; c++) {
                FilterType type = TWO_POLE[rnd.nextInt(TWO_POLE.length)];
                double cutoff = 20 * Math.pow(1000, rnd.nextDouble()), res = rnd.nextDouble() * 24, gain = rnd.nextGaussian() * 12;
                alone[c] = filter(type, cutoff, res, gain);
                inVector[c] = filter(type, cutoff, res, gain);
                inScalar[c] = filter(type, cutoff, res, gain);
                assertThat(FilterLanes.fits(alone[c])).isTrue();
            }
            for (int chunk = 0; chunk < 4; chunk++) { // the first fills the state, the next start from it
                int n = 1 + rnd.nextInt(32);
                if (chunk > 1) for (int c = 0; c < channels; c++) { // some filters move (the lanes must see it), some hold
                    if (rnd.nextBoolean()) continue;
                    double cutoff = 20 * Math.pow(1000, rnd.nextDouble()), res = rnd.nextDouble() * 24;
                    for (VoiceFilter f : new VoiceFilter[] {alone[c], inVector[c], inScalar[c]}) f.setParameters(cutoff, res, 3, 1);
                }
                float[][] want = new float[channels][], gotV = new float[channels][], gotS = new float[channels][];
                for (int c = 0; c < channels; c++) {
                    want[c] = noise(rnd, 32);
                    gotV[c] = want[c].clone();
                    gotS[c] = want[c].clone();
                    alone[c].process(want[c], null, 0, n);
                    vector.add(inVector[c], gotV[c], 0);
                    scalar.add(inScalar[c], gotS[c], 0);
                }
                vector.run(n, true);
                scalar.run(n, false);
                for (int c = 0; c < channels; c++) {
                    assertThat(gotV[c]).as("vector lanes, case %d channel %d chunk %d of %d frames", t, c, chunk, n).isEqualTo(want[c]);
                    assertThat(gotS[c]).as("scalar twin").isEqualTo(want[c]);
                }
            }
        }
    }

    @Test
    void theVectorFormRunsAndEqualsTheScalarOneInEveryLane() {
        // FilterLanesVector called directly: it runs wherever the module is resolved, whatever Simd.VECTOR says on this CPU
        Random rnd = new Random(16);
        for (int t = 0; t < 2_000; t++) {
            int n = 1 + rnd.nextInt(32);
            VoiceFilter[] alone = new VoiceFilter[4], inLanes = new VoiceFilter[4];
            float[][] x = new float[4][], want = new float[4][];
            double[] c = new double[VoiceFilter.COEFFICIENTS * 4], s = new double[8];
            for (int l = 0; l < 4; l++) {
                FilterType type = TWO_POLE[rnd.nextInt(TWO_POLE.length)];
                double cutoff = 20 * Math.pow(1000, rnd.nextDouble()), res = rnd.nextDouble() * 24, gain = rnd.nextGaussian() * 6;
                alone[l] = filter(type, cutoff, res, gain);
                inLanes[l] = filter(type, cutoff, res, gain);
                float[] before = noise(rnd, 32); // state in both
                alone[l].process(before.clone(), null, 0, 32);
                inLanes[l].process(before, null, 0, 32);
                inLanes[l].stateSpace(0, c, l, 4);
                s[l] = inLanes[l].state1(0);
                s[4 + l] = inLanes[l].state2(0);
                x[l] = noise(rnd, 32);
                want[l] = x[l].clone();
                alone[l].process(want[l], null, 0, n);
            }
            int done = FilterLanesVector.run(x[0], x[1], x[2], x[3], c, s, n);
            assertThat(done).isEqualTo(n - n % 4);
            for (int l = 0; l < 4; l++) {
                inLanes[l].state(0, s[l], s[4 + l], done == n);
                if (done < n) inLanes[l].runChannel(x[l], done, n, 0); // the last frames, as FilterLanes finishes them
                for (int j = 0; j < n; j++) assertThat(x[l][j]).as("lane %d frame %d of %d", l, j, n).isEqualTo(want[l][j]);
                assertThat(inLanes[l].state1(0)).isEqualTo(alone[l].state1(0));
                assertThat(inLanes[l].state2(0)).isEqualTo(alone[l].state2(0));
            }
        }
    }

    @Test
    void onlyOneTwoPoleSectionFits() {
        assertThat(FilterLanes.fits(filter(FilterType.LPF_4P, 1000, 0, 0))).isFalse();
        assertThat(FilterLanes.fits(filter(FilterType.LPF_1P, 1000, 0, 0))).isFalse();
        assertThat(FilterLanes.fits(filter(FilterType.LPF_2P, 1000, 0, 0))).isTrue();
    }

    private static VoiceFilter filter(FilterType type, double cutoff, double res, double gain) {
        VoiceFilter f = new VoiceFilter(48_000);
        f.setType(type);
        f.setParameters(cutoff, res, gain, 1);
        return f;
    }

    private static float[] noise(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float) rnd.nextGaussian();
        return a;
    }

    @Test
    void afterTheWarmUpTheLanesAllocateNothingFromTheFirstCall() {
        assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector")).as("the build runs tests with jdk.incubator.vector").isPresent();
        org.junit.jupiter.api.Assumptions.assumeTrue(Simd.VECTOR, "this CPU has no eight-float vectors");
        FilterLanes.warmUp();
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        FilterLanes lanes = new FilterLanes(8, 32);
        VoiceFilter[] f = new VoiceFilter[8];
        float[][] x = new float[8][32];
        for (int i = 0; i < 8; i++) {
            f[i] = new VoiceFilter(48_000);
            f[i].setType(FilterType.LPF_2P);
            f[i].setParameters(300 + 900 * i, 2, 0, 1);
        }
        long worst = 0;
        for (int channels = 2; channels <= 8; channels++)
            for (int n = 1; n <= 32; n++) {
                for (int i = 0; i < channels; i++) lanes.add(f[i], x[i], 0);
                long before = threads.getCurrentThreadAllocatedBytes();
                lanes.run(n, true);
                worst = Math.max(worst, threads.getCurrentThreadAllocatedBytes() - before);
            }
        assertThat(worst).as("bytes allocated by one run right after the warm-up").isZero();
    }
}
