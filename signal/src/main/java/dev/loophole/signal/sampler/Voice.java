package dev.loophole.signal.sampler;

import dev.loophole.model.LoopMode;
import dev.loophole.signal.dsp.EnvelopeGenerator;
import dev.loophole.signal.dsp.FilterLanes;
import dev.loophole.signal.dsp.VoiceFilter;

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
    final int slot;        // index in the instrument's pool
    int channel, key, velocity;
    long age;              // start order, for oldest-first stealing
    long event;            // the note event that started it: one event never chokes its own voices
    int endedAt;           // the block frame after the last one this voice wrote, once it has ended
    boolean noteHeld;      // the key is down
    boolean sustained;     // released by the key while a pedal held it
    boolean releasing;     // note-off seen (or choked with a normal release)
    boolean oneShot;

    final SampleRead read;       // where the voice is in its sample, and the read of each chunk into its scratch
    private double inc, baseRatio;
    private boolean reverse;
    private int delayFrames;
    private final VoiceOutput output = new VoiceOutput();
    private final dev.loophole.signal.dsp.Rng rng;
    private dev.loophole.signal.dsp.FlexEg flexAmp; // a flex envelope standing in for ampeg, or null
    ChannelState chan;                // the channel's state, set by the instrument
    private double bendCents, bendTarget; // the bend now and where bend_smooth takes it, cents
    private float bendCoef;           // one-pole step per chunk towards bendTarget, 1 = immediate
    private double tuneCents;         // the channel's node tune this voice plays at (read from chan each chunk)
    private int fadeRemaining, fadeTotal;
    private float ccGain, ccGainTarget; // CC crossfade level, ramped per chunk so CC moves never click
    private float lfoGain = 1f;         // modulation level (LFOs, envelopes, controllers) reached at the end of the last chunk
    int[] ccValues;                   // the channel's CC array, set by the instrument

    private final VoiceModulation mod;
    private boolean modulated;

    // [expression] per-note expression (MPE / poly aftertouch / MIDI 2.0): the note's id and its state
    int noteId = -1;
    final VoiceExpression noteExpr;
    private final int[] noteCc = new int[128]; // what this voice reads as CCs: the channel's, this note's own values over them

    private final ScalarStart scalarStart; // offline: shared by the instrument's voices; null live (kernels warmed up)

    /**
     * Voice {@code slot} of an instrument's pool. {@code needs}: the modulation state the instrument's patch uses (see
     * {@link VoiceNeeds}; {@link #grow} adds more). {@code scalarStart}: the instrument's, offline; null live.
     */
    Voice(int slot, int engineRate, dev.loophole.signal.store.StreamSlot stream, dev.loophole.signal.dsp.Rng rng, float[][] sincWindow,
          VoiceNeeds needs, VoiceThread thread, ScalarStart scalarStart) {
        this.slot = slot;
        this.engineRate = engineRate;
        this.mod = new VoiceModulation(engineRate, rng, needs);
        this.rng = rng;
        this.noteExpr = new VoiceExpression(engineRate);
        this.scalarStart = scalarStart;
        this.read = new SampleRead(this, engineRate, stream, sincWindow, thread == VoiceThread.OFFLINE, scalarStart);
    }

    /** Control side, before a patch that needs more is handed to the audio thread (see {@link VoiceModulation#grow}). */
    void grow(VoiceNeeds needs) { mod.grow(needs); }

    boolean isActive() { return region != null; }

    void start(CompiledRegion r, int channel, int key, int velocity, double bend, double randomGainDb,
               long offsetExtra, int delayExtra, float extraGain, long age, int quality, float alternate, int keyDelta) {
        this.region = r;
        this.channel = channel; this.key = key; this.velocity = velocity; this.age = age;
        noteHeld = true; sustained = false; releasing = false; fadeRemaining = 0; fadeTotal = 0;
        // Release-triggered regions play through once, whatever their loop mode: nothing would ever release them.
        boolean releaseTriggered = r.trigger == dev.loophole.model.Trigger.RELEASE || r.trigger == dev.loophole.model.Trigger.RELEASE_KEY;
        oneShot = r.loopMode == LoopMode.ONE_SHOT || releaseTriggered;
        reverse = r.reverse;
        syncCc(); // [expression] the voice's CC view, read by everything below
        modulated = r.mod.active || r.mod.matrix.startRoutes > 0;
        if (modulated) {
            mod.keepFilterForExpression = noteExpr.movesCutoff(); // [expression] keeps a filter timbre may open
            mod.start(r.mod, key, velocity, noteCc, chan, alternate, keyDelta, rng);
            offsetExtra = Math.max(0, offsetExtra + Math.round(mod.startAdjustment(CompiledMatrix.START_OFFSET)));
        }
        read.start(r, r.sampleQuality >= 0 ? r.sampleQuality : quality, offsetExtra, releaseTriggered);
        ccGain = ccGainTarget = r.xf.anyCc ? r.xf.ccGain(noteCc) : 1f;

        double cents = r.baseCents + (key - r.pitchKeycenter) * r.keytrack + r.veltrack * velocity / 127.0;
        if (r.pitchRandom > 0) cents += (rng.nextDouble() * 2 - 1) * r.pitchRandom;
        baseRatio = Math.pow(2, cents / 1200.0) * r.rateRatio;
        bendCoef = r.bendSmoothSeconds > 0 ? (float) (1 - Math.exp(-CHUNK / (r.bendSmoothSeconds * engineRate))) : 1f;
        bendCents = bendTarget = bendToCents(bend);
        tuneCents = chan != null ? chan.tuneCents : 0;
        applyBend();

        float veltrack = modulated ? mod.startAdjustment(CompiledMatrix.START_AMP_VELTRACK) : 0f;
        float level = r.gain * extraGain * r.velocityGain(velocity, veltrack) * r.xf.noteGain(key, velocity)
                * (float) Math.pow(10, ((key - r.ampKeycenter) * r.ampKeytrack + randomGainDb) / 20.0);
        output.start(r, level, noteCc, read.stereo());

        delayFrames = (int) Math.round(r.delay * engineRate) + delayExtra;
        if (modulated) delayFrames = Math.max(0, delayFrames + (int) Math.round(mod.startAdjustment(CompiledMatrix.START_DELAY) * engineRate));
        amp.setShapes(r.egShapes[0], r.egShapes[1], r.egShapes[2]);
        if (modulated) mod.trigger(amp, r.ampEg, 0);
        else r.ampEg.trigger(amp);
        flexAmp = modulated && r.mod.matrix.ampEg >= 0 ? mod.matrix.ampEnvelope() : null;
        lfoGain = 1f;
        freshGain = true;
    }

    private boolean freshGain; // the first chunk starts at the modulation's level instead of ramping to it

    /** {@code bend} is -1..1 of the bend wheel's travel; with bend_smooth the voice glides there chunk by chunk. */
    void setBend(double bend) {
        bendTarget = bendToCents(bend);
        if (bendCoef >= 1f) { bendCents = bendTarget; applyBend(); }
    }

    /** The wheel's travel in cents, in whole bend_step steps. */
    private double bendToCents(double bend) {
        double cents = bend >= 0 ? bend * region.bendUp : -bend * region.bendDown;
        return region.bendStep > 1 ? Math.round(cents / region.bendStep) * region.bendStep : cents;
    }

    /** Bend and node tune on the note's base ratio; at rest (both 0) the base ratio itself, bit for bit. */
    private void applyBend() {
        double cents = bendCents + tuneCents;
        double ratio = bendCents == 0 && tuneCents == 0 ? baseRatio : baseRatio * Math.pow(2, cents / 1200.0);
        inc = reverse ? -ratio : ratio;
    }

    /** Note-off (after pedals): release the envelope; a sustain loop lets go and plays on to the end. */
    void noteOff() { noteOff(64); }

    void noteOff(int velocity) {
        noteHeld = false;
        if (oneShot || releasing) return;
        releasing = true;
        if (region.loopMode == LoopMode.LOOP_SUSTAIN) read.releaseLoop();
        amp.release();
        if (modulated) mod.release(velocity);
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

    /** Frames before the voice makes its first sound (delay opcodes). */
    int delayFrames() { return delayFrames; }

    /** A CC moved: follow the region's CC crossfades (ramped over the next chunk). */
    void updateCcGain() {
        syncCc();
        if (region.xf.anyCc) ccGainTarget = region.xf.ccGain(noteCc);
        if (modulated) mod.controllersMoved(amp, region.ampEg);
    }

    // --- [expression] per-note expression ---

    /** Controller {@code n} as this note sees it: its own value (an SFZ_CC expression route) or else the channel's. */
    int cc(int n) { return noteCc[n]; }

    /** Refreshes this voice's CC view: at the start, and whenever a channel CC or one of the note's own values moves. */
    private void syncCc() {
        if (ccValues == null) return;
        System.arraycopy(ccValues, 0, noteCc, 0, 128);
        mod.matrix.controllersMoved();
        if (!noteExpr.anyCc) return;
        for (int n = 0; n < 128; n++) { int o = noteExpr.ccOverride(n); if (o >= 0) noteCc[n] = o; }
    }

    /** One dimension of this voice's note moved (see NoteExpression). */
    void expression(int dimension, float value) {
        noteExpr.set(dimension, value);
        // the note's own pressure is what the matrix's aftertouch sources (cc129, cc130) read for it
        if (dimension == dev.loophole.signal.expression.NoteExpression.PRESSURE
                || dimension == dev.loophole.signal.expression.NoteExpression.POLY_AFTERTOUCH) mod.matrix.notePressure(value);
        if (noteExpr.anyCc) updateCcGain();
    }

    /** Current output level estimate, for quietest-first stealing. */
    float loudness() {
        float fade = fadeTotal > 0 ? (float) fadeRemaining / fadeTotal : 1f;
        float env = flexAmp != null ? Math.abs(flexAmp.level()) : amp.level();
        return env * fade * output.loudness();
    }

    /** Frames per inner chunk: the scratch buffers' size. */
    static final int CHUNK = 32;

    private final float[] env = new float[CHUNK];

    /** Adds this voice's output to {@code outL/outR} over frames {@code [from, to)}: its chunks' three phases one after another. */
    void render(float[] outL, float[] outR, int from, int to) {
        int i = from + skipDelay(to - from);
        while (i < to) {
            int n = Math.min(CHUNK, to - i);
            int got = readChunk(n);
            filterChunk(got);
            if (mixChunk(outL, outR, i, n, got)) return;
            i += got;
        }
    }

    /** Uses up the delay within the next {@code frames} frames; returns the frames it took. */
    int skipDelay(int frames) {
        int d = Math.min(delayFrames, frames);
        delayFrames -= d;
        return d;
    }

    private float gainFrom; // the chunk's modulation level at its start, between readChunk and mixChunk

    /**
     * A chunk's first phase ({@link VoiceBatch} runs it for several voices, then their filters, then their mixes): the
     * controls, the modulation and the amplitude envelope for the next {@code n} frames, then the read into the scratch;
     * returns the frames read (fewer when the sample ends).
     */
    int readChunk(int n) {
        // The envelope first: a decay's or release's levels are a chain of dependent multiplies, which the processor
        // overlaps with the control work, the read and the filter below when nothing waits on it (same levels: nothing
        // below moves this envelope, and if the sample ends inside the chunk the voice ends with it, the envelope's
        // extra frames never heard). A flex amplitude envelope is a matrix source, read by mod.update before it moves on.
        if (flexAmp == null) amp.process(env, 0, n);
        double step = inc;
        gainFrom = lfoGain;
        if (bendCents != bendTarget) { // bend_smooth: glide a chunk's worth towards the wheel
            bendCents += (bendTarget - bendCents) * bendCoef;
            if (Math.abs(bendTarget - bendCents) < 0.01) bendCents = bendTarget;
            applyBend();
            step = inc;
        }
        if (chan != null && chan.tuneCents != tuneCents) { // the node's tune moved: this chunk on plays there
            tuneCents = chan.tuneCents;
            applyBend();
            step = inc;
        }
        if (noteExpr.active) { // [expression] this chunk's per-note pitch, cutoff and depths
            noteExpr.advance(n);
            step *= noteExpr.pitchRatio;
            if (modulated) mod.expression(noteExpr.cutoffCents, noteExpr.egCents, noteExpr.lfoCents);
        }
        if (modulated) {
            mod.update(n);
            if (mod.pitchCents != 0) step *= mod.pitchRatio;
            if (freshGain) gainFrom = mod.lfoGain;
            lfoGain = mod.lfoGain;
        }
        if (flexAmp != null) { flexAmp.process(env, 0, n); clampEnvelope(n); }
        return read.next(n, step);
    }

    /** The chunk's second phase, alone: the filters and EQ over the {@code got} frames read. */
    void filterChunk(int got) {
        if (modulated && mod.filtering()) mod.filter(read.bufL, read.stereo() ? read.bufR : null, got);
    }

    /**
     * The second phase beside other voices: the first filter's channels go to {@code lanes} when they fit (the rest
     * follows in {@link #filterAfterLanes}, after the lanes ran); returns false when they do not (then {@link #filterChunk}).
     */
    boolean filterInLanes(FilterLanes lanes) {
        if (!modulated || !mod.filtering()) return true; // nothing to filter
        VoiceFilter f = mod.tuneLaneFilter();
        if (f == null) return false;
        lanes.add(f, read.bufL, 0);
        if (read.stereo()) lanes.add(f, read.bufR, 1);
        return true;
    }

    /** After the lanes: the rest of the chunk's filters. */
    void filterAfterLanes(int got) {
        if (modulated && mod.filtering()) mod.filterAfterLanes(read.bufL, read.stereo() ? read.bufR : null, got);
    }

    /**
     * The chunk's last phase: fade, level and mix of the {@code got} frames read into {@code outL/outR} from frame {@code i};
     * returns true when the voice ended (it is then free, {@link #endedAt} the frame after its last).
     */
    boolean mixChunk(float[] outL, float[] outR, int i, int n, int got) {
        final boolean stereo = read.stereo();
        boolean faded = false;
        if (fadeTotal > 0) {
            float inv = 1f / fadeTotal;
            for (int k = 0; k < got; k++) {
                env[k] *= fadeRemaining * inv;
                if (fadeRemaining > 0) fadeRemaining--;
            }
            faded = fadeRemaining == 0;
        }
        // Modulation level, CC crossfade and per-note expression: one linear ramp across the chunk from
        // their product at its start to their product at its end, so none of them ever steps.
        float gFrom = gainFrom * ccGain, gTo = lfoGain * ccGainTarget;
        ccGain = ccGainTarget;
        if (noteExpr.active) { gFrom *= noteExpr.gainFrom; gTo *= noteExpr.gainTo; } // [expression]
        float steady = 1f; // a level that holds across the chunk is applied in the mix's pass, not one of its own
        if (gFrom != gTo) {
            float g = gFrom, dg = (gTo - gFrom) / Math.max(1, got);
            for (int k = 0; k < got; k++) { g += dg; env[k] *= g; }
        } else steady = gTo;
        freshGain = false;
        if (modulated) output.update(noteCc, mod.panOffset, mod.widthOffset, mod.positionOffset, stereo);
        else output.update(noteCc, 0, 0, 0, stereo);
        output.mix(read.bufL, read.bufR, env, steady, stereo, outL, outR, i, got, scalarStart == null || scalarStart.vector(got));
        if (got < n || faded || (flexAmp != null ? flexAmp.isDone() && (releasing || flexAmp.level() == 0) : amp.isDone())) {
            endedAt = i + got; free(); return true;
        }
        return false;
    }

    /** Whether this voice may render in lock step beside others ({@link VoiceBatch}): nothing it does while playing draws random numbers, whose order would change. */
    boolean batchable() { return !modulated || !region.mod.matrix.drawsWhilePlaying; }

    /** A flex envelope used as the amplitude envelope is bipolar; the level it sets is its magnitude up to 1. */
    private void clampEnvelope(int got) {
        for (int k = 0; k < got; k++) env[k] = Math.min(1f, Math.abs(env[k]));
    }


    void free() {
        read.stop();
        region = null;
        fadeTotal = 0;
    }
}
