package dev.loophole.signal.sampler;

import dev.loophole.model.Trigger;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.Rng;
import dev.loophole.signal.dsp.Simd;
import dev.loophole.signal.engine.MultiOutputInstrument;

/**
 * The sampler as the engine runs it: its event and control surface. Notes, pedals, controllers, bend and
 * per-note expression reach the voices here; which regions an event sounds and how their voices start
 * (chokes, polyphony, stealing) is {@link RegionTrigger}'s, the render loop {@link VoiceRender}'s.
 * Everything here runs on the audio thread and allocates nothing.
 */
public final class SamplerInstrument implements MultiOutputInstrument {
    /** Extra voices beyond the polyphony cap, so a stolen voice can fade while its successor starts. */
    static final int FADE_RESERVE = 64;

    private Patch patch;
    // Control → audio: the next patch; audio → control: the one it replaced, for the control side to drop.
    private final java.util.concurrent.atomic.AtomicReference<Patch> pending = new java.util.concurrent.atomic.AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicReference<Patch> retired = new java.util.concurrent.atomic.AtomicReference<>();
    private final int sampleRate;
    private final Voice[] voices;
    private final VoicePool pool;
    private final RegionTrigger trigger;
    private final ChannelState[] channels = new ChannelState[16];
    private final int extraOutputs;                    // program outputs beyond main, fixed at construction
    private final float[][] mainOnly = new float[2][]; // render(left, right): the one pair every voice goes to
    private long frameClock;
    private final VoiceThread thread;
    private final ScalarStart scalarStart;
    private int peakVoices;
    // Per-note expression: per key the id notes holding it.
    private final int[][] perNoteHeld = new int[16][128];

    public SamplerInstrument(Patch patch, int sampleRate, int polyphony, long seed) {
        this(patch, sampleRate, polyphony, seed, null);
    }

    /** With a streamer, voices play samples whose heads are all that is in memory; without, heads must be whole. */
    public SamplerInstrument(Patch patch, int sampleRate, int polyphony, long seed, dev.loophole.signal.store.Streamer streamer) {
        this(patch, sampleRate, polyphony, seed, streamer, VoiceThread.AUDIO);
    }

    /** {@code thread}: whether an audio thread ({@link VoiceThread#AUDIO}) or an offline render thread runs the voices. */
    public SamplerInstrument(Patch patch, int sampleRate, int polyphony, long seed, dev.loophole.signal.store.Streamer streamer,
                             VoiceThread thread) {
        this.thread = thread;
        this.sampleRate = sampleRate;
        Rng rng = new Rng(seed); // one stream for region picks and voices' draws, in event order
        this.voices = new Voice[polyphony + FADE_RESERVE];
        float[][] sincWindow = {new float[SincReader.WINDOW], new float[SincReader.WINDOW]};
        // Offline voices share one scalar start (they render one after another, on one thread); live voices take the
        // vector forms from their first frame, so those are compiled before an audio thread runs them.
        scalarStart = thread == VoiceThread.OFFLINE ? new ScalarStart() : null;
        if (scalarStart == null && Simd.VECTOR) { ScalarStart.warmUpLive(); dev.loophole.signal.dsp.FilterLanes.warmUp(); }
        for (int i = 0; i < voices.length; i++)
            voices[i] = new Voice(i, sampleRate, streamer == null ? null : streamer.newSlot(), rng, sincWindow, patch.voiceNeeds, thread, scalarStart);
        this.pool = new VoicePool(voices, (int) Math.round(Voice.FAST_FADE_SECONDS * sampleRate));
        this.render = new VoiceRender(voices, pool, thread == VoiceThread.OFFLINE);
        for (int c = 0; c < 16; c++) channels[c] = new ChannelState();
        this.trigger = new RegionTrigger(voices, pool, channels, rng, sampleRate, polyphony);
        this.patch = patch;
        this.extraOutputs = patch.outputs() - 1;
        for (ChannelState c : channels) c.reset(patch.initialCc, patch.swDefault);
        patch.prepareOctaves(trigger.quality(), thread);
    }

