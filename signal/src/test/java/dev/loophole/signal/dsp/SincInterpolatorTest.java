package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

public class SincInterpolatorTest {
    static final double FS = 48_000;
    public static final int N = 1 << 16;
    static final Map<String, Double> FLOORS = new TreeMap<>();

    /** A sine of {@code freq} cycles/frame, {@code len} frames. */
    static float[] sine(double freq, int len) {
        float[] x = new float[len];
        for (int i = 0; i < len; i++) x[i] = (float) (0.8 * Math.sin(2 * Math.PI * freq * i + 0.3));
        return x;
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32, 64})
    void transposedSinesHaveTheExactPitch(int taps) {
        SincInterpolator si = new SincInterpolator(taps).prepareStretches();
        double worstCents = 0;
        for (double semis : new double[] {-24, -7, 0.5, 7, 24}) {
            double ratio = Math.pow(2, semis / 12);
            double src = 1000.0 / 48_000 / Math.sqrt(ratio); // output lands between 500 Hz and 2 kHz
            int out = 1 << 17;
            int reach = si.reach(ratio);
            float[] buf = sine(src, (int) Math.ceil(out * ratio) + 2 * reach + 2);
            float[] y = new float[out];
            si.process(buf, reach, ratio, y, 0, out);
            double measured = Spectrum.zeroCrossingFrequency(y, 0, out);
            double cents = 1200 * Math.log(measured / (src * ratio)) / Math.log(2);
            worstCents = Math.max(worstCents, Math.abs(cents));
            assertThat(cents).as("%s taps, %s semitones", taps, semis).isCloseTo(0, within(0.01));
        }
        record("pitch error cents, " + taps + " taps", worstCents);
    }

    /**
     * A sum of 48 equal sines from 30 Hz to 0.45·fs, resampled; the output's spectrum (Blackman-Harris,
     * 65536 points) below 20 kHz, outside the expected tones, is the aliases and images. Every output
     * tone sits on a bin centre, where this window's leakage stays within 3 bins, so the measurement
     * floor is far below what is measured. Returns the worst spur relative to one tone, in dB.
     */
    static double aliasFloorDb(int taps, double semitones) {
        SincInterpolator si = new SincInterpolator(taps).prepareStretches();
        return aliasFloorDb(si::reach, (buf, at, ratio, y) -> si.process(buf, at, ratio, y, 0, N), semitones);
    }

    /** A resampler under test: reads {@code buf} from frame {@code at} at {@code ratio} into all of {@code y}. */
    public interface Resampler { void run(float[] buf, int at, double ratio, float[] y); }

    /** The same measure for any resampler; {@code reach} is how many frames it reads either side of a position. */
    public static double aliasFloorDb(java.util.function.DoubleToIntFunction reach, Resampler resampler, double semitones) {
        double ratio = Math.pow(2, semitones / 12);
        int tones = 48;
        double amp = 0.9 / tones;
        long[] bins = new long[tones];
        double[] fin = new double[tones];
        boolean[] signal = new boolean[N / 2 + 1];
        for (int k = 0; k < tones; k++) {
            double f = 30.0 / FS * Math.pow(0.45 * FS / 30, k / (tones - 1.0)); // input cycles/frame
            bins[k] = Math.max(1, Math.round(f * ratio * N));
            fin[k] = bins[k] / (ratio * N);
            // tones that land below the output Nyquist are the signal; tones above it must be gone,
            // and their aliases (folded below 20 kHz once above 0.5833·fs) are what is measured
            if (bins[k] <= N / 2) {
                for (long d = -3; d <= 3; d++) if (bins[k] + d >= 0 && bins[k] + d <= N / 2) signal[(int) (bins[k] + d)] = true;
            }
        }
        int r = reach.applyAsInt(ratio);
        int len = (int) Math.ceil(N * ratio) + 2 * r + 4;
        float[] buf = new float[len];
        for (int i = 0; i < len; i++) {
            double v = 0;
            for (int k = 0; k < tones; k++) v += amp * Math.sin(2 * Math.PI * fin[k] * i + k * 0.7);
            buf[i] = (float) v;
        }
        float[] y = new float[N];
        resampler.run(buf, r, ratio, y);
        double[] w = Spectrum.blackmanHarris(N);
        double[] mag = Spectrum.magnitude(y, N, w);
        double coherent = 0;
        for (double v : w) coherent += v;
        double toneMag = amp * coherent / 2;
        int top = (int) Math.floor(20_000 / FS * N);
        double worst = 0;
        for (int k = 4; k <= top; k++) if (!signal[k]) worst = Math.max(worst, mag[k]);
        return Spectrum.db(worst / toneMag);
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 16, 32, 64})
    void aliasesAndImagesStayBelowTheSignalInTheAudibleBand(int taps) {
        double up = aliasFloorDb(taps, 7), down = aliasFloorDb(taps, -12), down7 = aliasFloorDb(taps, -7);
        record("alias floor dB, +7 st, " + taps + " taps", up);
        record("alias floor dB, -12 st, " + taps + " taps", down);
        record("alias floor dB, -7 st, " + taps + " taps", down7);
        double required = switch (taps) { case 8 -> -15; case 16 -> -33; case 32 -> -75; default -> -100; };
        assertThat(Math.max(up, Math.max(down, down7))).as("%d taps", taps).isLessThan(required);
    }

    @Test
    void sixtyFourTapsSweepAcrossRatiosKeepsAliasesAtLeast100DbDown() {
        for (double semis : new double[] {-24, -5, -0.3, 0, 0.3, 3, 12, 24}) {
            double floor = aliasFloorDb(64, semis);
            record("alias floor dB, " + semis + " st, 64 taps", floor);
            assertThat(floor).as("%s semitones", semis).isLessThan(-100);
        }
    }

    @Test
    void dcAndUnityRatioArePreserved() {
        for (int taps : new int[] {8, 16, 32, 64}) {
            SincInterpolator si = new SincInterpolator(taps).prepareStretches();
            float[] ones = new float[2000];
            java.util.Arrays.fill(ones, 0.5f);
            for (double ratio : new double[] {0.37, 1, 1.7, 5.3}) {
                for (double pos = 800; pos < 801; pos += 0.0137) {
                    assertThat((double) si.sample(ones, pos, ratio)).isCloseTo(0.5, within(1e-6));
                }
            }
        }
        // 64 taps at ratio 1 and a whole position: an in-band signal passes unchanged (flat pass band)
        SincInterpolator si = new SincInterpolator(64).prepareStretches();
        float[] x = sine(1000 / FS, 4000);
        for (int p = 100; p < 3900; p += 7) assertThat((double) si.sample(x, p, 1)).isCloseTo(x[p], within(2e-6));
    }

    @Test
    void loopsPlayThroughTheGatheredWindowWithoutASeam() {
        // a looped sine whose loop is a whole number of periods: the unrolled sound is one long sine
        double f = 1 / 48.0;
        int loopStart = 1000, loopEnd = 1000 + 48 * 25;
        float[] sample = sine(f, loopEnd + 500); // data after the loop end must never be heard
        for (int i = loopEnd; i < sample.length; i++) sample[i] = 1f;
        SincInterpolator si = new SincInterpolator(64).prepareStretches();
        double ratio = Math.pow(2, 5 / 12.0);
        int block = 64, reach = si.reach(ratio);
        float[] window = new float[(int) Math.ceil(block * ratio) + 2 * reach + 2];
        float[] out = new float[block];
        double pos = 900;
        boolean wrapped = false;
        double worst = 0;
        for (int b = 0; b < 400; b++) {
            long first = (long) Math.floor(pos) - reach;
            SincInterpolator.gather(sample, loopStart, loopEnd, wrapped, first, window, window.length);
            double unrolledStart = pos;
            pos = first + si.process(window, pos - first, ratio, out, 0, block);
            for (int i = 0; i < block; i++) {
                double expected = 0.8 * Math.sin(2 * Math.PI * f * (unrolledStart + i * ratio) + 0.3);
                worst = Math.max(worst, Math.abs(out[i] - expected));
            }
            if (pos >= loopEnd) { pos -= loopEnd - loopStart; wrapped = true; }
        }
        assertThat(wrapped).isTrue();
        assertThat(worst).as("max error over several loop passes").isLessThan(1e-5);
    }

    @Test
    void readsOnlyWithinItsReachEvenAtTheKernelEdges() {
        Rng rng = new Rng(4);
        for (int taps : new int[] {8, 16, 32, 64}) {
            SincInterpolator si = new SincInterpolator(taps).prepareStretches();
            for (double ratio : new double[] {0.25, 1, 1.0000001, 1.5, Math.PI, 16, 40}) {
                int reach = si.reach(ratio);
                float[] buf = new float[2 * reach + 1]; // floor(position) at index reach, nothing more
                java.util.Arrays.fill(buf, 1f);
                double s = Math.max(1, Math.min(ratio, SincInterpolator.MAX_STRETCH));
                double h = taps / 2.0 * s;
                for (int k = 0; k < 2000; k++) {
                    double x = switch (k % 4) {
                        case 0 -> reach + rng.nextDouble();
                        case 1 -> reach;
                        // x + H·s or x − H·s a few ulps past a whole frame: the outermost taps sit on
                        // the table's edges, where rounding could step outside it
                        case 2 -> Math.max(reach, Math.ceil(reach + h) - h + (k % 16) * Math.ulp((double) reach));
                        default -> Math.min(reach + 0.999, Math.floor(reach + 1 - h) + h - (k % 16) * Math.ulp((double) reach));
                    };
                    double frac = x - reach;
                    float v = si.sample(buf, reach + frac, ratio);
                    assertThat((double) v).as("%d taps ratio %s frac %s", taps, ratio, frac).isCloseTo(1, within(1e-5));
                }
            }
        }
    }

    @Test
    void gatherPadsAndFoldsIndices() {
        float[] src = {10, 11, 12, 13, 14, 15};
        float[] dst = new float[10];
        SincInterpolator.gather(src, 2, 5, false, -2, dst, 10);
        assertThat(dst).containsExactly(0, 0, 10, 11, 12, 13, 14, 12, 13, 14);
        SincInterpolator.gather(src, 2, 5, true, 0, dst, 6);
        assertThat(java.util.Arrays.copyOf(dst, 6)).containsExactly(13, 14, 12, 13, 14, 12);
        SincInterpolator.gather(src, 0, 0, false, 3, dst, 5);
        assertThat(java.util.Arrays.copyOf(dst, 5)).containsExactly(13, 14, 15, 0, 0);
    }

    @Test
    void rejectsOtherTapCounts() {
        assertThatThrownBy(() -> new SincInterpolator(12)).isInstanceOf(IllegalArgumentException.class);
    }

    static synchronized void record(String what, double value) { FLOORS.put(what, value); }

    @AfterAll
    static void report() {
        FLOORS.forEach((k, v) -> System.out.printf("SincInterpolator: %-40s %10.4g%n", k, v));
    }
}
