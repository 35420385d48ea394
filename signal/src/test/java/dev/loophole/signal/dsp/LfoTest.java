package dev.loophole.signal.dsp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LfoTest {
    static final double FS = 48_000;

    /** Runs the LFO from trigger for n frames in uneven blocks (block ends must not matter). */
    static float[] run(Lfo lfo, int n) {
        float[] out = new float[n];
        lfo.trigger();
        for (int i = 0, b = 0; i < n; b++) {
            int len = Math.min(n - i, 1 + (b * 37) % 251);
            lfo.process(out, i, i + len);
            i += len;
        }
        return out;
    }

    @Test
    void measuredFrequencyIsTheSetFrequency() {
        for (double f : new double[] {0.1, 5.3, 19.7, 440}) {
            Lfo lfo = new Lfo(FS, null);
            lfo.setFrequency(f);
            float[] y = run(lfo, (int) (FS * Math.max(10, 30 / f)));
            double measured = Spectrum.zeroCrossingFrequency(y, 0, y.length) * FS;
            assertThat(measured / f - 1).as("relative error at %s Hz", f).isCloseTo(0, within(1e-7));
        }
    }

    @Test
    void theFirstFrameIsTheWaveAtTheStartPhase() {
        double[][] expected = { // phase 0, 0.25, 0.6 per wave
                {0, 1, -0.4}, {0, 1, Math.sin(2 * Math.PI * 0.6)}, {1, 1, 1}, {1, 1, -1},
                {1, -1, -1}, {1, -1, -1}, {-1, -0.5, 0.2}, {1, 0.5, -0.2}};
        double[] phases = {0, 0.25, 0.6};
        for (int wave = 0; wave <= 7; wave++) {
            for (int p = 0; p < 3; p++) {
                Lfo lfo = new Lfo(FS, null);
                lfo.setWave(wave);
                lfo.setFrequency(3);
                lfo.setPhase(phases[p]);
                float[] y = run(lfo, 4);
                assertThat((double) y[0]).as("wave %d phase %s", wave, phases[p]).isCloseTo(expected[wave][p], within(1e-6));
            }
        }
    }

    @Test
    void waveShapesOverOneCycle() {
        int period = 480; // 100 Hz
        for (int wave = 0; wave <= 7; wave++) {
            Lfo lfo = new Lfo(FS, null);
            lfo.setWave(wave);
            lfo.setFrequency(FS / period);
            float[] y = run(lfo, period);
            for (int i = 0; i < period; i++) {
                double p = i / (double) period;
                double e = switch (wave) {
                    case 0 -> p < 0.25 ? 4 * p : p < 0.75 ? 2 - 4 * p : 4 * p - 4;
                    case 1 -> Math.sin(2 * Math.PI * p);
                    case 2 -> p < 0.75 ? 1 : -1;
                    case 3 -> p < 0.5 ? 1 : -1;
                    case 4 -> p < 0.25 ? 1 : -1;
                    case 5 -> p < 0.125 ? 1 : -1;
                    case 6 -> 2 * p - 1;
                    default -> 1 - 2 * p;
                };
                assertThat((double) y[i]).as("wave %d frame %d", wave, i).isCloseTo(e, within(1e-6));
            }
        }
    }

    @Test
    void delayAndFadeAreExactToTheFrame() {
        Lfo lfo = new Lfo(FS, null);
        lfo.setWave(Lfo.SQUARE);
        lfo.setFrequency(1);
        lfo.setDelay(0.01);  // 480 frames
        lfo.setFade(0.005);  // 240 frames
        float[] y = run(lfo, 2000);
        for (int i = 0; i < 480; i++) assertThat(y[i]).as("frame %d", i).isZero();
        for (int j = 0; j < 240; j++) assertThat((double) y[480 + j]).as("fade frame %d", j).isCloseTo(j / 240.0, within(1e-7));
        for (int i = 720; i < 2000; i++) assertThat(y[i]).isEqualTo(1f);
    }

    @Test
    void countStopsAfterExactlyThatManyCycles() {
        Lfo lfo = new Lfo(FS, null);
        lfo.setWave(Lfo.RAMP_UP);
        lfo.setFrequency(100); // 480-frame period
        lfo.setDelay(100 / FS);
        lfo.setCount(3);
        float[] y = run(lfo, 3000);
        assertThat(y[99]).isZero();
        assertThat(y[100]).isEqualTo(-1f);
        assertThat(y[100 + 480]).isEqualTo(-1f);          // each cycle starts on its exact frame
        assertThat(y[100 + 960]).isEqualTo(-1f);
        assertThat(y[100 + 1439]).isGreaterThan(0.99f);   // last frame of the third cycle
        for (int i = 100 + 1440; i < 3000; i++) assertThat(y[i]).as("frame %d", i).isZero();
        assertThat(lfo.isStopped()).isTrue();

        lfo.setCount(0);
        float[] endless = run(lfo, 3000);
        assertThat(endless[2999]).isNotZero();
        assertThat(lfo.isStopped()).isFalse();
    }

    @Test
    void squareEdgesLandOnExactFrames() {
        Lfo lfo = new Lfo(FS, null);
        lfo.setWave(Lfo.SQUARE);
        lfo.setFrequency(100);
        float[] y = run(lfo, 48_000);
        for (int i = 0; i < 48_000; i++) assertThat(y[i]).isEqualTo((i % 480) < 240 ? 1f : -1f);
    }

    @Test
    void sampleAndHoldIsDeterministicForASeedAndHoldsPerCycle() {
        float[] a = sh(42), b = sh(42), c = sh(43);
        assertThat(a).containsExactly(b);
        assertThat(a).isNotEqualTo(c);
        int period = 480;
        for (int cyc = 0; cyc < 20; cyc++) {
            float v = a[cyc * period];
            assertThat(v).isBetween(-1f, 1f);
            for (int i = 1; i < period; i++) assertThat(a[cyc * period + i]).isEqualTo(v);
            assertThat(a[(cyc + 1) * period]).isNotEqualTo(v);
        }
        // the values are the Rng's, in order
        Rng r = new Rng(42);
        for (int cyc = 0; cyc < 20; cyc++) assertThat((double) a[cyc * period]).isCloseTo(r.nextDouble() * 2 - 1, within(1e-7));
    }

    private static float[] sh(long seed) {
        Lfo lfo = new Lfo(FS, new Rng(seed));
        lfo.setWave(Lfo.SAMPLE_AND_HOLD);
        lfo.setFrequency(100);
        return run(lfo, 480 * 21);
    }

    @Test
    void otherWavesDoNotConsumeRandomNumbers() {
        Rng r = new Rng(1);
        Lfo lfo = new Lfo(FS, r);
        lfo.setWave(Lfo.SINE);
        lfo.setFrequency(50);
        run(lfo, 10_000);
        assertThat(r.nextLong()).isEqualTo(new Rng(1).nextLong());
    }

    @Test
    void stepSequencerReplacesTheWaveAndSmoothingRoundsItsEdges() {
        Lfo lfo = new Lfo(FS, null);
        lfo.setFrequency(FS / 400);
        lfo.setSteps(new double[] {100, -50, 25, 0});
        float[] y = run(lfo, 800);
        float[] expected = {1f, -0.5f, 0.25f, 0f};
        for (int i = 0; i < 800; i++) assertThat(y[i]).isEqualTo(expected[(i % 400) / 100]);

        lfo.setSmooth(0.0005); // 24-frame time constant
        float[] s = run(lfo, 800);
        assertThat(s[0]).isEqualTo(1f);
        double maxJump = 0;
        for (int i = 1; i < 800; i++) maxJump = Math.max(maxJump, Math.abs(s[i] - s[i - 1]));
        assertThat(maxJump).isLessThan(0.07);                        // 1.5 step spread over ~24 frames
        assertThat((double) s[199]).isCloseTo(-0.5, within(0.1));     // settled by the step's end
    }

    @Test
    void v1LfoIsASineWithDelayAndFade() {
        Lfo v1 = new Lfo(FS, null), v2 = new Lfo(FS, null);
        v1.setWave(Lfo.RAMP_DOWN);
        v1.setSteps(new double[] {50});
        v1.configureV1(6, 0.05, 0.2);
        v2.setFrequency(6);
        v2.setDelay(0.05);
        v2.setFade(0.2);
        assertThat(run(v1, 24_000)).containsExactly(run(v2, 24_000));
    }

    @Test
    void unknownWavesPlayAsSine() {
        assertThat(Lfo.isSupportedWave(9)).isFalse();
        Lfo a = new Lfo(FS, null), b = new Lfo(FS, null);
        a.setWave(9);
        a.setFrequency(4);
        b.setFrequency(4);
        assertThat(run(a, 2000)).containsExactly(run(b, 2000));
    }

    @Test
    void fastSineIsAccurate() {
        double worst = 0;
        for (int i = 0; i < 100_000; i++) {
            double p = i / 100_000.0;
            worst = Math.max(worst, Math.abs(Lfo.sin2pi(p) - Math.sin(2 * Math.PI * p)));
        }
        assertThat(worst).isLessThan(1e-7);
    }

    /**
     * {@link Lfo#first}, a control-rate read, gives each chunk's first frame exactly as {@link Lfo#process} writes it, and
     * leaves the LFO where {@code process} over the whole chunk leaves it: every wave, with delay, fade, count, steps and
     * smoothing, over chunks of 1..32 frames; the following chunks' values are the proof of the state.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "wave {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {0, 1, 2, 3, 4, 5, 6, 7, 12})
    void aChunksFirstFrameAndTheStateAfterItAreThoseOfTheWholeChunk(int wave) {
        for (int variant = 0; variant < 4; variant++) {
            Lfo whole = new Lfo(FS, new Rng(7)), first = new Lfo(FS, new Rng(7));
            for (Lfo l : new Lfo[] {whole, first}) {
                l.setWave(wave);
                l.setFrequency(variant == 3 ? 9_000 : 3.7 + variant); // 9 kHz: several cycles a chunk
                l.setDelay(variant == 1 ? 0.0101 : 0);
                l.setFade(variant == 0 ? 0.05 : 0);
                l.setPhase(0.3 * variant);
                l.setCount(variant == 2 ? 3 : variant == 3 ? 40 : 0);
                l.setSmooth(variant == 2 ? 0.002 : 0);
                if (variant == 1) l.setSteps(new double[] {100, -50, 25, 0, -100});
                l.trigger();
            }
            Rng sizes = new Rng(wave * 10L + variant);
            float[] buf = new float[32], scratch = new float[32];
            int nonZero = 0;
            for (int c = 0; c < 3000; c++) {
                int n = 1 + (int) (sizes.nextDouble() * 32);
                whole.process(buf, 0, n);
                float v = first.first(n, scratch);
                assertThat(Float.floatToRawIntBits(v)).as("variant %d chunk %d", variant, c).isEqualTo(Float.floatToRawIntBits(buf[0]));
                if (v != 0) nonZero++;
            }
            assertThat(first.isStopped()).isEqualTo(whole.isStopped());
            assertThat(nonZero).as("variant %d: chunks with a non-zero first frame", variant).isGreaterThan(variant == 2 || variant == 3 ? 5 : 2000);
        }
    }
}