    /**
     * Control side: hands the audio thread a new patch (an edited or different program). It is
     * installed at the start of the next block; sounding voices finish on the regions they started
     * with, so an edit never cuts or clicks a held note. Lock-free: a later call before the audio
     * thread has taken the previous one simply replaces it.
     */
    public void swapPatch(Patch p) {
        p.prepareOctaves(trigger.quality(), thread);
        // Its voices' state first: published to the audio thread with the patch (the set below), used only by its regions.
        synchronized (voices) { for (Voice v : voices) v.grow(p.voiceNeeds); } // (control threads only: the audio thread never locks)
        pending.set(p);
        retired.set(null); // the control side lets go of the patch replaced last time
    }

    /** Audio thread, at the start of a block: installs a pending patch. No allocation. */
    @Override
    public void beginBlock() {
        Patch next = pending.getAndSet(null);
        if (next == null || next == patch) return;
        Patch old = patch;
        System.arraycopy(old.seqCounters, 0, next.seqCounters, 0, Math.min(old.seqCounters.length, next.seqCounters.length));
        patch = next;
        retired.set(old);
    }

    public Patch patch() { return patch; }

    /** Interpolation quality ({@link Interpolation}); control side: a sinc makes the octave copies the patch's pitches need. */
    public void setQuality(int quality) {
        patch.prepareOctaves(quality, thread); // before the audio thread can see the quality
        Patch next = pending.get();
        if (next != null) next.prepareOctaves(quality, thread);
        if (scalarStart != null) scalarStart.quality(quality);
        trigger.quality(quality);
    }

    /** What runs this instrument's voices (fixed at construction). */
    public VoiceThread voiceThread() { return thread; }

    public int peakVoices() { return peakVoices; }

    /** Reports every voice start and end to {@code l} (null to stop). Set it before rendering. */
    public void setVoiceListener(VoiceListener l) { trigger.listener(l); }

    @Override
    public void noteOn(int channel, int key, int velocity) {
        if (velocity == 0) { noteOff(channel, key, 64); return; }
        ChannelState cs = channels[channel];
        boolean first = cs.heldCount == 0;
        if (!cs.held[key]) cs.heldCount++;
        cs.held[key] = true;
        cs.onVelocity[key] = velocity;
        cs.onFrame[key] = frameClock;
        cs.releasePending[key] = false;
        cs.previousKey = cs.lastKey;
        if (patch.switchKeys[key]) cs.lastSwitch = key;
        trigger.note(patch, channel, key, velocity, first ? Trigger.FIRST : Trigger.LEGATO, 0, frameClock);
        cs.lastKey = key;
        cs.noteOns++;
    }

    @Override
    public void noteOff(int channel, int key, int velocity) { releaseNote(channel, key, velocity, -1); }

    // --- per-note expression: notes with ids (MPE member notes, MIDI 2.0 notes) ---

    @Override
    public void perNoteOn(int channel, int noteId, int key, int velocity16) {
        perNoteHeld[channel][key]++;
        trigger.perNote(noteId, velocity16);
        noteOn(channel, key, Math.max(1, velocity16 >>> 9));
        trigger.perNote(-1, -1);
    }

    @Override
    public void perNoteOff(int channel, int noteId, int key, int velocity16) {
        if (perNoteHeld[channel][key] == 0) return; // nothing of this id can be sounding
        releaseNote(channel, key, velocity16 >>> 9, noteId);
    }

    /** Moves one dimension of one note: only that note's voices hear it. */
    @Override
    public void noteExpression(int channel, int noteId, int dimension, float value) {
        for (int s = 0; s < pool.live; s++) { Voice v = voices[s]; if (v.isActive() && v.noteId == noteId && v.channel == channel) v.expression(dimension, value); }
    }

    @Override
    public dev.loophole.model.ExpressionCapabilities capabilities() {
        return dev.loophole.model.ExpressionCapabilities.of(patch.program.expression());
    }

