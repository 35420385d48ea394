package dev.loophole.signal.sampler;

import dev.loophole.model.Amp;
import dev.loophole.signal.dsp.Simd;

/**
 * A voice's output stage: its level, stereo width, position and pan (with the region's pan law), and
 * the channel's volume (CC 7), expression (CC 11) and pan (CC 10), mixed into the block. Every one of
 * them may move while the voice plays; each move is a linear ramp across the next chunk, never a step.
 *
 * <p>Width (stereo samples only) mixes the channels: 100 % leaves them, 0 % is mono, −100 % swaps
 * them. Position (stereo samples) and pan then place the result, as a constant-power pan (MMA law,
 * unity at the centre: a hard-panned mono voice is 3 dB louder on its side) or as a balance.
 */
final class VoiceOutput {
    private float level;                // the voice's level before pan and channel controllers
    private Amp.PanLaw law;
    private boolean ownsVol, ownsPan, ownsExpr;  // the region's matrix handles CC 7 / 10 / 11 itself
    private double pan, width, position;
    private int chanVol = -1, chanExpr = -1, chanPan = -1;
    private float modPan = Float.NaN, modWidth, modPosition;
    private float gainL, gainR, targetL, targetR;
    private float wide, wideTarget;     // the width as a mix factor, (1 + w) / 2

    void start(CompiledRegion r, float level, int[] cc, boolean stereo) {
        this.level = level;
        law = r.source.amp().panLaw();
        CompiledMatrix m = r.mod.matrix;
        ownsVol = m.ownsCc7; ownsPan = m.ownsCc10; ownsExpr = m.ownsCc11;
        pan = r.source.amp().pan();
        width = r.source.amp().width();
        position = r.source.amp().position();
        chanVol = chanExpr = chanPan = -1;
        modPan = Float.NaN;
        modWidth = modPosition = 0;
        update(cc, 0, 0, 0, stereo);
        gainL = targetL;
        gainR = targetR;
        wide = wideTarget;
    }

    /** The level of the louder side now, for quietest-first stealing. */
    float loudness() { return Math.max(Math.abs(gainL), Math.abs(gainR)); }

    /**
     * Recomputes the targets when a controller or a modulation moved them; cheap when nothing did.
     * {@code stereo}: the sample has two channels (width and position apply).
     */
    void update(int[] cc, float panMod, float widthMod, float positionMod, boolean stereo) {
        int vol = cc == null || ownsVol ? 127 : cc[7], expr = cc == null || ownsExpr ? 127 : cc[11], cpan = cc == null || ownsPan ? 64 : cc[10];
        if (vol == chanVol && expr == chanExpr && cpan == chanPan && panMod == modPan && widthMod == modWidth && positionMod == modPosition) return;
        chanVol = vol; chanExpr = expr; chanPan = cpan; modPan = panMod; modWidth = widthMod; modPosition = positionMod;
        float g = level * VOLUME_CURVE[vol] * VOLUME_CURVE[expr];
        double p = pan + panMod + (cpan - 64) * 100.0 / 63 + (stereo ? position + positionMod : 0);
        p = Math.max(-100, Math.min(100, p));
        double w = stereo ? Math.max(-100, Math.min(100, width + widthMod)) / 100 : 1;
        wideTarget = (float) ((1 + w) / 2);
        if (p == 0) { targetL = g; targetR = g; return; }
        if (law == Amp.PanLaw.BALANCE) {
            targetL = (float) (g * Math.min(1, 1 - p / 100));
            targetR = (float) (g * Math.min(1, 1 + p / 100));
            return;
        }
        double angle = (p / 100.0 + 1) * Math.PI / 4;
        targetL = (float) (g * Math.sqrt(2) * Math.cos(angle));
        targetR = (float) (g * Math.sqrt(2) * Math.sin(angle));
    }

    /** (v/127)²: 0 dB at 127, −11.9 dB at 64, as General MIDI and SoundFont players scale CC 7 and 11. */
    private static final float[] VOLUME_CURVE = new float[128];
    static {
        for (int v = 0; v < 128; v++) VOLUME_CURVE[v] = (float) ((v / 127.0) * (v / 127.0));
    }

    /**
     * Adds {@code got} frames of the voice, shaped by {@code env} times {@code level} (the chunk's steady modulation
     * level, 1 when none), to {@code outL/outR} from {@code at}: each frame {@code buf·(env·level)·gain}.
     */
    void mix(float[] bufL, float[] bufR, float[] env, float level, boolean stereo, float[] outL, float[] outR, int at, int got,
             boolean vector) {
        if (stereo && (wide != 1f || wideTarget != 1f)) widen(bufL, bufR, got);
        final float gl = gainL, gr = gainR;
        if (gl != targetL || gr != targetR) { // volume, expression, pan or a modulation moved: ramp, never step
            float dl = (targetL - gl) / Math.max(1, got), dr = (targetR - gr) / Math.max(1, got), a = gl, b = gr;
            for (int k = 0; k < got; k++) {
                a += dl; b += dr;
                float e = env[k] * level;
                outL[at + k] += bufL[k] * e * a;
                outR[at + k] += (stereo ? bufR[k] : bufL[k]) * e * b;
            }
            gainL = targetL;
            gainR = targetR;
        } else if (stereo) {
            int k = vector && Simd.VECTOR ? MixVector.stereo(bufL, bufR, env, level, outL, outR, at, got, gl, gr) : 0;
            for (; k < got; k++) { float e = env[k] * level; outL[at + k] += bufL[k] * e * gl; outR[at + k] += bufR[k] * e * gr; }
        } else {
            int k = vector && Simd.VECTOR ? MixVector.mono(bufL, env, level, outL, outR, at, got, gl, gr) : 0;
            for (; k < got; k++) { float v = bufL[k] * (env[k] * level); outL[at + k] += v * gl; outR[at + k] += v * gr; }
        }
    }

    /** Width: L' = a·L + (1−a)·R, R' = (1−a)·L + a·R with a = (1 + w)/2, ramped across the chunk. */
    private void widen(float[] l, float[] r, int got) {
        float a = wide, da = (wideTarget - wide) / Math.max(1, got);
        for (int k = 0; k < got; k++) {
            a += da;
            float x = l[k], y = r[k];
            l[k] = a * x + (1 - a) * y;
            r[k] = (1 - a) * x + a * y;
        }
        wide = wideTarget;
    }
}
