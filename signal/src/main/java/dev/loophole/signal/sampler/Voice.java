package dev.loophole.signal.sampler;

import dev.loophole.model.LoopMode;
import dev.loophole.signal.dsp.EnvelopeGenerator;
import dev.loophole.signal.dsp.Interpolation;

/**
 * One playing region. Preallocated in the instrument's pool and reused; {@link #render} runs on the
 * audio thread and allocates nothing.
 */
final class Voice {
    /** A stolen or choked voice fades out over this many seconds: short enough to free it, long enough not to click. */
    static final double FAST_FADE_SECONDS = 0.005;

    private final EnvelopeGenerator amp = new EnvelopeGenerator();
    private final int engineRate;

    CompiledRegion region;
    int channel, key, velocity;
    long age;              // start order, for oldest-first stealing
    long event;            // the note event that started it: one event never chokes its own voices
    boolean noteHeld;      // the key is down
    boolean sustained;     // released by the key while a pedal held it
    boolean releasing;     // note-off seen (or choked with a normal release)
    boolean oneShot;

    private float[] left, right; // sample channels (right == left for mono)
    private double pos, inc, baseRatio;
    private boolean looping, reverse;
    private int delayFrames;
    private float gainL, gainR;
    private int fadeRemaining, fadeTotal;
    private int quality = Interpolation.CUBIC;

    Voice(int engineRate) { this.engineRate = engineRate; }

    boolean isActive() { return region != null; }

    void start(CompiledRegion r, int channel, int key, int velocity, double bend, double randomGainDb,
               long offsetExtra, int delayExtra, float extraGain, long age, int quality) {
        this.region = r;
        this.channel = channel; this.key = key; this.velocity = velocity; this.age = age;
        this.quality = quality;
        noteHeld = true; sustained = false; releasing = false; fadeRemaining = 0; fadeTotal = 0;
        oneShot = r.loopMode == LoopMode.ONE_SHOT;
        SampleData s = r.sample;
        left = s.channels[0];
        right = s.channels.length > 1 ? s.channels[1] : s.channels[0];
        reverse = r.reverse;
        long start = Math.min(r.offset + offsetExtra, r.lastFrame);
        pos = reverse ? r.lastFrame - start : start;
        looping = r.loopMode.loops() && !reverse;

        double cents = r.baseCents + (key - r.pitchKeycenter) * r.keytrack + r.veltrack * velocity / 127.0;
        baseRatio = Math.pow(2, cents / 1200.0) * r.rateRatio;
        setBend(bend);

        float level = r.gain * extraGain * velocityGain(r.ampVeltrack, velocity)
                * (float) Math.pow(10, ((key - r.ampKeycenter) * r.ampKeytrack + randomGainDb) / 20.0);
        gainL = level * r.panL;
        gainR = level * r.panR;

        delayFrames = (int) Math.round(r.delay * engineRate) + delayExtra;
        amp.trigger(r.egDelay, r.egStart, r.egAttack, r.egHold, r.egDecay, r.egSustain, r.egRelease);
    }

    /**
     * SFZ velocity tracking with the default curve, gain = (vel/127)²: at amp_veltrack 100 the level
     * follows that curve, at 0 velocity is ignored, negative values invert it.
     */
    static float velocityGain(double veltrackPercent, int velocity) {
        double v = velocity / 127.0;
        double t = veltrackPercent / 100.0;
        double curve = t >= 0 ? v * v : (1 - v) * (1 - v);
        return (float) (1 + Math.abs(t) * (curve - 1));
    }

    /** {@code bend} is -1..1 of the bend wheel's travel. */
    void setBend(double bend) {
        double cents = bend >= 0 ? bend * region.bendUp : -bend * region.bendDown;
        double ratio = bend == 0 ? baseRatio : baseRatio * Math.pow(2, cents / 1200.0);
        inc = reverse ? -ratio : ratio;
    }

    /** Note-off (after pedals): release the envelope; a sustain loop lets go and plays on to the end. */
    void noteOff() {
        noteHeld = false;
        if (oneShot || releasing) return;
        releasing = true;
        if (region.loopMode == LoopMode.LOOP_SUSTAIN) looping = false;
        amp.release();
    }

    /** Choke (off_by): stop as the region's off_mode says. */
    void choke() {
        switch (region.offMode) {
            case FAST -> fadeOut((int) Math.round(FAST_FADE_SECONDS * engineRate));
            case NORMAL -> { oneShot = false; noteOff(); }
            case TIME -> fadeOut(region.offFrames);
        }
    }

    /** Fade to silence over {@code frames} and free the voice; used by stealing and fast chokes. */
    void fadeOut(int frames) {
        releasing = true;
        int f = Math.max(1, frames);
        if (fadeTotal == 0 || f < fadeRemaining) { fadeTotal = f; fadeRemaining = f; }
    }

    boolean isFading() { return fadeTotal > 0; }

    /** Current output level estimate, for quietest-first stealing. */
    float loudness() {
        float fade = fadeTotal > 0 ? (float) fadeRemaining / fadeTotal : 1f;
        return amp.level() * fade * Math.max(Math.abs(gainL), Math.abs(gainR));
    }

    /** Adds this voice's output to {@code outL/outR} over frames {@code [from, to)}. */
    void render(float[] outL, float[] outR, int from, int to) {
        final CompiledRegion r = region;
        final long last = r.lastFrame;
        final long lStart = r.loopStart, lEnd = r.loopEnd;
        final double loopLen = lEnd - lStart + 1;
        final boolean cubic = quality >= Interpolation.CUBIC;
        for (int i = from; i < to; i++) {
            if (delayFrames > 0) { delayFrames--; continue; }
            float env = amp.next();
            if (fadeTotal > 0) {
                env *= (float) fadeRemaining / fadeTotal;
                if (--fadeRemaining <= 0) { free(); return; }
            }
            long idx = (long) Math.floor(pos);
            float frac = (float) (pos - idx);
            float sl, sr;
            if (frac == 0f) {
                sl = left[(int) idx]; sr = right[(int) idx];
            } else if (cubic) {
                sl = Interpolation.hermite(at(left, idx - 1), left[(int) idx], at(left, idx + 1), at(left, idx + 2), frac);
                sr = left == right ? sl
                        : Interpolation.hermite(at(right, idx - 1), right[(int) idx], at(right, idx + 1), at(right, idx + 2), frac);
            } else {
                sl = Interpolation.linear(left[(int) idx], at(left, idx + 1), frac);
                sr = left == right ? sl : Interpolation.linear(right[(int) idx], at(right, idx + 1), frac);
            }
            outL[i] += sl * env * gainL;
            outR[i] += sr * env * gainR;
            if (amp.isDone()) { free(); return; }
            pos += inc;
            if (looping) {
                if (pos >= lEnd + 1) pos -= loopLen * Math.floor((pos - lStart) / loopLen);
            } else if (pos > last || pos < 0) {
                free();
                return;
            }
        }
    }

    /** Reads frame {@code idx}, wrapping through the loop while looping and reading silence past the ends. */
    private float at(float[] data, long idx) {
        if (looping && idx > region.loopEnd) idx = region.loopStart + (idx - region.loopEnd - 1) % (region.loopEnd - region.loopStart + 1);
        if (idx < 0 || idx > region.lastFrame) return 0f;
        return data[(int) idx];
    }

    void free() {
        region = null;
        left = right = null;
        fadeTotal = 0;
    }
}
