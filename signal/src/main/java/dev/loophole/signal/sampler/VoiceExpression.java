package dev.loophole.signal.sampler;

import java.util.Arrays;

/**
 * One voice's per-note expression: the note's value of each mapped source, the summed amount per
 * target, and those amounts smoothed once per chunk (a one-pole glide with the route's time
 * constant) so bends glide and swells ramp without zipper noise. Until a value arrives the voice
 * is untouched ({@link #active} false), so notes without expression render exactly as before.
 * Preallocated with the voice; nothing here allocates.
 */
final class VoiceExpression {
    private final int rate;
    private CompiledExpression map;
    private final float[] value = new float[CompiledExpression.MAX_ROUTES];
    private final boolean[] set = new boolean[CompiledExpression.MAX_ROUTES];
    private final double[] target = new double[CompiledExpression.TARGETS], current = new double[CompiledExpression.TARGETS];
    private final double[] coefChunk = new double[CompiledExpression.TARGETS]; // glide per full chunk
    private final int[] ccOverride = new int[128];
    private boolean fresh;

    /** Some expression reached this note: the voice applies what follows. */
    boolean active;
    /** True once an SFZ_CC route has written a per-note CC. */
    boolean anyCc;
    /** For the chunk being rendered: pitch ratio, gain at its start and end, cutoff / EG / LFO cents. */
    double pitchRatio = 1, cutoffCents, egCents, lfoCents;
    float gainFrom = 1f, gainTo = 1f;

    VoiceExpression(int rate) { this.rate = rate; }

    /** A new note on this voice: back to rest, reading {@code m}. */
    void begin(CompiledExpression m) {
        if (m != map) {
            map = m;
            for (int t = 0; t < CompiledExpression.TARGETS; t++) coefChunk[t] = coefficient(t, Voice.CHUNK);
        }
        active = false; anyCc = false; fresh = true;
        Arrays.fill(set, false);
        Arrays.fill(target, 0);
        Arrays.fill(current, 0);
        Arrays.fill(ccOverride, -1);
        pitchRatio = 1; cutoffCents = 0; egCents = 0; lfoCents = 0; gainFrom = 1f; gainTo = 1f;
    }

    boolean movesCutoff() { return map != null && map.movesCutoff; }

    /** The note's own value of CC {@code n} from an SFZ_CC route, or -1. */
    int ccOverride(int n) { return ccOverride[n]; }

    /** Dimension {@code dimension} (a NoteExpression code) of this note is now {@code v}. */
    void set(int dimension, float v) {
        CompiledExpression m = map;
        if (m == null) return;
        boolean hit = false;
        for (int r = 0; r < m.source.length; r++) {
            if (m.source[r] != dimension) continue;
            value[r] = v; set[r] = true; hit = true;
        }
        if (!hit) return;
        active = true;
        Arrays.fill(target, 0);
        for (int r = 0; r < m.source.length; r++) {
            if (!set[r]) continue;
            double a = m.routes[r].amount(value[r]);
            int t = m.target[r];
            if (t == CompiledExpression.SFZ_CC) {
                ccOverride[m.targetCc[r]] = (int) Math.round(Math.clamp(a, 0, 1) * 127);
                anyCc = true;
            } else {
                target[t] += a;
            }
        }
        if (fresh) { // before the first frame: the note starts where its expression already is
            System.arraycopy(target, 0, current, 0, target.length);
            derive();
            gainFrom = gainTo;
        }
    }

    /** Glides the values on by {@code n} frames; called before rendering each chunk. */
    void advance(int n) {
        if (!fresh) {
            for (int t = 0; t < CompiledExpression.TARGETS; t++) {
                double d = target[t] - current[t];
                if (d == 0) continue;
                double c = n == Voice.CHUNK ? coefChunk[t] : coefficient(t, n);
                current[t] = Math.abs(d) < 1e-6 ? target[t] : current[t] + d * c;
            }
        }
        fresh = false;
        gainFrom = gainTo;
        derive();
    }

    private void derive() {
        double cents = current[CompiledExpression.PITCH];
        pitchRatio = cents == 0 ? 1 : Math.pow(2, cents / 1200);
        double db = current[CompiledExpression.AMPLITUDE];
        gainTo = db == 0 ? 1f : (float) Math.pow(10, db / 20);
        cutoffCents = current[CompiledExpression.CUTOFF];
        egCents = current[CompiledExpression.EG_DEPTH];
        lfoCents = current[CompiledExpression.LFO_DEPTH];
    }

    private double coefficient(int t, int n) {
        double tau = map.smoothSeconds[t];
        return tau <= 0 ? 1 : 1 - Math.exp(-n / (tau * rate));
    }
}
