package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.EnvelopeGenerator;
import dev.loophole.signal.dsp.Lfo;
import dev.loophole.signal.dsp.Rng;
import dev.loophole.signal.dsp.VoiceFilter;

/**
 * One voice's modulation: the filter with its envelope and LFO, the pitch envelope and LFO, and
 * the amplitude LFO. Evaluated once per chunk (control rate); the filter itself runs per frame.
 * Preallocated with the voice; nothing here allocates after construction.
 */
final class VoiceModulation {
    private final VoiceFilter filter;
    private final EnvelopeGenerator filEg = new EnvelopeGenerator(), pitchEg = new EnvelopeGenerator();
    private final Lfo ampLfo, filLfo, pitchLfo;
    private final float[] scratch = new float[Voice.CHUNK];
    private CompiledModulation m;
    private double filterBaseCents;   // key and velocity tracking, fixed per note
    private double filEgDepth, pitchEgDepth;
    private boolean filtering;
    private double lastHz = -1;     // cutoff the filter was last set to: unchanged, no recomputation

    // [expression] per-note expression's share, in cents: cutoff offset, added filter-EG depth, added pitch-LFO depth
    private double expressionCutoffCents, expressionEgCents, expressionLfoCents;

    /** Sets the per-note expression amounts for the next {@link #update}. */
    void expression(double cutoffCents, double egDepthCents, double lfoDepthCents) {
        expressionCutoffCents = cutoffCents;
        expressionEgCents = egDepthCents;
        expressionLfoCents = lfoDepthCents;
    }

    /** Pitch offset for the current chunk, in cents, and the amplitude LFO's gain. */
    double pitchCents;
    float lfoGain = 1f;

    private final int rate;

    VoiceModulation(int rate, Rng rng) {
        this.rate = rate;
        filter = new VoiceFilter(rate);
        ampLfo = new Lfo(rate, rng);
        filLfo = new Lfo(rate, rng);
        pitchLfo = new Lfo(rate, rng);
    }

    void start(CompiledModulation mod, int key, int velocity) { start(mod, key, velocity, false); }

    /** {@code cutoffMayMove}: per-note expression can move the cutoff, so an open low-pass must still run. */
    void start(CompiledModulation mod, int key, int velocity, boolean cutoffMayMove) {
        m = mod;
        expressionCutoffCents = expressionEgCents = expressionLfoCents = 0;
        pitchCents = 0;
        lfoGain = 1f;
        filtering = mod.filterType != null;
        lastHz = -1;
        if (filtering) {
            filterBaseCents = (key - mod.filKeycenter) * mod.filKeytrack + mod.filVeltrack * velocity / 127.0;
            // A low-pass opened past 0.45 × the rate with no resonance and nothing moving it is inaudible: skip it.
            double hz = mod.cutoff * Math.pow(2, filterBaseCents / 1200);
            if (mod.openLowpass && hz >= 0.45 * rate && mod.resonance <= 0 && !cutoffMayMove) filtering = false;
        }
        if (filtering) {
            filter.setType(mod.filterType);
            filter.reset();
        }
        filEgDepth = mod.filEgDepth + mod.filEgVel2Depth * velocity / 127.0;
        pitchEgDepth = mod.pitchEgDepth + mod.pitchEgVel2Depth * velocity / 127.0;
        trigger(filEg, mod.filEg);
        trigger(pitchEg, mod.pitchEg);
        configure(ampLfo, mod.ampLfo);
        configure(filLfo, mod.filLfo);
        configure(pitchLfo, mod.pitchLfo);
    }

    private static void trigger(EnvelopeGenerator eg, CompiledModulation.EnvelopeFrames f) {
        eg.trigger(f.delay(), f.start(), f.attack(), f.hold(), f.decay(), f.sustain(), f.release());
    }

    private static void configure(Lfo lfo, CompiledModulation.LfoSpec s) {
        if (!s.on()) return;
        lfo.configureV1(s.freq(), s.delay(), s.fade());
        lfo.trigger();
    }

    void release() {
        filEg.release();
        pitchEg.release();
    }

    /** Sets this chunk's targets from every source's value at the chunk's start, then moves the sources on by {@code n} (≥ 1) frames. */
    void update(int n) {
        CompiledModulation mod = m;
        double pitch = 0, filterCents = filterBaseCents;
        if (pitchEgDepth != 0) pitch += pitchEgDepth * advance(pitchEg, n);
        if (mod.pitchLfo.on()) pitch += (mod.pitchLfo.depth() + expressionLfoCents) * advance(pitchLfo, n);
        pitchCents = pitch;
        if (mod.ampLfo.on()) lfoGain = (float) Math.pow(10, mod.ampLfo.depth() * advance(ampLfo, n) / 20);
        if (filtering) {
            filterCents += expressionCutoffCents;
            if (filEgDepth != 0 || expressionEgCents != 0) filterCents += (filEgDepth + expressionEgCents) * advance(filEg, n);
            if (mod.filLfo.on()) filterCents += mod.filLfo.depth() * advance(filLfo, n);
            double hz = mod.cutoff * Math.pow(2, filterCents / 1200);
            if (hz != lastHz) {
                filter.setParameters(hz, mod.resonance, mod.filterGain, 1);
                lastHz = hz;
            }
        }
    }

    /** The source's value now, then moves it on by {@code n} frames. */
    private float advance(EnvelopeGenerator eg, int n) {
        float v = eg.level();
        if (n > 0) eg.process(scratch, 0, n);
        return v;
    }

    private float advance(Lfo lfo, int n) {
        lfo.process(scratch, 0, n);
        return scratch[0];
    }

    boolean filtering() { return filtering; }

    void filter(float[] l, float[] r, int n) { filter.process(l, r, 0, n); }
}
