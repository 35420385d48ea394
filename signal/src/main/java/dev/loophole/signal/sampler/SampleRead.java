package dev.loophole.signal.sampler;

import dev.loophole.signal.dsp.Interpolation;

/**
 * One voice's read of its sample: where it is (an unwrapped position, folded through the loop by {@link LoopPlayhead}),
 * what it reads (the in-memory head, past it the stream slot's ring, a loop's crossfaded tail) and how (cubic and
 * lower through the run kernels, the sinc qualities through {@link SincReader}), into the chunk's scratch
 * {@link #bufL}/{@link #bufR}. The voice sets the step (pitch) each chunk; nothing here allocates.
 */
final class SampleRead {
    private final Voice owner;   // faded out when its stream does not keep up
    private final int rate;
    CompiledRegion region;
    private float[] left, right; // sample channels (right == left for mono): the in-memory head
    private final dev.loophole.signal.store.StreamSlot stream; // null when the instrument does not stream
    private boolean streaming;   // this voice reads past the head from its stream slot
    private long headEnd;        // frames [0, headEnd) are in memory
    private double pos;
    private final LoopPlayhead loop = new LoopPlayhead(); // loop position logic; pos is in its unwrapped coordinates
    private int quality = Interpolation.CUBIC;
    private dev.loophole.signal.dsp.SincInterpolator sinc; // set for the sinc qualities (offline: at the first sinc read)
    // The sinc path's gather window (12 KB): scratch within one read, so the instrument's voices, which render one
    // after another on one thread, share one pair instead of holding 3,200 pairs in a 12-program bank.
    private final float[] winL, winR;
    /** The chunk's frames as read (and then filtered in place). */
    final float[] bufL = new float[Voice.CHUNK], bufR = new float[Voice.CHUNK];
    private final int[] at = new int[Voice.CHUNK]; // the cubic read's frame indices (CubicRun)
    /** Offline ({@link VoiceThread}): the interpolator's stretch tables are made when first needed. */
    final boolean offline;
    private final ScalarStart scalarStart;

    SampleRead(Voice owner, int rate, dev.loophole.signal.store.StreamSlot stream, float[][] sincWindow, boolean offline, ScalarStart scalarStart) {
        this.owner = owner;
        this.rate = rate;
        this.stream = stream;
        this.winL = sincWindow[0];
        this.winR = sincWindow[1];
        this.offline = offline;
        this.scalarStart = scalarStart;
    }

    /** A note starts region {@code r} at {@code quality}, {@code offsetExtra} frames past its offset. */
    void start(CompiledRegion r, int quality, long offsetExtra, boolean releaseTriggered) {
        region = r;
        this.quality = quality;
        // Offline the interpolator (its table) is made at the first read that needs it: a voice reading exact frames never does
        sinc = quality >= Interpolation.SINC_8 && !offline ? SincReader.interpolator(quality) : null;
        SampleData s = r.sample;
        left = s.channels[0];
        right = s.channels.length > 1 ? s.channels[1] : s.channels[0];
        headEnd = s.headFrames();
        streaming = s.streamed() && stream != null;
        if (streaming) stream.start(s, headEnd - dev.loophole.signal.store.StreamSlot.HISTORY_FRAMES);
        long start = Math.min(r.offset + offsetExtra, r.lastFrame);
        pos = r.reverse ? r.lastFrame - start : start;
        loop.start(r, r.loopsAtStart && !r.reverse && !(releaseTriggered && r.loopMode.loops()));
    }

    boolean stereo() { return left != right; }

    /** A sustain loop lets go: the voice plays on to the end. */
    void releaseLoop() { loop.release(pos); }

    /** The voice ended. */
    void stop() {
        if (streaming) { stream.stop(); streaming = false; }
        region = null;
        left = right = null;
    }

    /** The next {@code n} frames at {@code step} into the scratch; returns the frames read (fewer when the sample ends). */
    int next(int n, double step) {
        boolean stereo = left != right;
        // Sinc, except where the voice reads exact frames at its own rate (bit-exact, and cheaper).
        int got = quality >= Interpolation.SINC_8 && !(step == 1.0 && pos == Math.floor(pos)) ? SincReader.read(this, n, stereo, step) : -1;
        return got >= 0 ? got : interpolate(n, stereo, step);
    }

