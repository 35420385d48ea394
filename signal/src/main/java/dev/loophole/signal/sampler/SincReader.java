package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.SincInterpolator;

/**
 * The windowed-sinc read path of a voice: per chunk, gathers the frames the kernel will touch into a
 * contiguous window (through loops, the in-memory head and the stream ring alike), then interpolates.
 * The kernel widens with the pitch ratio when pitching up, so transposed samples stay alias-free; from
 * two octaves' ratio up a voice reads its sample's octave copy instead (see {@link #readOctave}), so the
 * kernel never spans more than twice its taps.
 */
final class SincReader {
    /** Widest ratio the window serves; beyond it a chunk falls back to cubic (16 octaves of stretch is the kernel's limit anyway). */
    static final double MAX_RATIO = 16;
    static final int WINDOW = (int) (Voice.CHUNK * MAX_RATIO) + 2 * (32 * 16 + 2) + 8;

    private SincReader() {}

    /** The shared, immutable interpolator of a sinc quality code (its table is built the first time a quality is asked for). */
    static SincInterpolator interpolator(int quality) {
        return SincInterpolator.shared(8 << Math.min(Math.max(quality - Interpolation.SINC_8, 0), 3));
    }

    /** Interpolates up to {@code n} frames into the voice's scratch buffers; fewer when the sample ends. */
    static int read(SampleRead v, int n, boolean stereo, double step) {
        if (Math.abs(step) >= 2) {
            int got = readOctave(v, n, stereo, step);
            if (got >= 0) return got;
        }
        SincInterpolator sinc = v.sinc();
        double ratio = Math.abs(step), p = v.pos();
        int reach = sinc.reach(ratio);
        double last = p + (n - 1) * step;
        long base = (long) Math.floor(Math.min(p, last)) - reach;
        int count = (int) ((long) Math.floor(Math.max(p, last)) - base) + reach + 2;
        if (count > WINDOW) return -1; // caller falls back (see Voice)
        float[] wl = v.winL(), wr = v.winR(), dl = v.left(), dr = v.right();
        long t = v.straight(base, base + count - 1);
        if (t != LoopPlayhead.NOT_STRAIGHT) { // the window is one run of the head: copy it (the same frames value() gives)
            System.arraycopy(dl, (int) (base + t), wl, 0, count);
            if (stereo) System.arraycopy(dr, (int) (base + t), wr, 0, count);
        } else {
            for (int j = 0; j < count; j++) wl[j] = v.value(dl, base + j);
            if (stereo) for (int j = 0; j < count; j++) wr[j] = v.value(dr, base + j);
        }
        float[] bl = v.bufL, br = v.bufR;
        int k = frames(v, p, last, n, step);
        p = sinc.run(wl, wr, stereo, p, step, 0, 1, base, ratio, kernel(v.offline, sinc, ratio), bl, br, k);
        v.pos(p);
        v.wrapLoop();
        // The next window starts `reach` frames behind the new position: everything below it is done with,
        // so the stream ring may refill over it. Without this the ring never advanced past its first fill.
        if (step > 0) v.streamDoneBelow((long) Math.floor(p) - reach - 1);
        return k;
    }

    /**
     * The same read from octave copy k = floor(log2 |step|) (or the deepest one made): the copy is the sample
     * band-limited to its own half rate and decimated by 2^k, so the kernel reads it at |step| / 2^k, stretched by
     * less than two. A copy's frames are the sample's own positions 0, 2^k, 2·2^k … of the signal as heard (a forward
     * loop unrolled past its end, see {@link OctaveCopies}), so a window is one straight run of it, wraps included.
     * Returns -1 where it cannot serve (no copies: a streamed sample, a loop that turns or crossfades; a voice whose
     * loop was let go; a window past a shortened region's end); the full-rate path reads that chunk.
     */
    private static int readOctave(SampleRead v, int n, boolean stereo, double step) {
        CompiledRegion r = v.region;
        OctaveCopies octaves = r.octaves;
        if (octaves == null) return -1;
        double ratio = Math.abs(step);
        int k = Math.min(octaves.depth(), 31 - Integer.numberOfLeadingZeros((int) Math.min(ratio, 1 << 30)));
        if (k < 1) return -1;
        double scale = 1 << k, s = ratio / scale;
        SincInterpolator sinc = v.sinc();
        int reach = sinc.reach(s);
        double p = v.pos(), last = p + (n - 1) * step;
        long lo = (long) Math.floor(Math.min(p, last)) - (reach + 1L) * (1L << k);
        long hi = (long) Math.floor(Math.max(p, last)) + (reach + 3L) * (1L << k);
        long t = octaves.origin(v, lo, hi, k);
        if (t == LoopPlayhead.NOT_STRAIGHT) return -1;
        if (!octaves.looped() && hi > r.lastFrame && r.lastFrame < r.sample.frames - 1) return -1; // the copy holds the file's frames past `end`
        double x0 = (p + t) / scale, x1 = (last + t) / scale;
        long base = (long) Math.floor(Math.min(x0, x1)) - reach;
        int count = (int) ((long) Math.floor(Math.max(x0, x1)) - base) + reach + 2;
        if (count > WINDOW) return -1;
        float[][] copy = octaves.levels[k - 1];
        float[] wl = v.winL(), wr = v.winR(), bl = v.bufL, br = v.bufR;
        window(copy[0], base, wl, count);
        if (stereo) window(copy[Math.min(1, copy.length - 1)], base, wr, count);
        int j = frames(v, p, last, n, step);
        // x = (p + t) / 2^k − base, as a product by 1/2^k: the same number
        p = sinc.run(wl, wr, stereo, p, step, t, 1 / scale, base, s, kernel(v.offline, sinc, s), bl, br, j);
        v.pos(p);
        v.wrapLoop();
        return j;
    }

    /**
     * The frames of the chunk from {@code p} ({@code last} = its last frame's position) that play: all {@code n} while the
     * voice loops or the chunk lies a frame or more inside the region (the sum of steps rounds by far less than a frame),
     * else up to the first position off either end, found by summing the steps as {@link SincInterpolator#run} does.
     */
    private static int frames(SampleRead v, double p, double last, int n, double step) {
        long end = v.region.lastFrame;
        if (v.looping() || Math.min(p, last) >= 1 && Math.max(p, last) <= end - 1) return n;
        int k = 0;
        for (; k < n && p <= end && p >= 0; k++) p += step;
        return k;
    }

    /**
     * The kernel serving {@code ratio}; offline ({@link VoiceThread}) the stretch tables are made when a voice first reads
     * between octaves (live play prepares them before any voice starts). The same kernel either way: the same bits.
     */
    static int kernel(boolean offline, SincInterpolator sinc, double ratio) {
        int kernel = sinc.kernel(ratio);
        return kernel < 0 && offline && ratio <= 2 ? sinc.prepareStretches().kernel(ratio) : kernel;
    }

    /** {@code dst[0, count)} = {@code src[base, base + count)}, zeros outside the copy (silence before and after the sample). */
    private static void window(float[] src, long base, float[] dst, int count) {
        int from = (int) Math.max(0, Math.min(count, -base));
        int to = (int) Math.max(from, Math.min(count, src.length - base));
        java.util.Arrays.fill(dst, 0, from, 0f);
        if (to > from) System.arraycopy(src, (int) (base + from), dst, from, to - from);
        java.util.Arrays.fill(dst, to, count, 0f);
    }
}
