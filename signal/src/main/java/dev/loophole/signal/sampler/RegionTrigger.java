package dev.loophole.signal.sampler;

import dev.loophole.model.RoundRobin;
import dev.loophole.model.Trigger;
import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.Rng;

/**
 * Which regions an event sounds, and their voices started: SFZ's region selection (key, velocity, channel, CC,
 * bend, aftertouch, random, round robin/sequence, trigger, release triggers and rt_decay), then per voice its
 * chokes ({@code off_by}), polyphony limits and stealing, and its random draws. Audio thread; allocates nothing.
 */
final class RegionTrigger {
    private final Voice[] voices;
    private final VoicePool pool;
    private final ChannelState[] channels;
    private final Rng rng;
    private final int sampleRate;
    private final int polyphony;
    private long ageCounter;
    private long eventCounter;
    private double bpm = 120;
    private int quality = Interpolation.CUBIC;
    private VoiceListener listener;
    // Per-note expression: the id and 16-bit velocity of the note being started (-1: a plain note).
    private int noteId = -1;
    private int velocity16 = -1;

    RegionTrigger(Voice[] voices, VoicePool pool, ChannelState[] channels, Rng rng, int sampleRate, int polyphony) {
        this.voices = voices;
        this.pool = pool;
        this.channels = channels;
        this.rng = rng;
        this.sampleRate = sampleRate;
        this.polyphony = polyphony;
    }

    void tempo(double bpm) { this.bpm = bpm; }

    void quality(int quality) { this.quality = quality; }

    int quality() { return quality; }

    void listener(VoiceListener l) { this.listener = l; }

    VoiceListener listener() { return listener; }

    /** The id and 16-bit velocity the next voices start with; -1, -1 after a per-note note-on. */
    void perNote(int noteId, int velocity16) {
        this.noteId = noteId;
        this.velocity16 = velocity16;
    }

    /** Regions a note event sounds: its attack ({@code FIRST}/{@code LEGATO}) or a release ({@code RELEASE}/{@code RELEASE_KEY}). */
    void note(Patch p, int channel, int key, int velocity, Trigger noteTrigger, double heldSeconds, long now) {
        ChannelState cs = channels[channel];
        double rand = rng.nextDouble();
        eventCounter++;
        boolean release = noteTrigger == Trigger.RELEASE || noteTrigger == Trigger.RELEASE_KEY;
        boolean attackAlive = release && attackVoiceSounding(channel, key);
        int rrPosition = -1; // this note's random round-robin position (0-based), drawn when a cycle first asks
        for (int idx : p.byKey[key]) {
            CompiledRegion r = p.regions[idx];
            if (!r.when.noteTriggered) continue;
            Trigger t = r.trigger;
            if (release) {
                if (t != noteTrigger) continue;
                if (!attackAlive && !r.rtDead) continue; // the note already died away: no release noise
            } else {
                if (t == Trigger.RELEASE || t == Trigger.RELEASE_KEY) continue;
                if (t == Trigger.FIRST && noteTrigger != Trigger.FIRST) continue;
                if (t == Trigger.LEGATO && noteTrigger != Trigger.LEGATO) continue;
            }
            if (!r.matchesKeyVel(channel + 1, key, velocity)) continue;
            if (cs.bendRaw - 8192 < r.bendLo || cs.bendRaw - 8192 > r.bendHi) continue;
            if (!r.ccsMatch(cs.cc) || !r.when.allow(cs, bpm) || !r.when.allowPolyAftertouch(cs.polyPressure[key])) continue;
            if (rand < r.randLo || (rand >= r.randHi && r.randHi < 1)) continue;
            if (r.seqLength > 1) {
                if (p.roundRobin == RoundRobin.SEQUENTIAL) {
                    int n = p.seqCounters[idx]++;
                    if (n % r.seqLength != r.seqPosition - 1) continue;
                } else {
                    if (rrPosition < 0) rrPosition = p.lastRandomPosition[key] = randomPosition(p.roundRobin, r.seqLength, p.lastRandomPosition[key]);
                    if (rrPosition % r.seqLength != r.seqPosition - 1) continue;
                }
            }
            if (r.disabled) { choke(r); continue; } // a silent region (end=-1/0) still mutes its off_by targets
            float extra = 1f;
            if (release && r.rtDecay > 0) extra = (float) Math.pow(10, -r.rtDecay * heldSeconds / 20);
            startVoice(p, r, channel, key, velocity, cs.bend, extra, now);
            for (CompiledRegion mic : r.mics) startVoice(p, mic, channel, key, velocity, cs.bend, extra, now); // multi-mic: all play
        }
    }

