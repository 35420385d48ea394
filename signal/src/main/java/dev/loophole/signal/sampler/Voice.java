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
    int endedAt;           // the block frame after the last one this voice wrote, once it has ended
    boolean noteHeld;      // the key is down
    boolean sustained;     // released by the key while a pedal held it
    boolean releasing;     // note-off seen (or choked with a normal release)
    boolean oneShot;

    private float[] left, right; // sample channels (right == left for mono): the in-memory head
    private final dev.loophole.signal.store.StreamSlot stream; // null when the instrument does not stream
    private boolean streaming;   // this voice reads past the head from its stream slot
    private long headEnd;        // frames [0, headEnd) are in memory
    private double pos, inc, baseRatio;
    private boolean looping, reverse;
    private int delayFrames;
    private float gainL, gainR;       // what the mix applies now (level, pan, channel volume/expression/pan)
    private float level;              // the voice's level before pan and channel controllers
    private int chanVol = -1, chanExpr = -1, chanPan = -1; // CC 7/11/10 values the gains were made from
    private int fadeRemaining, fadeTotal;
    private int loopsLeft;            // loop_count / count repeats still to play; 0 with a loop mode = endless
    private float ccGain, ccGainTarget; // CC crossfade level, ramped per chunk so CC moves never click
    private float lfoGain = 1f;         // amplitude LFO level reached at the end of the last chunk
    int[] ccValues;                   // the channel's CC array, set by the instrument
    private int quality = Interpolation.CUBIC;
    private dev.loophole.signal.dsp.SincInterpolator sinc; // set for the sinc qualities
    boolean wrapped;                  // a looping voice has been round its loop at least once
    private final float[] winL = new float[SincReader.WINDOW], winR = new float[SincReader.WINDOW];

    private final VoiceModulation mod;
    private boolean modulated;

    // [expression] per-note expression (MPE / poly aftertouch / MIDI 2.0): the note's id and its state
    int noteId = -1;
    final VoiceExpression noteExpr;
    private final int[] noteCc = new int[128]; // what this voice reads as CCs: the channel's, this note's own values over them

    Voice(int engineRate, dev.loophole.signal.store.StreamSlot stream, dev.loophole.signal.dsp.Rng rng) {
        this.engineRate = engineRate;
        this.stream = stream;
        this.mod = new VoiceModulation(engineRate, rng);
        this.noteExpr = new VoiceExpression(engineRate);
    }

    boolean isActive() { return region != null; }

    void start(CompiledRegion r, int channel, int key, int velocity, double bend, double randomGainDb,
               long offsetExtra, int delayExtra, float extraGain, long age, int quality) {
        this.region = r;
        this.channel = channel; this.key = key; this.velocity = velocity; this.age = age;
        this.quality = r.sampleQuality >= 0 ? r.sampleQuality : quality;
        sinc = this.quality >= Interpolation.SINC_8 ? SincReader.interpolator(this.quality) : null;
        wrapped = false;
        noteHeld = true; sustained = false; releasing = false; fadeRemaining = 0; fadeTotal = 0;
        // Release-triggered regions play through once, whatever their loop mode: nothing would ever release them.
        boolean releaseTriggered = r.trigger == dev.loophole.model.Trigger.RELEASE || r.trigger == dev.loophole.model.Trigger.RELEASE_KEY;
        oneShot = r.loopMode == LoopMode.ONE_SHOT || releaseTriggered;
        SampleData s = r.sample;
        left = s.channels[0];
        right = s.channels.length > 1 ? s.channels[1] : s.channels[0];
        headEnd = s.headFrames();
        streaming = s.streamed() && stream != null;
        if (streaming) stream.start(s, headEnd - dev.loophole.signal.store.StreamSlot.HISTORY_FRAMES);
        reverse = r.reverse;
        long start = Math.min(r.offset + offsetExtra, r.lastFrame);
        pos = reverse ? r.lastFrame - start : start;
        looping = r.loopsAtStart && !reverse && !(releaseTriggered && r.loopMode.loops());
        loopsLeft = r.loopCount;
        syncCc();
        ccGain = ccGainTarget = r.xf.anyCc ? r.xf.ccGain(noteCc) : 1f;

        double cents = r.baseCents + (key - r.pitchKeycenter) * r.keytrack + r.veltrack * velocity / 127.0;
        baseRatio = Math.pow(2, cents / 1200.0) * r.rateRatio;
        setBend(bend);

        float level = r.gain * extraGain * velocityGain(r.ampVeltrack, velocity) * r.xf.noteGain(key, velocity)
                * (float) Math.pow(10, ((key - r.ampKeycenter) * r.ampKeytrack + randomGainDb) / 20.0);
        this.level = level;
        chanVol = chanExpr = chanPan = -1;
        channelGains();
        gainL = targetL;
        gainR = targetR;

        delayFrames = (int) Math.round(r.delay * engineRate) + delayExtra;
        amp.trigger(r.egDelay, r.egStart, r.egAttack, r.egHold, r.egDecay, r.egSustain, r.egRelease);
        modulated = r.mod.active;
        if (modulated) mod.start(r.mod, key, velocity, noteExpr.movesCutoff()); // [expression] keeps a filter timbre may open
        lfoGain = 1f;
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
        if (modulated) mod.release();
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

    private float targetL, targetR;

    /**
     * The channel's MIDI volume (CC 7) and expression (CC 11), each on the General MIDI curve
     * 40·log10(v/127) dB, and its pan (CC 10) added to the region's: recomputed only when they change.
     */
    private void channelGains() {
        int[] cc = ccValues;
        int vol = cc == null ? 127 : cc(7), expr = cc == null ? 127 : cc(11), pan = cc == null ? 64 : cc(10);
        if (vol == chanVol && expr == chanExpr && pan == chanPan) return;
        chanVol = vol; chanExpr = expr; chanPan = pan;
        float g = level * VOLUME_CURVE[vol] * VOLUME_CURVE[expr];
        double p = Math.max(-100, Math.min(100, region.source.amp().pan() + (pan - 64) * 100.0 / 63));
        if (p == 0) { targetL = g; targetR = g; return; }
        // Constant power, normalised to unity at the centre: a centred mono sample plays at its own level on
        // each side, a hard-panned one 3 dB louder on one side.
        double angle = (p / 100.0 + 1) * Math.PI / 4;
        targetL = (float) (g * Math.sqrt(2) * Math.cos(angle));
        targetR = (float) (g * Math.sqrt(2) * Math.sin(angle));
    }

    /** (v/127)²: 0 dB at 127, −11.9 dB at 64, as General MIDI and SoundFont players scale CC 7 and 11. */
    private static final float[] VOLUME_CURVE = new float[128];
    static {
        for (int v = 0; v < 128; v++) VOLUME_CURVE[v] = (float) ((v / 127.0) * (v / 127.0));
    }

    /** Frames before the voice makes its first sound (delay opcodes). */
    int delayFrames() { return delayFrames; }

    /** A CC moved: follow the region's CC crossfades (ramped over the next chunk). */
    void updateCcGain() {
        syncCc();
        if (region.xf.anyCc) ccGainTarget = region.xf.ccGain(noteCc);
    }

    // --- [expression] per-note expression ---

    /** Controller {@code n} as this note sees it: its own value (an SFZ_CC expression route) or else the channel's. */
    int cc(int n) { return noteCc[n]; }

    /** Refreshes this voice's CC view: at the start, and whenever a channel CC or one of the note's own values moves. */
    private void syncCc() {
        if (ccValues == null) return;
        System.arraycopy(ccValues, 0, noteCc, 0, 128);
        if (!noteExpr.anyCc) return;
        for (int n = 0; n < 128; n++) { int o = noteExpr.ccOverride(n); if (o >= 0) noteCc[n] = o; }
    }

    /** One dimension of this voice's note moved (see NoteExpression). */
    void expression(int dimension, float value) {
        noteExpr.set(dimension, value);
        if (noteExpr.anyCc) updateCcGain();
    }

    /** Current output level estimate, for quietest-first stealing. */
    float loudness() {
        float fade = fadeTotal > 0 ? (float) fadeRemaining / fadeTotal : 1f;
        return amp.level() * fade * Math.max(Math.abs(gainL), Math.abs(gainR));
    }

    /** Frames per inner chunk: the scratch buffers' size. */
    static final int CHUNK = 32;

    private final float[] bufL = new float[CHUNK], bufR = new float[CHUNK], env = new float[CHUNK];

    /** Adds this voice's output to {@code outL/outR} over frames {@code [from, to)}. */
    void render(float[] outL, float[] outR, int from, int to) {
        int i = from;
        if (delayFrames > 0) {
            int d = Math.min(delayFrames, to - from);
            delayFrames -= d;
            i += d;
        }
        final boolean stereo = left != right;
        while (i < to) {
            int n = Math.min(CHUNK, to - i);
            double step = inc;
            float gainFrom = lfoGain;
            if (noteExpr.active) { // [expression] this chunk's per-note pitch, cutoff and depths
                noteExpr.advance(n);
                step *= noteExpr.pitchRatio;
                if (modulated) mod.expression(noteExpr.cutoffCents, noteExpr.egCents, noteExpr.lfoCents);
            }
            if (modulated) {
                mod.update(n);
                if (mod.pitchCents != 0) step *= Math.pow(2, mod.pitchCents / 1200);
                lfoGain = mod.lfoGain;
            }
            // Sinc, except where the voice reads exact frames at its own rate (bit-exact, and cheaper).
            int got = sinc != null && !(step == 1.0 && pos == Math.floor(pos)) ? SincReader.read(this, n, stereo, step) : -1;
            if (got < 0) got = read(n, stereo, step);
            if (modulated && mod.filtering()) mod.filter(bufL, stereo ? bufR : null, got);
            amp.process(env, 0, got);
            boolean faded = false;
            if (fadeTotal > 0) {
                float inv = 1f / fadeTotal;
                for (int k = 0; k < got; k++) {
                    env[k] *= fadeRemaining * inv;
                    if (fadeRemaining > 0) fadeRemaining--;
                }
                faded = fadeRemaining == 0;
            }
            if (gainFrom != lfoGain) { // the amplitude LFO moves in a ramp across the chunk, never in steps
                float g = gainFrom, dg = (lfoGain - gainFrom) / Math.max(1, got);
                for (int k = 0; k < got; k++) { g += dg; env[k] *= g; }
            } else if (lfoGain != 1f) {
                for (int k = 0; k < got; k++) env[k] *= lfoGain;
            }
            if (ccGain != ccGainTarget) { // ramp the CC crossfade level across this chunk
                float g = ccGain, dg = (ccGainTarget - ccGain) / got;
                for (int k = 0; k < got; k++) { g += dg; env[k] *= g; }
                ccGain = ccGainTarget;
            } else if (ccGain != 1f) {
                for (int k = 0; k < got; k++) env[k] *= ccGain;
            }
            if (noteExpr.active && (noteExpr.gainFrom != 1f || noteExpr.gainTo != 1f)) { // [expression] per-note level, ramped
                float g = noteExpr.gainFrom, dg = (noteExpr.gainTo - g) / Math.max(1, got);
                for (int k = 0; k < got; k++) { g += dg; env[k] *= g; }
            }
            channelGains();
            final float gl = gainL, gr = gainR;
            if (gl != targetL || gr != targetR) { // channel volume, expression or pan moved: ramp, never step
                float dl = (targetL - gl) / Math.max(1, got), dr = (targetR - gr) / Math.max(1, got), a = gl, b = gr;
                for (int k = 0; k < got; k++) {
                    a += dl; b += dr;
                    float e = env[k];
                    outL[i + k] += bufL[k] * e * a;
                    outR[i + k] += (stereo ? bufR[k] : bufL[k]) * e * b;
                }
                gainL = targetL;
                gainR = targetR;
            } else if (stereo) {
                for (int k = 0; k < got; k++) { outL[i + k] += bufL[k] * env[k] * gl; outR[i + k] += bufR[k] * env[k] * gr; }
            } else {
                for (int k = 0; k < got; k++) { float v = bufL[k] * env[k]; outL[i + k] += v * gl; outR[i + k] += v * gr; }
            }
            i += got;
            if (got < n || faded || amp.isDone()) { endedAt = i; free(); return; }
        }
    }

    /**
     * Interpolates up to {@code n} frames into the scratch buffers; fewer when the sample ends.
     * Runs of frames whose four neighbours are all inside the playable range take a tight loop of
     * plain array reads; only frames next to a loop point or the sample's ends take the careful path.
     */
    private int read(int n, boolean stereo, double step) {
        final CompiledRegion r = region;
        final float[] dl = left, dr = right;
        final boolean cubic = quality >= Interpolation.CUBIC;
        int k = 0;
        while (k < n) {
            if (looping) {
                wrapLoop();
            } else if (pos > r.lastFrame || pos < 0) {
                return k;
            }
            int fast = 0;
            if (step > 0 && pos >= 1) {
                long limit = looping ? r.loopEnd : Math.min(r.lastFrame, headEnd - 1); // idx + 2 must stay <= limit
                double room = (limit - 1) - pos;                  // positions p < limit - 1 have idx <= limit - 2
                if (room > 0) fast = (int) Math.min(n - k, Math.ceil(room / step));
                else if (streaming && !looping) {
                    int ringRun = ringRun(n - k, step);
                    if (ringRun > 0) {
                        pos = ringRead(k, k + ringRun, stereo, cubic, step);
                        k += ringRun;
                        continue;
                    }
                }
            }
            if (fast > 0) {
                double p = pos;
                int end = k + fast;
                if (quality == Interpolation.NEAREST) {
                    p = Kernels.nearest(dl, bufL, k, end, p, step);
                    if (stereo) Kernels.nearest(dr, bufR, k, end, pos, step);
                } else if (cubic) {
                    p = Kernels.cubic(dl, bufL, k, end, p, step);
                    if (stereo) Kernels.cubic(dr, bufR, k, end, pos, step);
                } else {
                    p = Kernels.linear(dl, bufL, k, end, p, step);
                    if (stereo) Kernels.linear(dr, bufR, k, end, pos, step);
                }
                pos = p;
                k = end;
            } else {
                long idx = (long) Math.floor(pos);
                float f = (float) (pos - idx);
                bufL[k] = sampleAt(dl, idx, f, cubic);
                if (stereo) bufR[k] = sampleAt(dr, idx, f, cubic);
                pos += step;
                k++;
            }
        }
        if (streaming) stream.release((long) pos - 2);
        return k;
    }

    /** Frames from the current position that the stream ring can serve with all four neighbours present. */
    private int ringRun(int max, double step) {
        long avail = Math.min(stream.written(), region.lastFrame + 1); // frames < avail are readable
        double room = (avail - 2) - pos;                               // idx + 2 <= avail - 1
        if (room <= 0 || (long) pos - 1 < stream.start()) return 0;
        return (int) Math.min(max, Math.ceil(room / step));
    }

    private double ringRead(int from, int to, boolean stereo, boolean cubic, double step) {
        double p = pos;
        double end = cubic ? Kernels.cubicRing(stream.channel(0), bufL, from, to, p, step)
                : Kernels.linearRing(stream.channel(0), bufL, from, to, p, step);
        if (stereo) {
            if (cubic) Kernels.cubicRing(stream.channel(1), bufR, from, to, p, step);
            else Kernels.linearRing(stream.channel(1), bufR, from, to, p, step);
        }
        stream.release((long) end - 2);
        return end;
    }

    private float sampleAt(float[] d, long idx, float f, boolean cubic) {
        return cubic ? Interpolation.hermite(at(d, idx - 1), at(d, idx), at(d, idx + 1), at(d, idx + 2), f)
                : Interpolation.linear(at(d, idx), at(d, idx + 1), f);
    }

    // --- for SincReader: the voice's read state and its sample access ---
    double pos() { return pos; }
    void pos(double p) { pos = p; }
    boolean looping() { return looping; }
    float[] left() { return left; }
    float[] right() { return right; }
    float[] bufL() { return bufL; }
    float[] bufR() { return bufR; }
    float[] winL() { return winL; }
    float[] winR() { return winR; }
    dev.loophole.signal.dsp.SincInterpolator sinc() { return sinc; }

    /** After a read moved past the loop end: fold the position back into the loop, counting repeats (the last one plays on past it). */
    void wrapLoop() {
        CompiledRegion r = region;
        if (!looping || pos < r.loopEnd + 1) return;
        double len = r.loopEnd - r.loopStart + 1;
        pos -= len * Math.floor((pos - r.loopStart) / len);
        wrapped = true;
        if (r.loopCount > 0 && --loopsLeft <= 0) looping = false;
    }

    /** Frame {@code idx} for a window in unwrapped loop coordinates: before the loop start after a wrap, the loop's end. */
    float window(float[] data, long idx) {
        CompiledRegion r = region;
        if (looping && wrapped && idx < r.loopStart) idx += r.loopEnd - r.loopStart + 1;
        return at(data, idx);
    }

    /** Reads frame {@code idx}, wrapping through the loop while looping and reading silence past the ends. */
    private float at(float[] data, long idx) {
        if (looping && idx > region.loopEnd) idx = region.loopStart + (idx - region.loopEnd - 1) % (region.loopEnd - region.loopStart + 1);
        if (idx < 0 || idx > region.lastFrame) return 0f;
        if (idx < headEnd) return data[(int) idx];
        if (!streaming) return 0f;
        if (idx >= stream.written() || idx < stream.start() || stream.failed()) {
            // The disk did not keep up (or the file went away): silence from here, and fade out.
            if (fadeTotal == 0) { stream.countUnderrun(); fadeOut((int) Math.round(FAST_FADE_SECONDS * engineRate)); }
            return 0f;
        }
        return stream.channel(data == left ? 0 : 1)[(int) (idx & dev.loophole.signal.store.StreamSlot.MASK)];
    }

    void free() {
        if (streaming) { stream.stop(); streaming = false; }
        region = null;
        left = right = null;
        fadeTotal = 0;
    }
}
