package dev.loophole.signal.sampler;

import dev.loophole.model.EqBand;
import dev.loophole.signal.dsp.EnvelopeGenerator;
import dev.loophole.signal.dsp.FilterLanes;
import dev.loophole.signal.dsp.FilterType;
import dev.loophole.signal.dsp.Lfo;
import dev.loophole.signal.dsp.Rng;
import dev.loophole.signal.dsp.VoiceFilter;

/**
 * One voice's modulation: its two filters and EQ bands, the filter and pitch envelopes, the v1 LFOs
 * and the modulation matrix. Evaluated once per chunk (control rate); filters run per frame.
 * Preallocated with the voice, as many filters, bands, LFOs and envelopes as its instrument's patches use
 * ({@link VoiceNeeds}; grown by {@link #grow} on the control side); nothing here allocates on the audio thread.
 */
final class VoiceModulation {
    static final int MAX_EQ = 3;
    private final VoiceFilter[] filters = {null, null};
    private final VoiceFilter[] eqs = new VoiceFilter[MAX_EQ];
    private final EnvelopeGenerator filEg = new EnvelopeGenerator(), pitchEg = new EnvelopeGenerator();
    private final Lfo ampLfo, filLfo, pitchLfo;
    private final float[] scratch = new float[Voice.CHUNK];
    final VoiceMatrix matrix;
    private CompiledModulation m;
    private final double[] baseCents = new double[2]; // each filter's key and velocity tracking, fixed per note
    // each filter's cutoff (cents from its cutoff), resonance and gain: where the last chunk left them, and this chunk's targets
    private final double[] fromCents = new double[2], fromRes = new double[2], fromGain = new double[2];
    private final double[] toCents = new double[2], toRes = new double[2], toGain = new double[2];
    private static final int FILTER_STEPS = 4; // a moving filter is re-tuned this many times per chunk
    private final double[] eqLast = new double[MAX_EQ * 3];
    private int filterCount, eqCount;
    private double filEgDepth, pitchEgDepth;
    private int velocity;

    // [expression] per-note expression's share, in cents: cutoff offset, added filter-EG depth, added pitch-LFO depth
    private double expressionCutoffCents, expressionEgCents, expressionLfoCents;
    /** [expression] set before {@link #start}: per-note expression can move the cutoff, so an open low-pass must still run. */
    boolean keepFilterForExpression;

    /** [expression] Sets the per-note expression amounts for the next {@link #update}. */
    void expression(double cutoffCents, double egDepthCents, double lfoDepthCents) {
        if (cutoffCents != expressionCutoffCents || egDepthCents != expressionEgCents || lfoDepthCents != expressionLfoCents) still = false;
        expressionCutoffCents = cutoffCents;
        expressionEgCents = egDepthCents;
        expressionLfoCents = lfoDepthCents;
    }

    /** Pitch offset for the current chunk, in cents, and as a ratio (2^(cents/1200), 1 at 0); the level the modulation asks for (linear); stereo offsets in percent. */
    double pitchCents, pitchRatio = 1;
    float lfoGain = 1f;
    float panOffset, widthOffset, positionOffset;

    private final int rate;

    VoiceModulation(int rate, Rng rng, VoiceNeeds needs) {
        this.rate = rate;
        ampLfo = new Lfo(rate, rng);
        filLfo = new Lfo(rate, rng);
        pitchLfo = new Lfo(rate, rng);
        matrix = new VoiceMatrix(rate, rng);
        grow(needs);
    }

    /**
     * Control side: makes the filters and bands {@code needs} asks for that this voice lacks. Only slots no region of
     * the playing patch reaches are filled, and the new patch that reaches them is published after this (see
     * {@link SamplerInstrument#swapPatch}), so the audio thread never sees a half-made one.
     */
    void grow(VoiceNeeds needs) {
        for (int i = 0; i < Math.min(needs.filters(), filters.length); i++) if (filters[i] == null) filters[i] = new VoiceFilter(rate);
        for (int i = 0; i < Math.min(needs.eqs(), MAX_EQ); i++) if (eqs[i] == null) eqs[i] = new VoiceFilter(rate);
        matrix.grow(needs);
    }

