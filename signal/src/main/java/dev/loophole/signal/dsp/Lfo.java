package dev.loophole.signal.dsp;

/**
 * One LFO of a voice with the SFZ v2 {@code lfoN_*} semantics; the v1 {@code amplfo_}/{@code fillfo_}/
 * {@code pitchlfo_} LFOs are the special case {@link #configureV1}. Output is per frame, bipolar
 * −1..+1 at full depth, into a float[] ({@link #process}); the caller scales it by the target's
 * depth ({@code lfoN_pitch} cents, {@code amplfo_depth} dB, …).
 *
 * <p>Timeline, in frames from {@link #trigger()}: {@code round(delay·fs)} frames of 0; then the wave
 * starts at {@code phase} and its depth rises linearly from 0 over {@code round(fade·fs)} frames
 * (frame {@code delay + j} has gain {@code j / fadeFrames}); after {@code count} whole cycles
 * (0 = endless) the LFO stops and outputs 0 — its modulation ends.
 *
 * <p>The phase is a 64-bit fixed-point accumulator (2^48 per cycle), so cycle ends, {@code count} and
 * sample-and-hold steps land on exact frames and never drift; the increment is rounded up, so an
 * LFO whose period is a whole number of frames wraps on exactly that frame. The frequency may change
 * at any time ({@code lfoN_freq_onccX}); it applies from the next frame.
 *
 * <p>Waves ({@code lfoN_wave}), as functions of the phase p in [0, 1): 0 triangle (0 at p = 0,
 * rising, +1 at ¼), 1 sine, 2 pulse 75 % (+1 while p &lt; ¾, else −1), 3 square, 4 pulse 25 %,
 * 5 pulse 12.5 %, 6 ramp up (2p − 1), 7 ramp down (1 − 2p), 12 sample and hold: a new uniform value
 * in [−1, 1) from the instrument's seeded {@link Rng} at the start and at each new cycle. Other codes
 * play as a sine ({@link #isSupportedWave} lets the importer warn). With {@code steps} &gt; 0 the step
 * sequence replaces the wave: step {@code floor(p · steps)}, values in percent (−100..100).
 * {@code smooth} is a one-pole low-pass on the wave (time constant in seconds, 0 = off), for soft
 * steps and S&amp;H. The ARIA sub-waves ({@code lfoN_ratioX}/{@code scaleX}/{@code offsetX}) are not
 * modelled here.
 */
public final class Lfo {
    public static final int TRIANGLE = 0, SINE = 1, PULSE_75 = 2, SQUARE = 3, PULSE_25 = 4, PULSE_12_5 = 5,
            RAMP_UP = 6, RAMP_DOWN = 7, SAMPLE_AND_HOLD = 12;
    public static final int MAX_STEPS = 128;

    private static final int FRAC_BITS = 48;
    private static final long ONE = 1L << FRAC_BITS, MASK = ONE - 1;
    private static final double TO_PHASE = 1.0 / ONE;

    private final double sampleRate;
    private final Rng rng;

    // settings
    private int wave = SINE;
    private long inc;
    private int delayFrames, fadeFrames, count;
    private long startPhase;
    private double smoothCoef = 1;
    private int steps;
    private float[] stepValues;   // a table made on the control side (stepTable), shared read-only by every voice

    // state
    private int delayLeft, fadePos;
    private long run;           // fixed-point cycles since the wave started (wrapped when endless)
    private int cyclesDone;
    private boolean running, stopped;
    private double held, smoothed;

    /** @param rng the instrument's seeded generator, used by sample and hold (may be null otherwise) */
    public Lfo(double sampleRate, Rng rng) {
        if (!(sampleRate > 0)) throw new IllegalArgumentException("sample rate " + sampleRate);
        this.sampleRate = sampleRate;
        this.rng = rng;
    }

    public static boolean isSupportedWave(int wave) { return wave >= 0 && wave <= 7 || wave == SAMPLE_AND_HOLD; }

