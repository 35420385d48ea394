package dev.loophole.signal.sampler;

/**
 * The sampler's voices as a pool: who plays the next note, and who makes room. Region polyphony limits
 * fade the oldest voices of their group; over the instrument's cap the oldest sounding voice fades (never
 * cut) while the new one takes a reserve slot. Audio thread; nothing here allocates.
 */
final class VoicePool {
    private final Voice[] voices;
    private final int fadeFrames;
    long stolen, dropped;
    // Voices at slots >= live are all free: the pool hands out the lowest free slot, so sounding voices gather at the
    // front and loops over them stop there instead of visiting every slot (320 per SoundFont preset) per block.
    int live;
    // Voices sounding: counted exactly by the last render, plus those started since (no scan of the pool). Written by
    // the render thread only; volatile because control threads read it (meters, an audition waiting for silence).
    volatile int active;

    VoicePool(Voice[] voices, int fadeFrames) {
        this.voices = voices;
        this.fadeFrames = fadeFrames;
    }

    /**
     * Region {@code polyphony} / {@code note_polyphony}: fade the oldest voices over the limit. With
     * {@code note_selfmask} on (the default) a softer note never silences a louder one of its key.
     */
    void limitRegion(CompiledRegion r, int key, int velocity) {
        int same = 0, sameKey = 0;
        for (int i = 0; i < live; i++) { // slots past live are free
            Voice v = voices[i];
            if (!v.isActive() || v.isFading() || !samePolyphonyGroup(v.region, r)) continue;
            same++;
            if (v.key == key) sameKey++;
        }
        while ((r.polyphony > 0 && same >= r.polyphony) || (r.notePolyphony > 0 && sameKey >= r.notePolyphony)) {
            boolean byKey = !(r.polyphony > 0 && same >= r.polyphony);
            Voice oldest = null;
            for (int i = 0; i < live; i++) {
                Voice v = voices[i];
                if (!v.isActive() || v.isFading() || !samePolyphonyGroup(v.region, r)) continue;
                if (byKey && v.key != key) continue;
                if (byKey && r.noteSelfmask && v.velocity > velocity) continue;
                if (oldest == null || v.age < oldest.age) oldest = v;
            }
            if (oldest == null) break;
            if (oldest.key == key) sameKey--;
            same--;
            oldest.fadeOut(fadeFrames);
        }
    }

    /** SFZ polyphony groups: regions sharing a {@code group=} number share their limits; ungrouped regions count alone. */
    private static boolean samePolyphonyGroup(CompiledRegion a, CompiledRegion b) {
        return b.chokeGroup != 0 ? a.chokeGroup == b.chokeGroup : a == b;
    }

    /** Below this level (-60 dB) a fading voice may be cut outright without an audible click. */
    static final float INAUDIBLE = 1e-3f;

    /**
     * A free voice, or null. Over the polyphony cap the oldest sounding voice fades out (never cut)
     * while the new one takes a reserve slot. With the reserve full too, a fading voice already below
     * -60 dB is reused; failing that the new note is dropped and counted: under overload the
     * instrument loses notes, never the smoothness of the stream.
     */
    Voice allocate(int cap, VoiceListener listener, long frameClock) {
        int sounding = 0;
        Voice free = null, oldest = null, quietestFading = null;
        float quietest = Float.MAX_VALUE;
        for (int i = 0; i < live; i++) { // slots past live are free: the lowest of them is voices[live]
            Voice v = voices[i];
            if (!v.isActive()) { if (free == null) free = v; continue; }
            if (v.isFading()) {
                float l = v.loudness();
                if (l < quietest) { quietest = l; quietestFading = v; }
                continue;
            }
            sounding++;
            if (oldest == null || v.age < oldest.age) oldest = v;
        }
        if (free == null && live < voices.length) free = voices[live];
        Voice slot = free;
        if (slot == null && quietestFading != null && quietest < INAUDIBLE) {
            if (listener != null) listener.stopped(quietestFading.region.source.regionId(), quietestFading.channel, quietestFading.key, frameClock);
            quietestFading.free();
            slot = quietestFading;
        }
        if (slot == null) { dropped++; return null; } // nothing stolen for a note that cannot start
        if (sounding >= cap && oldest != null) { oldest.fadeOut(fadeFrames); stolen++; }
        return slot;
    }
}