    void start(CompiledModulation mod, int key, int velocity, int[] cc, ChannelState chan, float alternate, int keyDelta, Rng rng) {
        m = mod;
        this.velocity = velocity;
        expressionCutoffCents = expressionEgCents = expressionLfoCents = 0;
        pitchCents = 0;
        pitchRatio = 1;
        still = false;
        lfoGain = 1f;
        lastDb = 0;
        lastDbGain = 1f;
        panOffset = widthOffset = positionOffset = 0;
        if (mod.matrix.active || mod.matrix.startRoutes > 0) matrix.start(mod.matrix, cc, chan, key, velocity, alternate, keyDelta, rng);
        else matrix.clear();
        filterCount = mod.filters.length;
        for (int i = 0; i < filterCount; i++) {
            CompiledModulation.FilterSpec f = mod.filters[i];
            baseCents[i] = (key - f.keycenter()) * f.keytrack() + f.veltrack() * velocity / 127.0;
            fromCents[i] = Double.NaN;
        }
        // A low-pass opened past 0.45 × the rate with no resonance and nothing moving it is inaudible: skip it.
        if (mod.openLowpass && mod.filter1.cutoff() * Math.pow(2, baseCents[0] / 1200) >= 0.45 * rate && mod.filter1.resonance() <= 0
                && !keepFilterForExpression)
            filterCount = 0;
        for (int i = 0; i < filterCount; i++) {
            filters[i].setType(mod.filters[i].type());
            filters[i].reset();
        }
        eqCount = Math.min(mod.eq.length, MAX_EQ);
        for (int i = 0; i < eqCount; i++) {
            EqBand b = mod.eq[i];
            eqs[i].setType(switch (b.type()) { case "lshelf" -> FilterType.LSH; case "hshelf" -> FilterType.HSH; default -> FilterType.PEQ; });
            eqs[i].reset();
            eqLast[i * 3] = -1;
        }
        filEgDepth = mod.filEgDepth + mod.filEgVel2Depth * velocity / 127.0;
        pitchEgDepth = mod.pitchEgDepth + mod.pitchEgVel2Depth * velocity / 127.0;
        filEg.setShapes(mod.filEgShapes[0], mod.filEgShapes[1], mod.filEgShapes[2]);
        pitchEg.setShapes(mod.pitchEgShapes[0], mod.pitchEgShapes[1], mod.pitchEgShapes[2]);
        trigger(filEg, mod.filEg, 1);
        trigger(pitchEg, mod.pitchEg, 2);
        configure(ampLfo, mod.ampLfo);
        configure(filLfo, mod.filLfo);
        configure(pitchLfo, mod.pitchLfo);
        ampLfoOn = mod.ampLfo.on();
        filLfoOn = mod.filLfo.on();
        pitchLfoOn = mod.pitchLfo.on();
    }

    // Which v1 LFOs run, read once per note: update() asks every chunk, and the specs are separate objects per
    // region (three more cache lines per voice and chunk on a 3,200-voice bank).
    private boolean ampLfoOn, filLfoOn, pitchLfoOn;

    // The level in dB the last chunk asked for and its linear gain: a held note's level rarely moves, and the pow is
    // a tenth of a voice's chunk.
    private double lastDb;
    private float lastDbGain = 1f;

    /** Note-start adjustment {@code i} (a CompiledMatrix START_* index) from the controllers at note-on. */
    float startAdjustment(int i) { return m.matrix.startRoutes > 0 ? matrix.start[i] : 0f; }

    /** Starts envelope {@code which} (0 ampeg, 1 fileg, 2 pitcheg) with the stage times controllers set at note-on. */
    void trigger(EnvelopeGenerator eg, CompiledModulation.EnvelopeFrames f, int which) {
        if (m.matrix.startRoutes == 0) f.trigger(eg);
        else set(eg, f, which, false);
    }