    /**
     * Interpolates up to {@code n} frames into the scratch buffers; fewer when the sample ends.
     * Runs of frames whose four neighbours lie on one straight stretch of memory take a tight loop of
     * plain array reads; only frames next to a loop point, a turn or the sample's ends take the careful path.
     */
    private int interpolate(int n, boolean stereo, double step) {
        final CompiledRegion r = region;
        final float[] dl = left, dr = right;
        int k = 0;
        while (k < n) {
            pos = loop.fold(pos);
            boolean looping = loop.active();
            if (!looping && (pos > r.lastFrame || pos < 0)) return k;
            int fast = 0;
            if (looping && step > 0) {
                fast = loop.fastRun(pos, step, n - k, Math.min(r.lastFrame, headEnd - 1));
                if (fast > 0) {
                    boolean t = loop.runTail;
                    float[] cl = t ? loop.tailChannel(0) : dl, cr = t ? loop.tailChannel(1) : dr;
                    if (loop.runSign == 1) { // forward: the kernel sums the voice's own position (no second loop)
                        pos = run(cl, cr, stereo, k, k + fast, pos, loop.runOffset, step);
                    } else { // a backward pass reads mirrored: add the voice's position up as the careful path does
                        run(cl, cr, stereo, k, k + fast, loop.runOffset - pos, 0, -step);
                        for (int j = 0; j < fast; j++) pos += step;
                    }
                    k += fast;
                    continue;
                }
            } else if (step > 0 && pos >= 1) {
                long limit = Math.min(r.lastFrame, headEnd - 1); // idx + 2 must stay <= limit
                double room = (limit - 1) - pos;                  // positions p < limit - 1 have idx <= limit - 2
                if (room > 0) fast = (int) Math.min(n - k, Math.ceil(room / step));
                else if (streaming) {
                    int ringRun = ringRun(n - k, step);
                    if (ringRun > 0) {
                        pos = ringRead(k, k + ringRun, stereo, quality >= Interpolation.CUBIC, step);
                        k += ringRun;
                        continue;
                    }
                }
            }
            if (fast > 0) {
                pos = run(dl, dr, stereo, k, k + fast, pos, 0, step);
                k += fast;
            } else {
                long idx = (long) Math.floor(pos);
                double f = pos - idx;
                bufL[k] = sampleAt(dl, idx, f);
                if (stereo) bufR[k] = sampleAt(dr, idx, f);
                pos += step;
                k++;
            }
        }
        if (streaming && !loop.active()) stream.release((long) pos - 2);
        return k;
    }

    /**
     * Frames {@code [from, to)} of a straight run from channels {@code l} (and {@code r} when stereo) read at
     * {@code p + offset}, summing {@code step} from {@code p}, into the scratch buffers; returns the sum after the run.
     */
    private double run(float[] l, float[] r, boolean stereo, int from, int to, double p, double offset, double step) {
        if (quality >= Interpolation.CUBIC) return CubicRun.run(l, stereo ? r : null, bufL, bufR, from, to, p, offset, step, at, vector());
        // offset 0 through Kernels.run: a backward nearest read rounds halfway positions the way it travels
        double end = offset == 0 ? Kernels.run(quality, l, bufL, from, to, p, step) : Kernels.runShifted(quality, l, bufL, from, to, p, offset, step);
        if (stereo) {
            if (offset == 0) Kernels.run(quality, r, bufR, from, to, p, step);
            else Kernels.runShifted(quality, r, bufR, from, to, p, offset, step);
        }
        return end;
    }

    /** Frames from the current position that the stream ring can serve with all four neighbours present. */
    private int ringRun(int max, double step) {
        long avail = Math.min(stream.written(), region.lastFrame + 1); // frames < avail are readable
        double room = (avail - 2) - pos;                               // idx + 2 <= avail - 1
        if (room <= 0 || (long) pos - 1 < stream.start()) return 0;
        return (int) Math.min(max, Math.ceil(room / step));
    }