    public void setWave(int wave) { this.wave = isSupportedWave(wave) ? wave : SINE; }

    public void setFrequency(double hz) {
        double f = Double.isNaN(hz) ? 0 : Math.min(Math.max(hz, 0), sampleRate / 2);
        inc = (long) Math.ceil(f / sampleRate * ONE);
    }

    public void setDelay(double seconds) { delayFrames = frames(seconds); }

    public void setFade(double seconds) { fadeFrames = frames(seconds); }

    /** Start phase in cycles, 0..1 (wrapped). */
    public void setPhase(double cycles) {
        double p = cycles - Math.floor(cycles);
        startPhase = Math.min((long) (p * ONE), MASK);
    }

    /** Number of cycles before the LFO stops; 0 = endless. */
    public void setCount(int cycles) { count = Math.max(cycles, 0); }

    /** One-pole smoothing time constant in seconds; 0 turns it off. */
    public void setSmooth(double seconds) {
        smoothCoef = seconds > 0 ? 1 - Math.exp(-1 / (seconds * sampleRate)) : 1;
    }

    /** Step sequence in percent (−100..100); an empty or null array turns the sequencer off. */
    public void setSteps(double[] percent) {
        useSteps(percent == null ? null : stepTable(percent));
    }

    /**
     * The step values an LFO plays for a sequence in percent: clamped to ±100 and scaled to ±1, at most
     * {@link #MAX_STEPS}. Made once per compiled region, so a voice's LFO holds no table of its own (11 LFOs per
     * voice × 3,200 voices of a SoundFont bank held 18 MB of step tables that only step LFOs read).
     */
    public static float[] stepTable(double[] percent) {
        float[] t = new float[Math.min(percent.length, MAX_STEPS)];
        for (int i = 0; i < t.length; i++) t[i] = (float) (Math.min(Math.max(percent[i], -100), 100) / 100);
        return t;
    }

    /** Audio thread: plays {@code table} (from {@link #stepTable}, not copied, not modified); null or empty turns steps off. */
    public void useSteps(float[] table) {
        stepValues = table;
        steps = table == null ? 0 : table.length;
    }

    /** The SFZ v1 amplfo/fillfo/pitchlfo: a sine from phase 0, endless, no steps or smoothing. */
    public void configureV1(double freqHz, double delaySeconds, double fadeSeconds) {
        setWave(SINE);
        setFrequency(freqHz);
        setDelay(delaySeconds);
        setFade(fadeSeconds);
        setPhase(0);
        setCount(0);
        setSmooth(0);
        steps = 0;
    }

    /** Note-on: restart the timeline (delay, fade, phase, count). Allocation-free. */
    public void trigger() {
        delayLeft = delayFrames;
        fadePos = 0;
        run = 0;
        cyclesDone = 0;
        running = false;
        stopped = false;
        if (delayLeft == 0) start();
    }

    /** True once {@code count} cycles have played. */
    public boolean isStopped() { return stopped; }

    /** Writes the LFO value for frames {@code [from, to)} into {@code out}. */
    public void process(float[] out, int from, int to) {
        int i = from;
        while (i < to && !running && !stopped) { // delay
            out[i++] = 0;
            if (--delayLeft <= 0) start();
        }
        for (; i < to; i++) {
            if (stopped) { out[i] = 0; continue; }
            double w = shape((run + startPhase) & MASK);
            smoothed = smoothCoef == 1 ? w : smoothed + (w - smoothed) * smoothCoef;
            double gain = fadePos >= fadeFrames ? 1 : (double) fadePos / fadeFrames;
            if (fadePos < fadeFrames) fadePos++;
            out[i] = (float) (smoothed * gain);
            advance();
        }
    }