    /**
     * A controller moved: the dynamic envelopes ({@code *_dynamic=1}) take the stage settings the controllers give
     * now; {@code amp} is the voice's amplitude envelope.
     */
    void controllersMoved(EnvelopeGenerator amp, CompiledModulation.EnvelopeFrames ampFrames) {
        if (!m.dynamic) return;
        still = false; // the envelopes take new stages
        matrix.restartEnvelopes();
        if (m.dynamicEg[0]) set(amp, ampFrames, 0, true);
        if (m.dynamicEg[1]) set(filEg, m.filEg, 1, true);
        if (m.dynamicEg[2]) set(pitchEg, m.pitchEg, 2, true);
    }

    private void set(EnvelopeGenerator eg, CompiledModulation.EnvelopeFrames f, int which, boolean running) {
        float[] a = matrix.start;
        int o = which * 7;
        int delay = Math.max(0, f.delay() + frames(a[o])), attack = Math.max(0, f.attack() + frames(a[o + 2]));
        int hold = Math.max(0, f.hold() + frames(a[o + 3])), decay = Math.max(0, f.decay() + frames(a[o + 4]));
        int release = Math.max(1, f.release() + frames(a[o + 6]));
        float start = clamp01(f.start() + a[o + 1] / 100), sustain = clamp01(f.sustain() + a[o + 5] / 100);
        if (running) eg.retune(delay, start, attack, hold, decay, sustain, release);
        else eg.trigger(delay, start, attack, hold, decay, sustain, release);
    }

    private int frames(float seconds) { return seconds == 0 ? 0 : (int) Math.round(seconds * rate); }

    private static float clamp01(float v) { return Math.max(0f, Math.min(1f, v)); }

    private static void configure(Lfo lfo, CompiledModulation.LfoSpec s) {
        if (!s.on()) return;
        lfo.configureV1(s.freq(), s.delay(), s.fade());
        lfo.trigger();
    }

    void release(int velocity) {
        still = false; // the envelopes leave their sustain
        filEg.release();
        pitchEg.release();
        if (m.matrix.active) matrix.release(velocity);
    }