    private double ringRead(int from, int to, boolean stereo, boolean cubic, double step) {
        double p = pos;
        double end = cubic ? Kernels.cubicRing(stream.channel(0), bufL, from, to, p, step)
                : Kernels.linearRing(stream.channel(0), bufL, from, to, p, step);
        if (stereo) {
            if (cubic) Kernels.cubicRing(stream.channel(1), bufR, from, to, p, step);
            else Kernels.linearRing(stream.channel(1), bufR, from, to, p, step);
        }
        stream.release((long) end - 2);
        return end;
    }

    /** The interpolated value at unwrapped position idx + f, neighbours taken through the loop. */
    private float sampleAt(float[] d, long idx, double f) {
        if (quality == Interpolation.NEAREST) return value(d, f >= 0.5 ? idx + 1 : idx); // as the kernels round
        float ff = (float) f;
        return quality >= Interpolation.CUBIC
                ? Interpolation.hermite(value(d, idx - 1), value(d, idx), value(d, idx + 1), value(d, idx + 2), ff)
                : Interpolation.linear(value(d, idx), value(d, idx + 1), ff);
    }

    /** Whether the Vector API forms may run now (live: always, they were warmed up; offline: see {@link ScalarStart}). */
    private boolean vector() { return scalarStart == null || scalarStart.warm(); }

    // --- for SincReader: the read state and the sample access ---
    double pos() { return pos; }
    void pos(double p) { pos = p; }
    boolean looping() { return loop.active(); }
    float[] left() { return left; }
    float[] right() { return right; }
    float[] winL() { return winL; }
    float[] winR() { return winR; }
    dev.loophole.signal.dsp.SincInterpolator sinc() {
        // offline: made and warmed up at a voice's first sinc read, so a render that never reads through the sinc pays for neither
        return sinc != null ? sinc : (sinc = SincReader.interpolator(quality).warmUp());
    }

    /** Frames below {@code frame} will not be read again (a streamed voice outside a loop lets the ring refill over them). */
    void streamDoneBelow(long frame) {
        if (streaming && !loop.active()) stream.release(frame);
    }

    /** The sample frame unwrapped frame {@code v} plays (see {@link LoopPlayhead#map}). */
    long mapFrame(long v) { return loop.map(v); }

    /**
     * When {@link #value} of unwrapped frames {@code first … last} is {@code data[f + t]} for each, one straight run of the
     * in-memory head inside the region, that {@code t}; else {@link LoopPlayhead#NOT_STRAIGHT}.
     */
    long straight(long first, long last) {
        long t = loop.straight(first, last);
        if (t == LoopPlayhead.NOT_STRAIGHT || first + t < 0 || last + t > region.lastFrame || last + t >= headEnd) return LoopPlayhead.NOT_STRAIGHT;
        return t;
    }

    /** After a read moved past the loop's period: fold the position back, counting repeats (the last one plays on past it). */
    void wrapLoop() { pos = loop.fold(pos); }

    /** Unwrapped frame {@code v}: the sample frame the loop maps it to, from the crossfaded tail where there is one. */
    float value(float[] data, long v) {
        long f = loop.map(v);
        return loop.blended(f) ? loop.blendedFrame(data == left ? 0 : 1, f) : at(data, f);
    }

    /** Reads sample frame {@code idx}, silence past the ends. */
    private float at(float[] data, long idx) {
        if (idx < 0 || idx > region.lastFrame) return 0f;
        if (idx < headEnd) return data[(int) idx];
        if (!streaming) return 0f;
        if (idx >= stream.written() || idx < stream.start() || stream.failed()) {
            // The disk did not keep up (or the file went away): silence from here, and fade out.
            if (!owner.isFading()) { stream.countUnderrun(); owner.fadeOut((int) Math.round(Voice.FAST_FADE_SECONDS * rate)); }
            return 0f;
        }
        return stream.channel(data == left ? 0 : 1)[(int) (idx & dev.loophole.signal.store.StreamSlot.MASK)];
    }
}
