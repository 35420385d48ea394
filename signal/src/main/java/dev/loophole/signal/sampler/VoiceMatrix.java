package dev.loophole.signal.sampler;

import dev.loophole.model.FlexEnvelope;
import dev.loophole.model.Lfo;
import dev.loophole.signal.dsp.FlexEg;
import dev.loophole.signal.dsp.Rng;

/**
 * One voice's run of its region's {@link CompiledMatrix}: the v2 LFOs and flex envelopes, and every
 * routing's contribution summed per target, once per chunk (control rate). Preallocated with the
 * voice; nothing here allocates after construction.
 *
 * <p>Each chunk reads every source at the chunk's start, so the sums hold for the chunk and the voice
 * ramps gains across it. LFO frequency modulation applies from the next chunk (a lag of one chunk, at
 * most 0.7 ms at 48 kHz). Controller routings with smoothing pass through a one-pole low-pass of the
 * routing's time constant; a routing's step quantises its contribution in the target's unit. Its LFOs and
 * envelopes are as many as the instrument's patches use ({@link VoiceNeeds}).
 */
final class VoiceMatrix {
    private final int rate;
    private final dev.loophole.signal.dsp.Lfo[] lfos = new dev.loophole.signal.dsp.Lfo[CompiledMatrix.MAX_LFO_SLOTS];
    private final FlexEg[] egs = new FlexEg[CompiledMatrix.MAX_EGS];
    private final float[] lfoValue = new float[CompiledMatrix.MAX_LFO_SLOTS];
    private final float[] egValue = new float[CompiledMatrix.MAX_EGS];
    private final float[] smoothed = new float[CompiledMatrix.MAX_ROUTES];
    private final float[] lastRaw = new float[CompiledMatrix.MAX_ROUTES], lastCurved = new float[CompiledMatrix.MAX_ROUTES];
    private final float[] scratch = new float[Voice.CHUNK];
    /** The sum reaching each target in the current chunk (index: the CompiledMatrix target constants). */
    final float[] sums = new float[CompiledMatrix.TARGETS];
    /** Note-start adjustments (CompiledMatrix START_* indexes). */
    final float[] start = new float[CompiledMatrix.START_TARGETS];
    /** Per-note pressure 0..1 (MPE, MIDI 2.0, poly aftertouch of this note), NaN while the note has none. */
    private float notePressure = Float.NaN;
    /** Set when a source outside the channel's state moved (the note's own controllers or pressure, its release). */
    private boolean stale;
    private int seenVersion; // the channel state's version the sums were made from
    /** The product of the LFO and envelope routings on amplitude. */
    float amplitudeScale = 1f;

    private CompiledMatrix m;
    private int[] cc;
    private ChannelState chan;
    private int key, velocity;
    private float releaseVelocity, gate, randomUni, randomBi, alternate, keyDelta;
    private boolean first;

    private final Rng rng;

    /** With no LFO or envelope yet: {@link #grow} makes as many as the instrument's patches use. */
    VoiceMatrix(int rate, Rng rng) {
        this.rate = rate;
        this.rng = rng;
    }

    /** Control side: the LFO waves and flex envelopes {@code needs} asks for that this voice lacks (see {@link VoiceModulation#grow}). */
    void grow(VoiceNeeds needs) {
        for (int i = 0; i < Math.min(needs.lfoSlots(), lfos.length); i++) if (lfos[i] == null) lfos[i] = new dev.loophole.signal.dsp.Lfo(rate, rng);
        for (int i = 0; i < Math.min(needs.egs(), egs.length); i++) if (egs[i] == null) egs[i] = new FlexEg(rate);
    }

