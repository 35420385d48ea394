package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.FilterLanes;

/**
 * Up to {@link #VOICES} voices rendered over one block in lock step, chunk by chunk and phase by phase: every voice's
 * read ({@link Voice#readChunk}), then their filters — the first filter of each in {@link FilterLanes}, one channel per
 * lane, where it fits; alone where it does not — then every voice's mix, in the order they were added. A frame of the
 * block still receives the voices' sums in slot order, so the output is the same bits as rendering them one after
 * another ({@code VoiceBatchTest}). Voices with a delay inside the block (their chunks start elsewhere) and voices that
 * draw random numbers while they play ({@link Voice#batchable}) render alone. Live instruments only ({@link VoiceRender}:
 * lock step costs more than it saves without the vector lanes, and those do not pay offline). One per instrument, on its
 * render thread; nothing allocates.
 */
final class VoiceBatch {
    static final int VOICES = 4;
    private final Voice[] voices = new Voice[VOICES];
    private final int[] slots = new int[VOICES];
    private final CompiledRegion[] regions = new CompiledRegion[VOICES]; // what each played: an ended voice has let go of it
    private final float[][] outL = new float[VOICES][], outR = new float[VOICES][];
    private final int[] got = new int[VOICES], shift = new int[VOICES]; // shift: block frame i mixes at i + shift
    private final boolean[] inLanes = new boolean[VOICES], ended = new boolean[VOICES];
    private final FilterLanes lanes = new FilterLanes(2 * VOICES, Voice.CHUNK);
    private int count;
    long chunks, laneChannels; // counted for tests: chunks of two or more voices, channels their filters ran in lanes

    /**
     * Adds voice {@code v} (pool slot {@code slot}) mixing the block's frame i into {@code l/r} at i + {@code shift} (a send
     * group's buffers start at the block's first frame); returns whether the batch is now full.
     */
    boolean add(Voice v, int slot, float[] l, float[] r, int shift) {
        this.shift[count] = shift;
        voices[count] = v;
        slots[count] = slot;
        regions[count] = v.region;
        outL[count] = l;
        outR[count] = r;
        ended[count] = false;
        return ++count == VOICES;
    }

    int size() { return count; }
    Voice voice(int k) { return voices[k]; }
    int slot(int k) { return slots[k]; }
    CompiledRegion region(int k) { return regions[k]; }

    /** Renders the batch's voices over frames {@code [from, to)}; then {@link #voice}/{@link #slot} tell them, and {@link #clear}. */
    void render(int from, int to) {
        int sounding = count;
        for (int i = from; i < to && sounding > 0; ) {
            int n = Math.min(Voice.CHUNK, to - i);
            for (int k = 0; k < count; k++) if (!ended[k]) got[k] = voices[k].readChunk(n);
            for (int k = 0; k < count; k++) {
                if (ended[k]) continue;
                inLanes[k] = voices[k].filterInLanes(lanes);
                if (!inLanes[k]) voices[k].filterChunk(got[k]);
            }
            if (count > 1) { chunks++; laneChannels += lanes.size(); }
            // VoiceRender batches only live instruments, whose lanes FilterLanes.warmUp settled; frames past a voice's
            // got are its scratch's leftovers: filtered, never heard (it ends)
            lanes.run(n, true);
            for (int k = 0; k < count; k++) if (!ended[k] && inLanes[k]) voices[k].filterAfterLanes(got[k]);
            for (int k = 0; k < count; k++) {
                if (ended[k] || !voices[k].mixChunk(outL[k], outR[k], i + shift[k], n, got[k])) continue;
                voices[k].endedAt -= shift[k]; // in the block's frames
                ended[k] = true;
                sounding--;
            }
            i += n; // a voice still sounding read all n frames
        }
    }

    void clear() {
        for (int k = 0; k < count; k++) { voices[k] = null; regions[k] = null; outL[k] = outR[k] = null; }
        count = 0;
    }
}