    /** Regions a controller move sounds ({@code on_locc}/{@code on_hicc}), at their key center with the value as velocity. */
    void controller(Patch p, int channel, int controller, int before, int value, long now) {
        ChannelState cs = channels[channel];
        for (int idx : p.ccTriggered) {
            CompiledRegion r = p.regions[idx];
            if (r.when.triggeredBy(controller, before, value) && r.matchesChannel(channel + 1) && r.when.allow(cs, bpm))
                startVoice(p, r, channel, r.pitchKeycenter, Math.max(1, value), cs.bend, 1f, now);
        }
    }

    /** A position 0..length-1; without repeats, any but {@code last}, each equally likely. */
    private int randomPosition(RoundRobin mode, int length, int last) {
        if (mode == RoundRobin.RANDOM || last < 0 || last >= length) return Math.min(length - 1, (int) (rng.nextDouble() * length));
        int n = Math.min(length - 2, (int) (rng.nextDouble() * (length - 1)));
        return n >= last ? n + 1 : n;
    }

    private void choke(CompiledRegion r) {
        if (r.chokeGroup == 0) return;
        for (int i = 0; i < pool.live; i++) { // every sounding voice is before live
            Voice v = voices[i];
            if (v.isActive() && v.region.offBy == r.chokeGroup && v.event != eventCounter) v.choke();
        }
    }

    private boolean attackVoiceSounding(int channel, int key) {
        for (int i = 0; i < pool.live; i++) {
            Voice v = voices[i];
            if (v.isActive() && v.channel == channel && v.key == key && !v.isFading()
                    && v.region.trigger != Trigger.RELEASE && v.region.trigger != Trigger.RELEASE_KEY) return true;
        }
        return false;
    }

    private void startVoice(Patch p, CompiledRegion r, int channel, int key, int velocity, double bend, float extraGain, long now) {
        choke(r);
        if (r.polyphony > 0 || r.notePolyphony > 0) pool.limitRegion(r, key, velocity);
        Voice v = pool.allocate(p.polyphony > 0 ? Math.min(polyphony, p.polyphony) : polyphony, listener, now);
        if (v == null) return;
        if (!v.isActive()) pool.active++;
        ChannelState cs = channels[channel];
        v.ccValues = cs.cc;
        v.chan = cs;
        v.noteId = noteId;
        v.noteExpr.begin(p.expression);
        if (velocity16 >= 0) extraGain *= CompiledRegion.fineVelocityGain(r.ampVeltrack, velocity, velocity16);
        double randomDb = r.ampRandom > 0 ? rng.nextDouble() * r.ampRandom : 0;
        long offsetExtra = r.offsetRandom > 0 ? (long) (rng.nextDouble() * (r.offsetRandom + 1)) : 0;
        int delayExtra = r.delayRandom > 0 ? (int) Math.round(rng.nextDouble() * r.delayRandom * sampleRate) : 0;
        int keyDelta = cs.previousKey >= 0 ? key - cs.previousKey : 0;
        v.start(r, channel, key, velocity, bend, randomDb, offsetExtra, delayExtra, extraGain, ++ageCounter, quality,
                cs.noteOns & 1, keyDelta);
        if (v.slot >= pool.live) pool.live = v.slot + 1;
        v.event = eventCounter;
        if (listener != null) listener.started(r.source.regionId(), channel, key, velocity, now + v.delayFrames());
    }
}