    /** Sets this chunk's targets from every source's value at the chunk's start, then moves the sources on by {@code n} (≥ 1) frames. */
    void update(int n) {
        CompiledModulation mod = m;
        CompiledMatrix mx = mod.matrix;
        float[] s = matrix.sums;
        boolean moved = mx.active && matrix.update(n);
        if (still && !moved) { // the outputs hold: the LFOs at depth 0 only move on (their frequencies are the same too)
            if (pitchLfoOn) pitchLfo.skip(n, scratch);
            if (ampLfoOn) ampLfo.skip(n, scratch);
            if (filLfoOn && filterCount > 0) filLfo.skip(n, scratch);
            return;
        }
        double pitch = s[CompiledMatrix.PITCH];
        double pegDepth = pitchEgDepth + s[CompiledMatrix.PITCHEG_DEPTH];
        boolean quiet = true; // whether every source read below holds still from here on while the sums and expression do
        if (pegDepth != 0 || mx.targets[CompiledMatrix.PITCHEG_DEPTH]) {
            quiet = resting(pitchEg);
            pitch += pegDepth * advance(pitchEg, n);
        }
        if (pitchLfoOn) {
            if (mx.targets[CompiledMatrix.PITCHLFO_FREQ]) pitchLfo.setFrequency(mod.pitchLfo.freq() + s[CompiledMatrix.PITCHLFO_FREQ]);
            double depth = mod.pitchLfo.depth() + s[CompiledMatrix.PITCHLFO_DEPTH] + expressionLfoCents;
            quiet &= depth == 0;
            pitch += depthTimes(pitchLfo, depth, n);
        }
        if (pitch != pitchCents) { pitchCents = pitch; pitchRatio = pitch == 0 ? 1 : Math.pow(2, pitch / 1200); }
        double db = s[CompiledMatrix.VOLUME];
        if (ampLfoOn) {
            if (mx.targets[CompiledMatrix.AMPLFO_FREQ]) ampLfo.setFrequency(mod.ampLfo.freq() + s[CompiledMatrix.AMPLFO_FREQ]);
            double depth = mod.ampLfo.depth() + s[CompiledMatrix.AMPLFO_DEPTH];
            quiet &= depth == 0;
            db += depthTimes(ampLfo, depth, n);
        }
        if (db != lastDb) { lastDb = db; lastDbGain = db == 0 ? 1f : (float) Math.pow(10, db / 20); }
        float gain = lastDbGain;
        if (mx.active) {
            gain *= matrix.amplitudeScale;
            if (mx.additiveAmplitude) gain *= (float) Math.max(0, mod.baseAmplitude + s[CompiledMatrix.AMPLITUDE]) / 100f;
        }
        lfoGain = gain;
        panOffset = s[CompiledMatrix.PAN];
        widthOffset = s[CompiledMatrix.WIDTH];
        positionOffset = s[CompiledMatrix.POSITION];
        if (filterCount > 0) {
            double cents = baseCents[0] + s[CompiledMatrix.CUTOFF] + expressionCutoffCents;
            double fegDepth = filEgDepth + s[CompiledMatrix.FILEG_DEPTH] + expressionEgCents;
            if (fegDepth != 0 || mx.targets[CompiledMatrix.FILEG_DEPTH]) {
                quiet &= resting(filEg);
                cents += fegDepth * advance(filEg, n);
            }
            if (filLfoOn) {
                if (mx.targets[CompiledMatrix.FILLFO_FREQ]) filLfo.setFrequency(mod.filLfo.freq() + s[CompiledMatrix.FILLFO_FREQ]);
                double depth = mod.filLfo.depth() + s[CompiledMatrix.FILLFO_DEPTH];
                quiet &= depth == 0;
                cents += depthTimes(filLfo, depth, n);
            }
            setFilter(0, cents, s[CompiledMatrix.RESONANCE], s[CompiledMatrix.FIL_GAIN]);
            if (filterCount > 1) setFilter(1, baseCents[1] + s[CompiledMatrix.CUTOFF2], s[CompiledMatrix.RESONANCE2], s[CompiledMatrix.FIL2_GAIN]);
        }
        for (int i = 0; i < eqCount; i++) {
            EqBand b = mod.eq[i];
            int band = b.index() - 1;
            double hz = Math.max(1, b.freq() + b.vel2freq() * velocity / 127.0 + s[CompiledMatrix.EQ_FREQ + band]);
            double g = b.gain() + b.vel2gain() * velocity / 127.0 + s[CompiledMatrix.EQ_GAIN + band];
            double bw = Math.max(0.001, b.bandwidth() + s[CompiledMatrix.EQ_BW + band]);
            int o = i * 3;
            if (hz != eqLast[o] || g != eqLast[o + 1] || bw != eqLast[o + 2]) {
                eqs[i].setParameters(hz, 0, g, bw);
                eqLast[o] = hz; eqLast[o + 1] = g; eqLast[o + 2] = bw;
            }
        }
        still = quiet;
    }

    // Set by update when every source it read holds still from the next chunk on while the matrix's sums and the per-note
    // expression do (envelopes sustaining or done, LFOs at depth 0): then the next chunk's outputs are this chunk's, and
    // update only moves the LFOs on (most chunks of most held or releasing notes of a SoundFont). Cleared by whatever moves
    // a source otherwise: a note-off, a dynamic envelope's new stages, another per-note expression.
    private boolean still;

    /** An envelope whose level stays where it is until a note-off or a re-tune moves it (a sustain, or done). */
    private static boolean resting(EnvelopeGenerator eg) {
        EnvelopeGenerator.Stage st = eg.stage();
        return st == EnvelopeGenerator.Stage.SUSTAIN || st == EnvelopeGenerator.Stage.DONE;
    }

    /** This chunk's target for filter {@code i}; the first chunk of a note starts there. */
    private void setFilter(int i, double cents, double resDb, double gainDb) {
        toCents[i] = cents;
        toRes[i] = m.filters[i].resonance() + resDb;
        toGain[i] = m.filters[i].gain() + gainDb;
        if (Double.isNaN(fromCents[i])) {
            fromCents[i] = cents; fromRes[i] = toRes[i]; fromGain[i] = toGain[i];
            tune(i, cents, toRes[i], toGain[i]);
        }
    }

