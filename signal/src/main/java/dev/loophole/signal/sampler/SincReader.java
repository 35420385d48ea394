package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.SincInterpolator;

/**
 * The windowed-sinc read path of a voice: per chunk, gathers the frames the kernel will touch into a
 * contiguous window (through loops, the in-memory head and the stream ring alike), then interpolates.
 * The kernel widens with the pitch ratio when pitching up, so transposed samples stay alias-free.
 */
final class SincReader {
    /** Widest ratio the window serves; beyond it a chunk falls back to cubic (16 octaves of stretch is the kernel's limit anyway). */
    static final double MAX_RATIO = 16;
    static final int WINDOW = (int) (Voice.CHUNK * MAX_RATIO) + 2 * (32 * 16 + 2) + 8;

    private static final SincInterpolator[] SHARED = {
        new SincInterpolator(8), new SincInterpolator(16), new SincInterpolator(32), new SincInterpolator(64)};

    private SincReader() {}

    /** The shared, immutable interpolator of a sinc quality code. */
    static SincInterpolator interpolator(int quality) {
        return SHARED[Math.min(Math.max(quality - Interpolation.SINC_8, 0), 3)];
    }

    /** Interpolates up to {@code n} frames into the voice's scratch buffers; fewer when the sample ends. */
    static int read(Voice v, int n, boolean stereo, double step) {
        CompiledRegion r = v.region;
        SincInterpolator sinc = v.sinc();
        double ratio = Math.abs(step), p = v.pos();
        int reach = sinc.reach(ratio);
        double last = p + (n - 1) * step;
        long base = (long) Math.floor(Math.min(p, last)) - reach;
        int count = (int) ((long) Math.floor(Math.max(p, last)) - base) + reach + 2;
        if (count > WINDOW) return -1; // caller falls back (see Voice)
        float[] wl = v.winL(), wr = v.winR(), dl = v.left(), dr = v.right();
        for (int j = 0; j < count; j++) wl[j] = v.value(dl, base + j);
        if (stereo) for (int j = 0; j < count; j++) wr[j] = v.value(dr, base + j);
        float[] bl = v.bufL(), br = v.bufR();
        boolean looping = v.looping();
        int k = 0;
        for (; k < n; k++) {
            if (!looping && (p > r.lastFrame || p < 0)) break;
            double x = p - base;
            bl[k] = sinc.sample(wl, x, ratio);
            if (stereo) br[k] = sinc.sample(wr, x, ratio);
            p += step;
        }
        v.pos(p);
        v.wrapLoop();
        // The next window starts `reach` frames behind the new position: everything below it is done with,
        // so the stream ring may refill over it. Without this the ring never advanced past its first fill.
        if (step > 0) v.streamDoneBelow((long) Math.floor(p) - reach - 1);
        return k;
    }
}