    /**
     * Moves the LFO on {@code n} frames without computing its output: for a routing whose depth is 0 this
     * chunk (a mod wheel at rest), so the wave stays in phase for when it is turned up. Waves whose state
     * depends on every frame (smoothing, sample and hold) are run in full.
     */
    public void skip(int n, float[] scratch) {
        if (smoothCoef != 1 || wave == SAMPLE_AND_HOLD) { process(scratch, 0, n); return; }
        int i = 0;
        while (i < n && !running && !stopped) { i++; if (--delayLeft <= 0) start(); }
        int left = n - i;
        if (left <= 0 || stopped) return;
        fadePos = (int) Math.min(fadeFrames, (long) fadePos + left);
        long total = run + inc * (long) left;   // cannot overflow: inc < 2^47 and left ≤ a chunk
        long cycles = total >>> FRAC_BITS;
        run = total & MASK;
        if (count > 0 && cycles > 0) {
            cyclesDone += (int) cycles;
            if (cyclesDone >= count) stopped = true;
        }
    }

    /**
     * The value {@link #process} would write at the next frame, then moves on {@code n} (≥ 1) frames in all: for a reader
     * at control rate, which looks at a chunk's first frame only. The other frames' waves are not computed (as in
     * {@link #skip}), so the state after it is the state after {@code process} over the {@code n} frames.
     */
    public float first(int n, float[] scratch) {
        process(scratch, 0, 1);
        float v = scratch[0];
        if (n > 1) skip(n - 1, scratch); // which may run process over the scratch (smoothing, sample and hold)
        return v;
    }

    private void start() {
        running = true;
        // only S&H draws: other waves must not shift the instrument's random sequence
        held = wave == SAMPLE_AND_HOLD && rng != null ? rng.nextDouble() * 2 - 1 : 0;
        smoothed = shape(startPhase);
    }

    private void advance() {
        long before = run + startPhase;
        run += inc;
        long after = run + startPhase;
        if ((after >>> FRAC_BITS) != (before >>> FRAC_BITS) && wave == SAMPLE_AND_HOLD && rng != null) {
            held = rng.nextDouble() * 2 - 1; // new cycle of the wave: new random value
        }
        if (run >= ONE) {
            run -= ONE;
            if (count > 0 && ++cyclesDone >= count) stopped = true;
        }
    }

    private double shape(long phaseFix) {
        double p = phaseFix * TO_PHASE;
        if (steps > 0) return stepValues[(int) (p * steps)];
        return switch (wave) {
            case TRIANGLE -> p < 0.25 ? 4 * p : p < 0.75 ? 2 - 4 * p : 4 * p - 4;
            case PULSE_75 -> p < 0.75 ? 1 : -1;
            case SQUARE -> p < 0.5 ? 1 : -1;
            case PULSE_25 -> p < 0.25 ? 1 : -1;
            case PULSE_12_5 -> p < 0.125 ? 1 : -1;
            case RAMP_UP -> 2 * p - 1;
            case RAMP_DOWN -> 1 - 2 * p;
            case SAMPLE_AND_HOLD -> held;
            default -> sin2pi(p);
        };
    }

    /**
     * sin(2πp) for p in [0, 1): folded to [−¼, ¼] and a Taylor polynomial to x^11, error below 1e-7 —
     * a fraction of the cost of Math.sin, which matters at one call per frame per LFO per voice.
     */
    static double sin2pi(double p) {
        double t = p - Math.floor(p + 0.5);          // [−½, ½)
        if (t > 0.25) t = 0.5 - t;
        else if (t < -0.25) t = -0.5 - t;
        double x = 2 * Math.PI * t, x2 = x * x;
        return x * (1 + x2 * (-1.0 / 6 + x2 * (1.0 / 120 + x2 * (-1.0 / 5040
                + x2 * (1.0 / 362880 + x2 * (-1.0 / 39916800))))));
    }

    private int frames(double seconds) {
        return seconds > 0 ? (int) Math.min(Math.round(seconds * sampleRate), Integer.MAX_VALUE / 2) : 0;
    }
}
