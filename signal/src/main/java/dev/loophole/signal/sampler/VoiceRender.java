package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.Simd;

/**
 * The instrument's one render loop over its pool's front: each sounding voice into its output's pair (and its effect
 * sends into their groups), voices that can in lock step with their neighbours ({@link VoiceBatch}), the rest alone, every
 * frame of a pair summing its voices in slot order whichever way they ran. Counts the voices still sounding and the
 * front they end at, and sets them in the pool when done (it owns both: {@link VoicePool#active}, {@link VoicePool#live}),
 * and reports those that ended. On the render thread; nothing allocates.
 */
final class VoiceRender {
    private final Voice[] voices;
    private final VoicePool pool;
    private final VoiceBatch batch;
    private final SendMixer sends = new SendMixer();
    private boolean batching = true; // tests compare the lock-step render with voices rendered one after another
    private VoiceListener listener;   // during a render
    private long frameClock;          // the block's first frame, for the listener

    private final boolean offline;
    // The render's running count and its last sounding slot: the pool's are set once, at its end, since a control thread
    // reads the count (activeVoices: meters, an audition waiting for silence) and must never see a render half counted.
    private int counted, lastSounding;

    /** {@code offline}: an offline render's voices ({@link VoiceThread#OFFLINE}), which never run in lock step. */
    VoiceRender(Voice[] voices, VoicePool pool, boolean offline) {
        this.voices = voices;
        this.pool = pool;
        this.batch = new VoiceBatch();
        this.offline = offline;
    }

    /**
     * Each voice into its output's pair — program output {@code o} (1..{@code extras}) at pair
     * {@code first + extraAt + o − 1}, everything else at pair {@code first} — and, with {@code withSends}, its effect
     * sends into pairs {@code first + 1} and {@code first + 2}. The pool's front and count are the render's after it.
     * No allocation.
     */
    void render(VoiceListener listener, long frameClock, float[][] pairs, int first, int extraAt, int extras, boolean withSends,
               int from, int to) {
        this.listener = listener;
        this.frameClock = frameClock;
        // Lock step pays only with the filters in vector lanes (with each filter alone it cost the GM song 12 %), and those
        // only live: warmed up with the instrument; offline their warm-up and compile (0.3 s CPU) outweigh what they save
        boolean lockStep = batching && Simd.VECTOR && !offline;
        counted = 0;
        lastSounding = -1;
        float[] ml = pairs[2 * first], mr = pairs[2 * first + 1];
        boolean grouped = withSends && to - from <= SendMixer.FRAMES;
        if (grouped) sends.begin(to - from);
        for (int i = 0, n = pool.live; i < n; i++) {
            Voice v = voices[i];
            if (!v.isActive()) continue;
            CompiledRegion r = v.region;
            float[] dl = ml, dr = mr;
            int o = r.output, shift = 0;
            if (o > 0 && o <= extras) { int p = first + extraAt + o - 1; dl = pairs[2 * p]; dr = pairs[2 * p + 1]; }
            if (withSends && r.sends != Sends.NONE) {
                float reverb = r.sends.level(Sends.REVERB, v.ccValues), chorus = r.sends.level(Sends.CHORUS, v.ccValues);
                if (reverb != 0 || chorus != 0) {
                    // into the group of voices sending at its levels (frames from 0); the groups' dry mix ends on the main
                    // pair, so a voice on another output, or with no group free, sends alone through scratch
                    int g = grouped && dl == ml ? sends.group(reverb, chorus) : -1;
                    if (g < 0) {
                        if (batch.size() > 0) renderBatch(from, to);
                        sends.renderAlone(v, reverb, chorus, dl, dr, pairs[2 * first + 2], pairs[2 * first + 3], pairs[2 * first + 4], pairs[2 * first + 5], from, to);
                        rendered(v, r, i, from);
                        continue;
                    }
                    dl = sends.left(g); dr = sends.right(g); shift = -from;
                }
            }
            if (lockStep && v.delayFrames() == 0 && v.batchable()) { // in lock step with its neighbours
                if (batch.add(v, i, dl, dr, shift)) renderBatch(from, to);
                continue;
            }
            if (batch.size() > 0) renderBatch(from, to); // the voices before it first: each frame sums them in slot order
            v.render(dl, dr, from + shift, to + shift);
            if (!v.isActive()) v.endedAt -= shift; // in the block's frames
            rendered(v, r, i, from);
        }
        if (batch.size() > 0) renderBatch(from, to);
        if (grouped) sends.finish(ml, mr, pairs[2 * first + 2], pairs[2 * first + 3], pairs[2 * first + 4], pairs[2 * first + 5], from);
        this.listener = null;
        pool.active = counted;
        pool.live = lastSounding + 1; // every slot from there on is free
    }

    private void renderBatch(int from, int to) {
        batch.render(from, to);
        for (int k = 0; k < batch.size(); k++) rendered(batch.voice(k), batch.region(k), batch.slot(k), from);
        batch.clear();
    }

    /** After voice {@code v} (slot {@code slot}, playing {@code r}) rendered the block: counted if it sounds on, reported if it ended. */
    private void rendered(Voice v, CompiledRegion r, int slot, int from) {
        if (v.isActive()) { counted++; lastSounding = slot; }
        else if (listener != null) listener.stopped(r.source.regionId(), v.channel, v.key, frameClock + v.endedAt - from);
    }



    /** Tests: whether voices render in lock step (the default) or each alone; the same bits either way. */
    void batching(boolean on) { batching = on; }

    /** Tests: chunks rendered in lock step and, of their voices' first filters, how many channels ran in lanes. */
    long batchedChunks() { return batch.chunks; }
    long laneChannels() { return batch.laneChannels; }
}