    /**
     * Note-on. {@code alternate} and {@code keyDelta} come from the channel's note history; the random
     * sources are drawn here from the instrument's seeded generator.
     */
    void start(CompiledMatrix matrix, int[] cc, ChannelState chan, int key, int velocity, float alternate, int keyDelta, Rng rng) {
        m = matrix;
        this.cc = cc;
        this.chan = chan;
        this.key = key;
        this.velocity = velocity;
        this.alternate = alternate;
        this.keyDelta = keyDelta / 127f;
        releaseVelocity = 0;
        gate = 1;
        // only regions that read a random source draw one: others must not shift the instrument's sequence
        randomUni = m.readsRandom ? (float) rng.nextDouble() : 0;
        randomBi = m.readsRandom ? (float) (rng.nextDouble() * 2 - 1) : 0;
        java.util.Arrays.fill(sums, 0f);
        notePressure = Float.NaN;
        sumStart(CompiledMatrix.START_TARGETS);
        for (int s = 0; s < m.lfoSlots; s++) {
            Lfo l = m.lfoModel[m.lfoOwner[s]];
            dev.loophole.signal.dsp.Lfo lfo = lfos[s];
            lfo.setWave(m.lfoWave[s]);
            lfo.setFrequency(l.freq() * m.lfoRatio[s]);
            lfo.setDelay(l.delay());
            lfo.setFade(l.fade());
            lfo.setPhase(l.phase());
            lfo.setCount(l.count());
            lfo.setSmooth(l.smooth());
            lfo.useSteps(m.lfoSteps[s]);
            lfo.trigger();
        }
        for (int e = 0; e < m.egCount; e++) {
            FlexEnvelope f = m.egModel[e];
            egs[e].set(m.egTimes[e].length, m.egTimes[e], m.egLevels[e], m.egShapes[e], f.sustain(), f.loop(), f.loopCount());
            egs[e].trigger();
        }
        first = true;
        amplitudeScale = 1f;
    }

    /** Sums the note-start routings whose target index is below {@code below} from the controllers now. */
    private void sumStart(int below) {
        java.util.Arrays.fill(start, 0, below, 0f);
        for (int r = 0; r < m.startRoutes; r++)
            if (m.startTarget[r] < below)
                start[m.startTarget[r]] += m.startDepth[r] * curved(ccValue(m.startSrc[r]), m.startCurve[r], m.startSrc[r]);
    }

    /** A controller moved while the note plays: the envelope stages' note-start sums again (for dynamic envelopes). */
    void restartEnvelopes() { sumStart(CompiledMatrix.START_OFFSET); }

    /** No matrix on this voice: every target reads 0. */
    void clear() {
        notePressure = Float.NaN;
        java.util.Arrays.fill(sums, 0f);
        amplitudeScale = 1f;
    }

    /** The note's own pressure (see {@link #notePressure}). */
    void notePressure(float v) { notePressure = v; stale = true; }

    /** The note's own controller values moved. */
    void controllersMoved() { stale = true; }

    void release(int velocity) {
        stale = true;
        releaseVelocity = velocity / 127f;
        gate = 0;
        for (int e = 0; e < m.egCount; e++) egs[e].release();
    }

    /** The flex envelope standing in for ampeg, or null. */
    FlexEg ampEnvelope() { return m.ampEg >= 0 ? egs[m.ampEg] : null; }