    /**
     * Note-off for a plain note ({@code noteId} -1: the key's voices without an id) or for one id.
     * The key counts as up once no id and no plain note holds it; only then do release triggers sound.
     */
    private void releaseNote(int channel, int key, int velocity, int noteId) {
        ChannelState cs = channels[channel];
        if (noteId < 0 && !cs.held[key]) return; // a note-off for a note that never started changes nothing
        boolean latched = cs.sostenuto && cs.sostenutoLatched[key];
        for (int s = 0; s < pool.live; s++) { // slots past live are free
            Voice v = voices[s];
            if (!v.isActive() || v.channel != channel || v.key != key || !v.noteHeld) continue;
            if (noteId >= 0 ? v.noteId != noteId : v.noteId >= 0) continue;
            if (cs.sustain || latched) { v.noteHeld = false; v.sustained = true; }
            else v.noteOff(velocity);
        }
        if (noteId >= 0 && --perNoteHeld[channel][key] > 0) return; // another finger still holds this key
        if (!cs.held[key]) return;
        cs.held[key] = false;
        cs.heldCount--;
        // release_key sounds on the key's release; release (SFZ v2) waits for the sustain pedal.
        double heldSeconds = (frameClock - cs.onFrame[key]) / (double) sampleRate;
        trigger.note(patch, channel, key, cs.onVelocity[key], Trigger.RELEASE_KEY, heldSeconds, frameClock);
        if (cs.sustain) cs.releasePending[key] = true;
        else trigger.note(patch, channel, key, cs.onVelocity[key], Trigger.RELEASE, heldSeconds, frameClock);
    }

    @Override
    public void controlChange(int channel, int controller, int value) {
        ChannelState cs = channels[channel];
        int before = cs.cc[controller];
        cs.cc[controller] = value;
        cs.version++;
        Patch p = patch;
        if (controller == p.sustainCc) {
            boolean down = value >= p.sustainLo;
            if (cs.sustain && !down) {
                cs.sustain = false;
                releaseSustained(channel, cs);
                for (int k = 0; k < 128; k++) {
                    if (!cs.releasePending[k]) continue;
                    cs.releasePending[k] = false;
                    trigger.note(p, channel, k, cs.onVelocity[k], Trigger.RELEASE, (frameClock - cs.onFrame[k]) / (double) sampleRate, frameClock);
                }
            }
            cs.sustain = down;
        } else if (controller == p.sostenutoCc) {
            boolean down = value >= 64;
            if (down && !cs.sostenuto) System.arraycopy(cs.held, 0, cs.sostenutoLatched, 0, 128);
            if (!down && cs.sostenuto) {
                cs.sostenuto = false;
                releaseSustained(channel, cs);
                java.util.Arrays.fill(cs.sostenutoLatched, false);
            }
            cs.sostenuto = down;
        } else if (controller == 120) {
            allSoundOff();
        } else if (controller == 123) {
            for (int s = 0; s < pool.live; s++) { Voice v = voices[s]; if (v.isActive() && v.channel == channel) { v.sustained = false; v.noteOff(); } }
        } else if (controller == 121) {
            cs.reset(p.initialCc, p.swDefault);
        }
        for (int s = 0; s < pool.live; s++) { Voice v = voices[s]; if (v.isActive() && v.channel == channel) v.updateCcGain(); }
        trigger.controller(p, channel, controller, before, value, frameClock);
    }

    /** Pedal up: voices whose keys are up and no other pedal holds them go to release. */
    private void releaseSustained(int channel, ChannelState cs) {
        for (int s = 0; s < pool.live; s++) { // slots past live are free
            Voice v = voices[s];
            if (!v.isActive() || v.channel != channel || !v.sustained) continue;
            boolean stillLatched = cs.sostenuto && cs.sostenutoLatched[v.key];
            if (cs.sustain || stillLatched) continue;
            v.sustained = false;
            v.noteOff();
        }
    }

    @Override
    public void pitchBend(int channel, int value) {
        ChannelState cs = channels[channel];
        cs.bendRaw = value;
        cs.version++;
        cs.bend = value >= 8192 ? (value - 8192) / 8191.0 : (value - 8192) / 8192.0;
        for (int s = 0; s < pool.live; s++) { Voice v = voices[s]; if (v.isActive() && v.channel == channel) v.setBend(cs.bend); }
    }

    /** Every channel's tune: voices read it at their next chunk, as they read bend. */
    @Override
    public void nodeTune(double cents) {
        for (ChannelState cs : channels) {
            if (cs.tuneCents == cents) continue;
            cs.tuneCents = cents;
            cs.version++;
        }
    }

    @Override
    public void channelPressure(int channel, int value) { channels[channel].channelPressure = value; channels[channel].version++; }

