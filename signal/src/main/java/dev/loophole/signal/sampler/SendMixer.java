package dev.loophole.signal.sampler;

import java.util.Arrays;

/**
 * Mixes the voices that send into the dry pair and the two send pairs, a group at a time. Voices whose
 * send levels are equal (in a SoundFont bank: every voice of a channel, through its CC91/CC93) render
 * into one scratch pair, which is then added once to the dry pair and, scaled, to each send pair — one
 * six-way mix per group and block rather than per voice. Preallocated; the audio thread allocates nothing.
 */
final class SendMixer {
    /** Frames a group holds; longer blocks go through the one-voice path piece by piece. */
    static final int FRAMES = 256;
    private static final int GROUPS = 8;

    // groups 0..GROUPS-1 collect voices; the last pair is the one-voice path's scratch
    private final float[][] left = new float[GROUPS + 1][FRAMES], right = new float[GROUPS + 1][FRAMES];
    private final float[] reverb = new float[GROUPS + 1], chorus = new float[GROUPS + 1];
    private int count, frames;

    /** Starts a block of {@code frames} frames (at most {@link #FRAMES}) with no group. */
    void begin(int frames) {
        this.frames = frames;
        count = 0;
    }

    /** The group sending at these levels, opened (silent) if there is none yet; -1 when every group is taken. */
    int group(float reverbLevel, float chorusLevel) {
        for (int g = 0; g < count; g++) if (reverb[g] == reverbLevel && chorus[g] == chorusLevel) return g;
        if (count == GROUPS) return -1;
        int g = count++;
        reverb[g] = reverbLevel;
        chorus[g] = chorusLevel;
        Arrays.fill(left[g], 0, frames, 0f);
        Arrays.fill(right[g], 0, frames, 0f);
        return g;
    }

    float[] left(int g) { return left[g]; }
    float[] right(int g) { return right[g]; }

    /** Adds every group to the dry pair and the send pairs at block frames {@code [at, at + frames)}. */
    void finish(float[] dryL, float[] dryR, float[] revL, float[] revR, float[] choL, float[] choR, int at) {
        for (int g = 0; g < count; g++) mix(g, frames, dryL, dryR, revL, revR, choL, choR, at);
        count = 0;
    }

    /**
     * One voice alone (every group taken, or a block longer than a group): rendered into scratch piece by
     * piece and mixed at once. If the voice ends, its {@code endedAt} is in block frames.
     */
    void renderAlone(Voice v, float reverbLevel, float chorusLevel, float[] dryL, float[] dryR,
                     float[] revL, float[] revR, float[] choL, float[] choR, int from, int to) {
        int s = GROUPS;
        reverb[s] = reverbLevel;
        chorus[s] = chorusLevel;
        for (int at = from; at < to && v.isActive(); ) {
            int n = Math.min(FRAMES, to - at);
            Arrays.fill(left[s], 0, n, 0f);
            Arrays.fill(right[s], 0, n, 0f);
            v.render(left[s], right[s], 0, n);
            if (!v.isActive()) v.endedAt += at; // it ended inside this piece: where, in the block's frames
            mix(s, n, dryL, dryR, revL, revR, choL, choR, at);
            at += n;
        }
    }

    private void mix(int g, int n, float[] dryL, float[] dryR, float[] revL, float[] revR, float[] choL, float[] choR, int at) {
        float[] l = left[g], r = right[g];
        float rv = reverb[g], ch = chorus[g];
        for (int i = 0; i < n; i++) {
            float a = l[i], b = r[i];
            dryL[at + i] += a; dryR[at + i] += b;
            revL[at + i] += rv * a; revR[at + i] += rv * b;
            choL[at + i] += ch * a; choR[at + i] += ch * b;
        }
    }
}