    private void tune(int i, double cents, double res, double gain) {
        filters[i].setParameters(m.filters[i].cutoff() * Math.exp(cents * CENTS_TO_LN), res, gain, 1); // exp: cheaper than pow
    }

    /** The source's value now, then moves it on by {@code n} frames. */
    private static final double CENTS_TO_LN = Math.log(2) / 1200;

    private float advance(EnvelopeGenerator eg, int n) {
        float v = eg.level();
        if (n > 0) eg.skip(n, scratch);
        return v;
    }

    /** The LFO's value now times {@code depth}; at depth 0 it only moves on (no wave computed). */
    private double depthTimes(Lfo lfo, double depth, int n) {
        if (depth == 0) { lfo.skip(n, scratch); return 0; }
        return depth * advance(lfo, n);
    }

    private float advance(Lfo lfo, int n) { return lfo.first(n, scratch); }

    boolean filtering() { return filterCount > 0 || eqCount > 0; }

    /**
     * Runs the chunk through the filters and EQ. A filter whose settings jumped since the last chunk (a
     * controller's step: a semitone of cutoff or more) glides there in {@link #FILTER_STEPS} steps across
     * this chunk, cutoff in cents, so a jump of a controller never jumps the filter.
     */
    void filter(float[] l, float[] r, int n) { filter(l, r, n, 0); }

    /**
     * This chunk's first filter when it may run in lanes beside other voices' ({@link FilterLanes}: one two-pole section, holding
     * or moving less than a step this chunk), re-tuned as {@link #filter} would; then {@link #filterAfterLanes} runs the rest.
     * Null when it may not: {@link #filter} runs everything. Not a plain getter: a filter moving a little this chunk is
     * re-tuned here, once, to where the chunk ends.
     */
    VoiceFilter tuneLaneFilter() {
        if (filterCount == 0 || !FilterLanes.fits(filters[0]) || !(holds(0) || retuneOnce(0))) return null;
        return filters[0];
    }

    /** After the lanes ran {@link #tuneLaneFilter}: the second filter and the EQ bands. */
    void filterAfterLanes(float[] l, float[] r, int n) { filter(l, r, n, 1); }

    private boolean holds(int i) { return fromCents[i] == toCents[i] && fromRes[i] == toRes[i] && fromGain[i] == toGain[i]; }

    /** An envelope's or LFO's small move per chunk: one re-tune is smooth enough and costs a quarter; false for a larger one. */
    private boolean retuneOnce(int i) {
        if (!(Math.abs(toCents[i] - fromCents[i]) < 100 && Math.abs(toRes[i] - fromRes[i]) < 1 && Math.abs(toGain[i] - fromGain[i]) < 1)) return false;
        tune(i, toCents[i], toRes[i], toGain[i]);
        fromCents[i] = toCents[i]; fromRes[i] = toRes[i]; fromGain[i] = toGain[i];
        return true;
    }

    private void filter(float[] l, float[] r, int n, int first) {
        for (int i = first; i < filterCount; i++) {
            if (holds(i) || retuneOnce(i)) {
                filters[i].process(l, r, 0, n);
                continue;
            }
            int a = 0;
            for (int k = 1; k <= FILTER_STEPS; k++) {
                int b = n * k / FILTER_STEPS;
                if (b <= a) continue;
                double t = (double) k / FILTER_STEPS;
                tune(i, fromCents[i] + (toCents[i] - fromCents[i]) * t, fromRes[i] + (toRes[i] - fromRes[i]) * t,
                        fromGain[i] + (toGain[i] - fromGain[i]) * t);
                filters[i].process(l, r, a, b);
                a = b;
            }
            fromCents[i] = toCents[i]; fromRes[i] = toRes[i]; fromGain[i] = toGain[i];
        }
        for (int i = 0; i < eqCount; i++) eqs[i].process(l, r, 0, n);
    }
}