    /** Polyphonic aftertouch: kept for region conditions, and per-note expression of the key's plain notes. */
    @Override
    public void polyPressure(int channel, int key, int value) {
        channels[channel].polyPressure[key] = value;
        channels[channel].version++;
        float v = dev.loophole.signal.expression.MidiScale.unipolar7(value);
        for (Voice x : voices)
            if (x.isActive() && x.channel == channel && x.key == key && x.noteId < 0)
                x.expression(dev.loophole.signal.expression.NoteExpression.POLY_AFTERTOUCH, v);
    }

    @Override
    public void programChange(int channel, int program) { channels[channel].program = program; }

    @Override
    public void tempo(double bpm) { trigger.tempo(bpm); }

    /**
     * Everything on one stereo pair: every voice, whatever output its region names (unconnected outputs fold into
     * the main mix, as a hardware sampler's do). Effect sends need a graph with somewhere to send them
     * ({@link #render(float[][], int, int, int)}).
     */
    @Override
    public void render(float[] left, float[] right, int from, int to) {
        mainOnly[0] = left;
        mainOnly[1] = right;
        renderVoices(mainOnly, 0, 0, 0, false, from, to);
    }

    /**
     * Output 0 the main (dry) mix, 1 the reverb send (SFZ effect1, SoundFont CC91), 2 the chorus send (effect2,
     * CC93), then one per other output the program's samples name ({@link #engineOutput}). Fixed at construction
     * from the first patch: a later patch's voices on outputs beyond them play on the main output.
     */
    @Override
    public int outputs() { return FIRST_EXTRA + extraOutputs; }

    public static final int REVERB_SEND = 1, CHORUS_SEND = 2, FIRST_EXTRA = 3;

    /** Program outputs this instrument renders apart (main and the ones after it), as its first patch named them. */
    public int programOutputs() { return 1 + extraOutputs; }

    /** The engine output (index into {@link #outputs()}) of the program's output {@code o} (SFZ {@code output=}, 0 = main). */
    public static int engineOutput(int o) { return o == 0 ? 0 : FIRST_EXTRA + o - 1; }

    /** Program outputs beyond main: a pad's or mic's own output is part of the main mix until the graph takes it elsewhere. */
    @Override
    public boolean foldsIntoMain(int k) { return k >= FIRST_EXTRA; }

    /** The send outputs are silent while no region of the patch sends (SFZ effect1/effect2, SoundFont CC91/CC93). */
    @Override
    public boolean silent(int k) {
        if (k == 0 || k >= FIRST_EXTRA) return false;
        for (CompiledRegion r : patch.regions) if (r.sends != Sends.NONE) return false;
        return true;
    }

    /** Every output into its own pair from {@code first} on, in one pass over the voices (see {@link #outputs()}). */
    @Override
    public void render(float[][] pairs, int first, int from, int to) {
        renderVoices(pairs, first, FIRST_EXTRA, extraOutputs, true, from, to);
    }

    /**
     * The program's outputs alone, consecutive: output {@code o} into {@code buses[2·o]} and {@code buses[2·o+1]}
     * (a voice whose output is beyond them plays on output 0); no effect sends.
     */
    public void renderOutputs(float[][] buses, int from, int to) { renderVoices(buses, 0, 1, buses.length / 2 - 1, false, from, to); }

    /** The one render loop ({@link VoiceRender}): every sounding voice into its output's pair, with sends when asked. */
    private void renderVoices(float[][] pairs, int first, int extraAt, int extras, boolean withSends, int from, int to) {
        render.render(trigger.listener(), frameClock, pairs, first, extraAt, extras, withSends, from, to);
        if (pool.active > peakVoices) peakVoices = pool.active;
        frameClock += to - from;
    }

    private final VoiceRender render;

    /** Voices sounding: counted exactly by the last render, plus those started since (no scan of the pool). */
    @Override
    public int activeVoices() { return pool.active; }

    @Override
    public void allSoundOff() {
        pool.active = 0;
        for (int[] h : perNoteHeld) java.util.Arrays.fill(h, 0);
        for (Voice v : voices) if (v.isActive()) v.free();
    }

    /** Tests: the render loop, to switch lock step off or read its counters. */
    VoiceRender voiceRender() { return render; }

    /** Voices stolen (faded out to make room) since the instrument was made. */
    public long voicesStolen() { return pool.stolen; }

    /** Notes not started because every voice, reserve included, was busy. */
    public long notesDropped() { return pool.dropped; }
}
