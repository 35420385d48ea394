package dev.loophole.signal.sampler;

/**
 * SFZ {@code loop_crossfade} for a forward loop, computed once on the control side: the last
 * {@link #frames} frames of the loop ({@code loopEnd - frames + 1 .. loopEnd}) blended with the same
 * number of frames just before {@code loopStart}. At the loop end the blend is entirely the frame
 * before the loop start, so the wrap to {@code loopStart} continues the recording where it really
 * continues: no step, whatever the two ends look like. The sample's own arrays are shared between
 * regions and never written; this is a separate copy.
 *
 * <p><b>Curve.</b> Raised cosine, gains summing to 1 (constant amplitude, not constant power): the
 * material at a loop point is strongly correlated with what precedes the loop start — that is what
 * makes it a loop point — and for correlated signals equal-power gains would swell the level by up
 * to 3 dB halfway through. The cosine's zero slope at both ends also leaves no kink in the level
 * where the fade begins. (sfizz uses the same curve.)
 *
 * <p><b>Layout.</b> {@link #ext} holds the frames the voice reads in unwrapped loop coordinates
 * {@code start - GUARD .. loopEnd + 2}: {@code GUARD} raw frames before the blend, the blend, then the
 * loop's first frames as they follow the wrap. The interpolation kernels can run straight over it.
 */
final class LoopTail {
    /** Raw frames kept before the blend so a cubic kernel (one neighbour back) runs on from the plain sample. */
    static final int GUARD = 3;
    /** Frames after the loop end (the loop's start, wrapped) for the right-hand neighbours. */
    static final int AFTER = 2;

    final long start;    // first blended frame, loopEnd - frames + 1
    final int frames;
    final float[][] ext; // per channel: unwrapped frames start - GUARD .. loopEnd + AFTER

    private LoopTail(long start, int frames, float[][] ext) {
        this.start = start;
        this.frames = frames;
        this.ext = ext;
    }

    /**
     * The crossfade of {@code seconds} (in the sample's own time) for the loop {@code ls..le}, or null
     * when there is none. It is shortened to the frames available before the loop start and to one
     * frame less than the loop, and left out when the loop is not in memory.
     */
    static LoopTail of(SampleData s, long ls, long le, double seconds, java.util.Map<Key, LoopTail> shared) {
        int x = framesFor(s, ls, le, seconds);
        if (x <= 0) return null;
        return shared.computeIfAbsent(new Key(s, ls, le, x), k -> build(s, ls, le, x));
    }

    /** Regions naming the same sample, loop and fade share one tail. SampleData compares by identity. */
    record Key(SampleData sample, long ls, long le, int frames) {}

    /** The frames the fade gets: {@code seconds} shortened as {@link #of} says; 0 for none. */
    static int framesFor(SampleData s, long ls, long le, double seconds) {
        long n = le - ls + 1;
        long want = Math.round(seconds * s.sampleRate());
        int x = (int) Math.max(0, Math.min(Math.min(want, ls), n - 1));
        return le + 1 > s.headFrames() ? 0 : x;
    }

    private static LoopTail build(SampleData s, long ls, long le, int x) {
        long n = le - ls + 1;
        long start = le - x + 1;
        float[][] ext = new float[s.channelCount()][GUARD + x + AFTER];
        for (int c = 0; c < ext.length; c++) {
            float[] d = s.channels[c], out = ext[c];
            float[] blend = new float[x];
            for (int j = 0; j < x; j++) {
                double t = (j + 1) / (double) x;            // reaches 1 on the loop end itself
                double g = 0.5 * (1 - Math.cos(Math.PI * t)); // gain of the pre-start material
                blend[j] = (float) ((1 - g) * d[(int) (start + j)] + g * d[(int) (ls - x + j)]);
            }
            for (int k = 0; k < out.length; k++) {
                long v = start - GUARD + k;                            // unwrapped loop coordinate
                long f = v > le ? ls + (v - le - 1) % n : v;           // the frame it plays
                out[k] = f >= start ? blend[(int) (f - start)] : f < 0 ? 0f : d[(int) f];
            }
        }
        return new LoopTail(start, x, ext);
    }

    /** Frame {@code f} (start ≤ f ≤ loopEnd) of channel {@code c}, blended. */
    float blended(int c, long f) {
        return ext[c][(int) (f - start) + GUARD];
    }
}
