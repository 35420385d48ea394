package dev.loophole.signal.dsp;

import static dev.loophole.signal.dsp.Spectrum.db;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class VoiceFilterTest {
    static final double FS = 48_000;
    static final int BLOCK = 32;
    static final int N = 1 << 16;
    static double worstDeviation;
    static String worstCase = "";
    static double worstPeak;
    static int slowestSilence;

    static Stream<Arguments> cases() {
        List<Arguments> list = new ArrayList<>();
        for (FilterType t : FilterType.values()) {
            for (double fc : new double[] {200, 2000, 12000}) {
                if (t.usesGain()) {
                    for (double g : new double[] {12, -12}) list.add(Arguments.of(t, fc, 0.0, g));
                } else if (t.usesResonance()) {
                    for (double r : new double[] {0, 12}) list.add(Arguments.of(t, fc, r, 0.0));
                } else {
                    list.add(Arguments.of(t, fc, 0.0, 0.0));
                }
            }
        }
        return list.stream();
    }

    /** Impulse response, run in 32-frame blocks so block ends and flushing are part of the test. */
    static float[] impulseResponse(FilterType t, double fc, double res, double gain) {
        VoiceFilter f = new VoiceFilter(FS);
        f.setType(t);
        f.setParameters(fc, res, gain, 1);
        float[] x = new float[N];
        x[0] = 1;
        for (int i = 0; i < N; i += BLOCK) f.process(x, null, i, i + BLOCK);
        return x;
    }

    /**
     * The impulse response's spectrum and sines at half, one and twice the cutoff against {@link CookbookResponse} (the
     * textbook filters, written in the test). 0.01 dB: the worst seen is 4e-3 dB, near −80 dB where the float output's
     * rounding shows; a cutoff 1 % off moves a 2-pole low-pass 0.17 dB an octave above it, a 12 dB resonance 3 % off
     * its peak 0.36 dB. Sines: 0.01 dB (their window's leakage is far below that).
     */
    @ParameterizedTest(name = "{0} fc={1} res={2} gain={3}")
    @MethodSource("cases")
    void measuredResponseMatchesTheCookbook(FilterType t, double fc, double res, double gain) {
        double[] mag = Spectrum.magnitude(impulseResponse(t, fc, res, gain), N, null);
        double worst = 0, worstAt = 0;
        int compared = 0;
        for (int k = 1; k <= (int) (0.45 * N); k++) {
            double f = k * FS / N;
            double expected = CookbookResponse.db(t, fc, res, gain, f, FS);
            if (expected < -80) continue; // numerical noise dominates down there
            double dev = Math.abs(db(mag[k]) - expected);
            compared++;
            if (dev > worst) { worst = dev; worstAt = f; }
        }
        assertThat(compared).isGreaterThan(1000);
        assertThat(worst).as("max |measured - cookbook| dB, at %.1f Hz", worstAt).isLessThan(0.01);
        for (double f : new double[] {fc / 2, fc, Math.min(2 * fc, 0.45 * FS)}) {
            double expected = CookbookResponse.db(t, fc, res, gain, f, FS);
            if (expected < -60) continue; // a notch's zero
            assertThat(sineGainDb(t, fc, res, gain, f)).as("sine at %.0f Hz", f).isCloseTo(expected, within(0.01));
        }
        synchronized (VoiceFilterTest.class) {
            if (worst > worstDeviation) {
                worstDeviation = worst;
                worstCase = t + " fc=" + fc + " res=" + res + " gain=" + gain + " at " + Math.round(worstAt) + " Hz";
            }
        }
    }

    @AfterAll
    static void report() {
        System.out.printf("VoiceFilter: max |measured - cookbook| = %.2e dB (%s)%n", worstDeviation, worstCase);
        System.out.printf("VoiceFilter: swept-cutoff stress, peak output %.1f (input ±1)%n", worstPeak);
        System.out.printf("VoiceFilter: state exactly 0 after at most %d frames of silence (1 kHz, res 12)%n", slowestSilence);
    }

    /** Steady-state gain in dB of a sine through the filter, measured after 0.5 s of settling. */
    static double sineGainDb(FilterType t, double fc, double res, double gain, double freq) {
        VoiceFilter f = new VoiceFilter(FS);
        f.setType(t);
        f.setParameters(fc, res, gain, 1);
        return sineGainDb(f, freq, 48_000);
    }

    @Test
    void onePoleTypesAreThreeDecibelsDownAtCutoffAndTheAllPassIsFlat() {
        for (double fc : new double[] {200, 2000, 12000}) {
            assertThat(sineGainDb(FilterType.LPF_1P, fc, 0, 0, fc)).isCloseTo(-3.01, within(0.05));
            assertThat(sineGainDb(FilterType.HPF_1P, fc, 0, 0, fc)).isCloseTo(-3.01, within(0.05));
            for (double f : new double[] {50, fc, 15000}) {
                assertThat(sineGainDb(FilterType.APF_1P, fc, 0, 0, f)).isCloseTo(0, within(0.02));
            }
            assertThat(sineGainDb(FilterType.BPF_1P, fc, 0, 0, fc)).isCloseTo(0, within(0.05));
            assertThat(sineGainDb(FilterType.BRF_1P, fc, 0, 0, fc)).isLessThan(-60);
        }
        // 6 dB/oct skirt well above cutoff
        double slope = sineGainDb(FilterType.LPF_1P, 200, 0, 0, 3200) - sineGainDb(FilterType.LPF_1P, 200, 0, 0, 1600);
        assertThat(slope).isCloseTo(-6, within(0.5));
    }

    @Test
    void twoPoleResonanceIsThePeakHeightAndZeroIsButterworth() {
        for (FilterType t : new FilterType[] {FilterType.LPF_2P, FilterType.HPF_2P, FilterType.LPF_2P_SV, FilterType.HPF_2P_SV}) {
            for (double fc : new double[] {200, 2000, 12000}) {
                assertThat(sineGainDb(t, fc, 0, 0, fc)).as("%s %s Hz at cutoff", t, fc).isCloseTo(-3.01, within(0.05));
                // maximally flat: never above 0 dB
                double peak = peakDb(t, fc, 0);
                assertThat(peak).isLessThan(0.01);
                for (double res : new double[] {6, 12, 24}) {
                    assertThat(peakDb(t, fc, res)).as("%s %s Hz res %s", t, fc, res).isCloseTo(res, within(0.05));
                }
            }
        }
        double slope = sineGainDb(FilterType.LPF_2P, 200, 0, 0, 3200) - sineGainDb(FilterType.LPF_2P, 200, 0, 0, 1600);
        assertThat(slope).isCloseTo(-12, within(0.5));
    }

    /** Measured peak: a sine at the cookbook response's maximum (found on a fine log grid). */
    static double peakDb(FilterType t, double fc, double res) {
        double best = -1e9, bestF = fc;
        for (double f = 20; f < 0.45 * FS; f *= 1.0005) {
            double m = CookbookResponse.db(t, fc, res, 0, f, FS);
            if (m > best) { best = m; bestF = f; }
        }
        return sineGainDb(t, fc, res, 0, bestF);
    }

    @Test
    void bandTypesAndThePeakFilter() {
        for (double fc : new double[] {200, 2000, 12000}) {
            for (double res : new double[] {0, 12}) {
                assertThat(sineGainDb(FilterType.BPF_2P, fc, res, 0, fc)).isCloseTo(0, within(0.05));
                assertThat(sineGainDb(FilterType.BRF_2P, fc, res, 0, fc)).isLessThan(-60);
                assertThat(sineGainDb(FilterType.PKF_2P, fc, res, 0, fc)).isCloseTo(res, within(0.05));
            }
            assertThat(sineGainDb(FilterType.PKF_2P, fc, 0, 0, fc / 3)).isCloseTo(0, within(0.02));
        }
        // the band narrows as resonance rises
        assertThat(sineGainDb(FilterType.BPF_2P, 2000, 12, 0, 4000)).isLessThan(sineGainDb(FilterType.BPF_2P, 2000, 0, 0, 4000) - 6);
    }

    /**
     * bpf_2p_sv and brf_2p_sv against their transfer functions written here, not taken from VoiceFilter: the analog
     * band-pass (s/Q)/(s² + s/Q + 1) and notch (s² + 1)/(s² + s/Q + 1), bilinear-transformed with the cutoff prewarped
     * (a digital frequency f sits at Ω = tan(πf/fs)/tan(πfc/fs)), with Q the one whose 2-pole low-pass peaks
     * {@code resonance} dB high: peak² = Q⁴/(Q² − ¼), so Q² = (P² + P√(P² − 1))/2 for P = 10^(res/20).
     */
    @ParameterizedTest(name = "{0} fc={1} res={2}")
    @MethodSource("stateVariableBandCases")
    void stateVariableBandPassAndNotchFollowTheirTransferFunctions(FilterType t, double fc, double res) {
        double p = Math.pow(10, res / 20), q = Math.sqrt((p * p + p * Math.sqrt(p * p - 1)) / 2);
        double[] mag = Spectrum.magnitude(impulseResponse(t, fc, res, 0), N, null);
        double worst = 0, worstAt = 0;
        int compared = 0;
        for (int k = 1; k <= (int) (0.45 * N); k++) {
            double f = k * FS / N;
            double w = Math.tan(Math.PI * f / FS) / Math.tan(Math.PI * fc / FS);
            double den = Math.hypot(1 - w * w, w / q);
            double expected = 20 * Math.log10((t == FilterType.BPF_2P_SV ? w / q : Math.abs(1 - w * w)) / den);
            if (expected < -60) continue; // the notch's zero: numerical noise dominates down there
            double dev = Math.abs(db(mag[k]) - expected);
            compared++;
            if (dev > worst) { worst = dev; worstAt = f; }
        }
        assertThat(compared).isGreaterThan(1000);
        assertThat(worst).as("max |measured - transfer function| dB, at %.1f Hz", worstAt).isLessThan(0.05);
        // At the cutoff: the band-pass passes 0 dB, the notch takes all.
        double atCutoff = sineGainDb(t, fc, res, 0, fc);
        if (t == FilterType.BPF_2P_SV) assertThat(atCutoff).isCloseTo(0, within(0.05));
        else assertThat(atCutoff).isLessThan(-60);
    }

    static Stream<Arguments> stateVariableBandCases() {
        List<Arguments> list = new ArrayList<>();
        for (FilterType t : new FilterType[] {FilterType.BPF_2P_SV, FilterType.BRF_2P_SV})
            for (double fc : new double[] {200, 2000, 12000})
                for (double res : new double[] {0, 6, 24}) list.add(Arguments.of(t, fc, res));
        return list.stream();
    }

    @Test
    void cascadesAreButterworthAtZeroResonanceWithTheirSlopes() {
        for (double fc : new double[] {200, 2000, 12000}) {
            for (FilterType t : new FilterType[] {FilterType.LPF_4P, FilterType.HPF_4P, FilterType.LPF_6P, FilterType.HPF_6P}) {
                assertThat(sineGainDb(t, fc, 0, 0, fc)).as("%s %s", t, fc).isCloseTo(-3.01, within(0.05));
                assertThat(peakDb(t, fc, 0)).isLessThan(0.01);
                for (double res : new double[] {3, 12, 30}) {
                    assertThat(peakDb(t, fc, res)).as("%s %s overall peak at res %s", t, fc, res).isCloseTo(res, within(0.1));
                }
            }
        }
        double s4 = sineGainDb(FilterType.LPF_4P, 200, 0, 0, 3200) - sineGainDb(FilterType.LPF_4P, 200, 0, 0, 1600);
        double s6 = sineGainDb(FilterType.LPF_6P, 200, 0, 0, 3200) - sineGainDb(FilterType.LPF_6P, 200, 0, 0, 1600);
        double h4 = sineGainDb(FilterType.HPF_4P, 8000, 0, 0, 500) - sineGainDb(FilterType.HPF_4P, 8000, 0, 0, 1000);
        assertThat(s4).isCloseTo(-24, within(1.0));
        assertThat(s6).isCloseTo(-36, within(1.0));
        assertThat(h4).isCloseTo(-24, within(1.0));
    }

    @Test
    void equaliserTypes() {
        for (double g : new double[] {12, -12}) {
            assertThat(sineGainDb(FilterType.PEQ, 2000, 0, g, 2000)).isCloseTo(g, within(0.05));
            assertThat(sineGainDb(FilterType.PEQ, 2000, 0, g, 100)).isCloseTo(0, within(0.1));
            assertThat(sineGainDb(FilterType.LSH, 2000, 0, g, 30)).isCloseTo(g, within(0.1));
            assertThat(sineGainDb(FilterType.LSH, 2000, 0, g, 2000)).isCloseTo(g / 2, within(0.05));
            assertThat(sineGainDb(FilterType.LSH, 2000, 0, g, 20000)).isCloseTo(0, within(0.1));
            assertThat(sineGainDb(FilterType.HSH, 2000, 0, g, 30)).isCloseTo(0, within(0.1));
            assertThat(sineGainDb(FilterType.HSH, 2000, 0, g, 2000)).isCloseTo(g / 2, within(0.05));
            assertThat(sineGainDb(FilterType.HSH, 2000, 0, g, 20000)).isCloseTo(g, within(0.1));
        }
        // peq bandwidth, measured: half the gain in dB an octave either side of the centre for bw = 2 octaves (the
        // cookbook's digital bandwidth, so not exactly: 0.3 dB), and the cookbook's own figure there
        for (double edge : new double[] {500, 2000}) {
            VoiceFilter f = new VoiceFilter(FS);
            f.setType(FilterType.PEQ);
            f.setParameters(1000, 0, 12, 2);
            double m = sineGainDb(f, edge, 48_000);
            assertThat(m).as("peq edge %s Hz", edge).isCloseTo(6, within(0.3))
                    .isCloseTo(CookbookResponse.db(FilterType.PEQ, 1000, 0, 12, 2, edge, FS), within(0.01));
        }
    }

    @ParameterizedTest
    @EnumSource(FilterType.class)
    void sweptCutoffAtMaximumResonanceStaysFiniteAndBounded(FilterType t) {
        VoiceFilter f = new VoiceFilter(FS);
        f.setType(t);
        Rng rng = new Rng(7);
        int n = 10 * (int) FS, sub = 16;
        float[] l = new float[sub], r = new float[sub];
        double maxOut = 0;
        for (int i = 0; i < n; i += sub) {
            // alternate a fast log sweep (0.25 s up and down) with random jumps, every 16 frames
            double tri = Math.abs(((i / FS) / 0.25) % 2 - 1);
            double x = (i / sub) % 2 == 0 ? tri : rng.nextDouble();
            f.setParameters(20 * Math.pow(1000, x), VoiceFilter.MAX_RESONANCE_DB, 24, 0.1);
            for (int j = 0; j < sub; j++) {
                l[j] = (float) (rng.nextDouble() * 2 - 1);
                r[j] = (float) (rng.nextDouble() * 2 - 1);
            }
            f.process(l, r, 0, sub);
            for (int j = 0; j < sub; j++) {
                assertThat(Float.isFinite(l[j]) && Float.isFinite(r[j])).isTrue();
                maxOut = Math.max(maxOut, Math.max(Math.abs(l[j]), Math.abs(r[j])));
            }
        }
        // 40 dB of resonance (or 24 dB of shelf gain) on full-scale noise: bounded well below 80 dB
        assertThat(maxOut).as("peak output").isLessThan(1e4);
        synchronized (VoiceFilterTest.class) { worstPeak = Math.max(worstPeak, maxOut); }
    }

    @ParameterizedTest
    @EnumSource(FilterType.class)
    void aDecayingTailReachesExactZeroAndNeverGoesSubnormal(FilterType t) {
        VoiceFilter f = new VoiceFilter(FS);
        f.setType(t);
        f.setParameters(1000, 12, 12, 1);
        Rng rng = new Rng(3);
        float[] l = new float[BLOCK], r = new float[BLOCK];
        for (int i = 0; i < 4800; i += BLOCK) {
            for (int j = 0; j < BLOCK; j++) { l[j] = (float) (rng.nextDouble() - 0.5); r[j] = -l[j]; }
            f.process(l, r, 0, BLOCK);
        }
        assertThat(f.isSilent()).isFalse();
        int frames = 0;
        while (!f.isSilent() && frames < 24_000) {
            java.util.Arrays.fill(l, 0);
            java.util.Arrays.fill(r, 0);
            f.process(l, r, 0, BLOCK);
            for (int j = 0; j < BLOCK; j++) {
                assertThat(l[j] == 0 || Math.abs(l[j]) >= Float.MIN_NORMAL).as("subnormal output").isTrue();
            }
            frames += BLOCK;
        }
        assertThat(f.isSilent()).as("state exactly 0 within 0.5 s of silence").isTrue();
        synchronized (VoiceFilterTest.class) { slowestSilence = Math.max(slowestSilence, frames); }
        java.util.Arrays.fill(l, 0);
        f.process(l, r, 0, BLOCK);
        for (float v : l) assertThat(v).isZero();
    }

    @Test
    void stereoChannelsAreIndependentAndMatchMono() {
        VoiceFilter stereo = new VoiceFilter(FS), mono = new VoiceFilter(FS);
        for (VoiceFilter f : new VoiceFilter[] {stereo, mono}) { f.setType(FilterType.LPF_4P); f.set(900, 9); }
        Rng rng = new Rng(5);
        float[] l = new float[512], r = new float[512], m = new float[512];
        for (int i = 0; i < 512; i++) { l[i] = m[i] = (float) (rng.nextDouble() - 0.5); r[i] = i == 0 ? 1 : 0; }
        stereo.process(l, r, 0, 512);
        mono.process(m, null, 0, 512);
        assertThat(l).containsExactly(m);
        assertThat(r).containsExactly(impulseHead(FilterType.LPF_4P, 900, 9, 512));
    }

    private static float[] impulseHead(FilterType t, double fc, double res, int n) {
        VoiceFilter f = new VoiceFilter(FS);
        f.setType(t);
        f.set(fc, res);
        float[] x = new float[n];
        x[0] = 1;
        f.process(x, null, 0, n);
        return x;
    }

    /** Steady-state gain in dB of a sine at {@code freq} through {@code f} as it is tuned now (its state carried over). */
    static double sineGainDb(VoiceFilter f, double freq) { return sineGainDb(f, freq, 24_000); }

    /** The same over {@code n} frames, measured on the second half (the first settles). */
    static double sineGainDb(VoiceFilter f, double freq, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (0.5 * Math.sin(2 * Math.PI * freq / FS * i));
        for (int i = 0; i < n; i += BLOCK) f.process(x, null, i, Math.min(n, i + BLOCK));
        return db(Spectrum.toneAmplitude(x, n / 2, n, freq / FS) / 0.5);
    }

    /**
     * Settings equal to the last ones (after clamping: a cutoff swept past 0.49 × the rate) keep the coefficients, and the
     * next other settings, or another type at the same settings, still take effect: the levels measured at each step
     * are those of a filter designed afresh for it.
     */
    @Test
    void aRetuneToTheSameSettingsIsKeptAndTheNextOtherOneTakesEffect() {
        VoiceFilter f = new VoiceFilter(FS);
        f.setType(FilterType.LPF_2P);
        f.setParameters(500, 6, 0, 1);
        double at500 = CookbookResponse.db(FilterType.LPF_2P, 500, 6, 0, 4000, FS);
        assertThat(sineGainDb(f, 4000)).isCloseTo(at500, within(0.05)); // about −33 dB
        long tuned = f.tunings();
        f.setParameters(500, 6, 0, 1);
        assertThat(f.tunings()).as("the same settings again").isEqualTo(tuned);

        f.setParameters(30_000, 6, 0, 1); // clamped to 23,520 Hz
        assertThat(f.tunings()).isEqualTo(tuned + 1);
        f.setParameters(40_000, 6, 0, 1); // clamped to the same
        assertThat(f.tunings()).as("a cutoff clamped to the same").isEqualTo(tuned + 1);
        double open = CookbookResponse.db(FilterType.LPF_2P, 0.49 * FS, 6, 0, 4000, FS);
        assertThat(sineGainDb(f, 4000)).isCloseTo(open, within(0.05)).isGreaterThan(-0.5);

        f.setParameters(500, 6, 0, 1); // back: must take effect after the kept ones
        assertThat(sineGainDb(f, 4000)).isCloseTo(at500, within(0.05));
        f.setParameters(500, 12, 0, 1); // the resonance alone
        assertThat(sineGainDb(f, 500)).isCloseTo(CookbookResponse.db(FilterType.LPF_2P, 500, 12, 0, 500, FS), within(0.05));

        f.setType(FilterType.HPF_2P); // designs its default settings (1 kHz, 0 dB) afresh
        f.setParameters(1000, 0, 0, 1); // the settings setType just made: kept
        double hp = CookbookResponse.db(FilterType.HPF_2P, 1000, 0, 0, 200, FS);
        assertThat(hp).isLessThan(-25);
        assertThat(sineGainDb(f, 200)).isCloseTo(hp, within(0.05));
        f.setType(FilterType.LPF_2P); // the same settings, another type: designed again
        assertThat(sineGainDb(f, 200)).isCloseTo(CookbookResponse.db(FilterType.LPF_2P, 1000, 0, 0, 200, FS), within(0.05))
                .isGreaterThan(-0.1);
    }

    @Test
    void aPeakingFiltersGainAloneOrBandwidthAloneTakesEffect() {
        VoiceFilter f = new VoiceFilter(FS);
        f.setType(FilterType.PEQ);
        f.setParameters(1000, 0, 6, 1);
        assertThat(sineGainDb(f, 1000)).isCloseTo(CookbookResponse.db(FilterType.PEQ, 1000, 0, 6, 1, 1000, FS), within(0.05))
                .isCloseTo(6, within(0.1));
        f.setParameters(1000, 0, -9, 1); // the gain alone
        assertThat(sineGainDb(f, 1000)).isCloseTo(CookbookResponse.db(FilterType.PEQ, 1000, 0, -9, 1, 1000, FS), within(0.05))
                .isCloseTo(-9, within(0.1));
        double narrow = CookbookResponse.db(FilterType.PEQ, 1000, 0, -9, 0.25, 1500, FS);
        double wide = CookbookResponse.db(FilterType.PEQ, 1000, 0, -9, 1, 1500, FS);
        assertThat(narrow - wide).as("an octave and a half-octave apart").isGreaterThan(3);
        assertThat(sineGainDb(f, 1500)).isCloseTo(wide, within(0.05));
        f.setParameters(1000, 0, -9, 0.25); // the bandwidth alone
        assertThat(sineGainDb(f, 1500)).isCloseTo(narrow, within(0.05));
    }

    @Test
    void sfzNamesRoundTrip() {
        for (FilterType t : FilterType.values()) assertThat(FilterType.fromSfz(t.sfzName())).isSameAs(t);
        assertThat(FilterType.fromSfz("LPF_2P")).isSameAs(FilterType.LPF_2P);
        assertThat(FilterType.fromSfz("comb")).isNull();
    }
}