    /**
     * Sums every routing at the chunk's start, then moves the LFOs and envelopes on by {@code n} frames. False when nothing
     * moved: the sums and {@link #amplitudeScale} are the last chunk's.
     */
    boolean update(int n) {
        CompiledMatrix mx = m;
        if (mx.controllersOnly && !first && !stale && chan != null && chan.version == seenVersion) return false; // nothing moved
        stale = false;
        if (chan != null) seenVersion = chan.version;
        java.util.Arrays.fill(lfoValue, 0, mx.lfoCount, 0f);
        for (int s = 0; s < mx.lfoSlots; s++) {
            dev.loophole.signal.dsp.Lfo lfo = lfos[s];
            Lfo l = mx.lfoModel[mx.lfoOwner[s]];
            int ft = CompiledMatrix.LFO_FREQ + l.index() - 1;
            if (l.index() <= 16 && mx.targets[ft]) lfo.setFrequency(Math.max(0, (l.freq() + sums[ft]) * mx.lfoRatio[s]));
            lfoValue[mx.lfoOwner[s]] += (float) (lfo.first(n, scratch) * mx.lfoScale[s] + mx.lfoOffset[s]);
        }
        for (int e = 0; e < mx.egCount; e++) {
            egValue[e] = egs[e].level();
            if (e != mx.ampEg) egs[e].skip(n);
        }
        for (int t : mx.usedTargets) sums[t] = 0f; // only these were written
        float ampScale = 1f;
        for (int r = 0; r < mx.routes; r++) {
            float v = switch (mx.srcKind[r]) {
                case CompiledMatrix.SRC_LFO -> lfoValue[mx.src[r]] * lfoDepth(mx.lfoModel[mx.src[r]].index());
                case CompiledMatrix.SRC_EG -> egValue[mx.src[r]];
                default -> controller(r, n);
            };
            float d = mx.depth[r] + sums[CompiledMatrix.ROUTE_DEPTH + r];
            if (mx.multiply[r]) {
                float f = mx.srcKind[r] == CompiledMatrix.SRC_EG ? 1 - d / 100 + v * d / 100 : 1 + v * d / 100;
                ampScale *= Math.max(0f, f);
                continue;
            }
            float c = v * d;
            if (mx.step[r] > 0) c = Math.round(c / mx.step[r]) * mx.step[r];
            sums[mx.target[r]] += c;
        }
        amplitudeScale = ampScale;
        first = false;
        return true;
    }

    /** An LFO's {@code lfoN_depth} modulation as a factor (100 % + the routings' percent). */
    private float lfoDepth(int index) {
        return index <= 16 && m.targets[CompiledMatrix.LFO_DEPTH + index - 1] ? 1 + sums[CompiledMatrix.LFO_DEPTH + index - 1] / 100 : 1f;
    }

    /** A controller routing's value now: curved, then smoothed. */
    private float controller(int r, int n) {
        int src = m.src[r];
        float raw = ccValue(src);
        float v;
        if (!first && raw == lastRaw[r]) v = lastCurved[r]; // controllers mostly sit still: no table lookup
        else { v = curved(raw, m.curve[r], src); lastRaw[r] = raw; lastCurved[r] = v; }
        float t = m.smoothSeconds[r];
        if (t > 0) {
            if (first) smoothed[r] = v;
            else smoothed[r] += (v - smoothed[r]) * (float) (1 - Math.exp(-n / (t * rate)));
            v = smoothed[r];
        }
        return v;
    }

    private static float curved(float v, float[] table, int src) {
        if (table == null) return v;
        float x = (src == 128 || src == 136) ? (v + 1) * 0.5f : v; // bipolar sources enter a curve as 0..1
        float p = Math.max(0f, Math.min(1f, x)) * 127f;
        int i = Math.min((int) p, 126);
        float f = p - i;
        return table[i] + (table[i + 1] - table[i]) * f;
    }

    /** A controller by its SFZ number: 0..127 the channel's, 128..141 the extended ones. */
    private float ccValue(int n) {
        if (n < 128) return cc == null ? 0 : cc[n] / 127f;
        return switch (n) {
            case 128 -> chan == null ? 0 : (float) chan.bend;
            case 129 -> notePressure == notePressure ? notePressure : chan == null ? 0 : chan.channelPressure / 127f;
            case 130 -> notePressure == notePressure ? notePressure : chan == null ? 0 : chan.polyPressure[key] / 127f;
            case 131 -> velocity / 127f;
            case 132 -> releaseVelocity;
            case 133 -> key / 127f;
            case 134 -> gate;
            case 135 -> randomUni;
            case 136 -> randomBi;
            case 137 -> alternate;
            case 140 -> keyDelta;
            case 141 -> Math.abs(keyDelta);
            default -> 0;
        };
    }
}
