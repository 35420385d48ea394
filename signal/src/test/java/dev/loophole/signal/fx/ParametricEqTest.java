package dev.loophole.signal.fx;

import static dev.loophole.signal.fx.Signals.*;
import dev.loophole.model.project.EffectKind;
import dev.loophole.signal.dsp.CookbookResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Each band measured with steady sines against the RBJ cookbook's transfer function, evaluated here. */
class ParametricEqTest {
    /** |H(e^jw)| of an RBJ section ("peak", "low" or "high" shelf) in dB, from the cookbook's formulas. */
    static double cookbookDb(String type, double f0, double gainDb, double q, double f) {
        double w0 = 2 * Math.PI * f0 / RATE;
        double[] c = switch (type) {
            case "peak" -> CookbookResponse.peak(w0, gainDb, q);
            case "low" -> CookbookResponse.lowShelf(w0, gainDb, q);
            default -> CookbookResponse.highShelf(w0, gainDb, q);
        };
        return CookbookResponse.biquadDb(c, 2 * Math.PI * f / RATE);
    }

    private static double measuredDb(Effect eq, double f) {
        eq.reset();
        int n = RATE / 2;
        float[] l = sine(f, 0.25, n), r = sine(f, 0.25, n);
        run(eq, l, r);
        return db(amplitude(l, n / 2, n, f) / 0.25);
    }

    @Test
    void everyBandFollowsItsAnalyticResponse() {
        Effect eq = make(EffectKind.EQ4, "band1_freq", 120, "band1_gain", 6, "band1_q", 0.707,
                "band2_freq", 700, "band2_gain", -9, "band2_q", 2,
                "band3_freq", 2500, "band3_gain", 5, "band3_q", 4,
                "band4_freq", 9000, "band4_gain", -4, "band4_q", 0.9);
        for (double f : new double[] {40, 120, 300, 600, 700, 800, 1500, 2400, 2500, 2600, 5000, 9000, 14000}) {
            double expected = cookbookDb("low", 120, 6, 0.707, f) + cookbookDb("peak", 700, -9, 2, f)
                    + cookbookDb("peak", 2500, 5, 4, f) + cookbookDb("high", 9000, -4, 0.9, f);
            assertThat(measuredDb(eq, f)).as("%s Hz", f).isCloseTo(expected, within(0.05));
        }
    }

    @Test
    void aPeakHasItsGainAtItsCentreAndShelvesReachTheirGain() {
        Effect peak = make(EffectKind.EQ4, "band2_freq", 1000, "band2_gain", 12, "band2_q", 1);
        assertThat(measuredDb(peak, 1000)).isCloseTo(12, within(0.02));
        assertThat(measuredDb(peak, 16000)).isCloseTo(0, within(0.2));
        Effect shelves = make(EffectKind.EQ4, "band1_freq", 200, "band1_gain", -10, "band4_freq", 5000, "band4_gain", 8);
        assertThat(measuredDb(shelves, 25)).isCloseTo(-10, within(0.1));   // far below the low shelf: its full cut
        assertThat(measuredDb(shelves, 1200)).isCloseTo(0, within(0.3));   // between the shelves: flat
        assertThat(measuredDb(shelves, 20000)).isCloseTo(8, within(0.3));  // near Nyquist: the high shelf's full boost
    }

    /** The RBJ high-pass and low-pass at Q = 1/√2 are Butterworth: −3.01 dB at the corner, 12 dB per octave beyond. */
    @Test
    void cutsAreSecondOrderButterworth() {
        Effect cuts = make(EffectKind.EQ4, "band1_type", 3, "band1_freq", 200, "band1_q", Math.sqrt(0.5),
                "band4_type", 4, "band4_freq", 4000, "band4_q", Math.sqrt(0.5));
        // |H|² of an analogue Butterworth pair, bilinear-warped: the test's own formula, not the cookbook's.
        double wc1 = Math.tan(Math.PI * 200 / RATE), wc4 = Math.tan(Math.PI * 4000 / RATE);
        for (double f : new double[] {50, 100, 200, 400, 1000, 2000, 4000, 8000}) {
            double w = Math.tan(Math.PI * f / RATE);
            double hp = Math.pow(w / wc1, 4) / (1 + Math.pow(w / wc1, 4)), lp = 1 / (1 + Math.pow(w / wc4, 4));
            assertThat(measuredDb(cuts, f)).as("%s Hz", f).isCloseTo(10 * Math.log10(hp * lp), within(0.05));
        }
    }

    @Test
    void aFlatEqPassesSignalUnchanged() {
        Effect eq = make(EffectKind.EQ4);
        float[] l = sine(440, 0.5, 4800), r = sine(440, 0.5, 4800), x = sine(440, 0.5, 4800);
        run(eq, l, r);
        assertThat(l).isEqualTo(x);
    }
}
