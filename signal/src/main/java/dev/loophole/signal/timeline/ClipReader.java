package dev.loophole.signal.timeline;

import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.SincInterpolator;
import dev.loophole.signal.sampler.SampleData;
import dev.loophole.signal.store.StreamSlot;

/**
 * Plays one clip of an {@link AudioClipTable}: reads its sample from the in-memory head, then from
 * its stream slot (filled from disk by the store's streamer), at the clip's rate ratio — copied
 * frame for frame when the rates match, else through the sampler's windowed sinc (or Hermite at
 * the lower qualities). Every output frame's sample position is computed from its timeline frame,
 * so where a block starts, a locate or a loop wrap lands changes nothing of what plays.
 * A frame the disk has not delivered plays silent and counts as an underrun; the clip then ramps
 * back in. Audio thread only; nothing here allocates.
 */
final class ClipReader {
    private static final int RECOVER_FRAMES = 64;
    private static final float RECOVER_STEP = 1f / RECOVER_FRAMES;

    private final StreamSlot slot; // null: no streamer, frames past the head are silent
    AudioClipTable.Clip clip;
    int index = -1;
    private SampleData sample;
    private boolean streaming, missing;
    private long expect = Long.MIN_VALUE; // the timeline frame the next read is expected at
    private float level = 1f;
    long underruns;
    // What the stream slot holds, read from its volatile fields once per render call: frames [ringLo, ringHi) in
    // ringL/ringR (empty when not streaming or failed). Frames the loader publishes during the call are read next call.
    private long ringLo, ringHi;
    private float[] ringL, ringR;
    private final float[] frameL = new float[1], frameR = new float[1]; // one stereo sinc frame

    ClipReader(StreamSlot slot) { this.slot = slot; }

    boolean free() { return clip == null; }

    /** The timeline frame this reader is ready to play next. */
    long expect() { return expect; }

    /** Takes clip {@code c} (at {@code i} in its table), first to be read at timeline frame {@code t}. */
    void assign(AudioClipTable.Clip c, int i, long t, int reach) {
        release();
        clip = c;
        index = i;
        sample = c.sample();
        level = 1f;
        seek(t, reach);
    }

    /** The same clip under a new table (an edit elsewhere, or this clip moved): position follows the timeline. */
    void rebind(AudioClipTable.Clip c, int i) {
        if (c.sample() != sample) { release(); return; }
        clip = c;
        index = i;
        expect = Long.MIN_VALUE;
    }

    void release() {
        if (streaming) slot.stop();
        streaming = false;
        clip = null;
        sample = null;
        index = -1;
        expect = Long.MIN_VALUE;
    }

    /** Starts the stream where timeline frame {@code t} reads, unless everything the clip reads is in memory. */
    private void seek(long t, int reach) {
        expect = t;
        if (slot == null || !sample.streamed()) return;
        long headEnd = sample.headFrames();
        long last = (long) Math.ceil(clip.position(clip.end())) + reach;
        long lowest = (long) Math.floor(clip.position(Math.max(t, clip.start()))) - reach - 1;
        if (last < headEnd) { if (streaming) { slot.stop(); streaming = false; } return; }
        slot.start(sample, Math.max(headEnd, lowest) - StreamSlot.HISTORY_FRAMES);
        streaming = true;
    }

    /** Adds timeline frames {@code [t, t + n)} of the clip into {@code l/r} from block offset {@code o}. */
    void render(float[] l, float[] r, int o, long t, int n, SincInterpolator sinc, int quality, float[] winL, float[] winR) {
        AudioClipTable.Clip c = clip;
        double ratio = c.ratio();
        int reach = reach(c, sinc);
        if (t != expect && streaming) {
            long lowest = (long) Math.floor(c.position(t)) - reach;
            if (lowest < ringFrom() || lowest > slot.written() + StreamSlot.RING / 2) seek(t, reach);
        }
        boolean stereo = sample.channelCount() > 1;
        snapshot(stereo);
        int kernel = sinc != null ? sinc.kernel(ratio) : 0; // chosen once for the call, not per frame and channel
        for (int done = 0; done < n; ) {
            int m = Math.min(AudioLanePlayer.CHUNK, n - done);
            long t0 = t + done;
            if (ratio == 1.0) {
                long idx = c.source() + (t0 - c.start());
                for (int i = 0; i < m; i++) {
                    float vl = value(0, idx + i), vr = stereo ? value(1, idx + i) : vl;
                    add(l, r, o + done + i, t0 + i, vl, vr);
                }
            } else if (sinc != null) {
                long base = (long) Math.floor(c.position(t0)) - reach;
                int count = (int) ((long) Math.floor(c.position(t0 + m - 1)) - base) + reach + 2;
                for (int j = 0; j < count; j++) winL[j] = value(0, base + j);
                if (stereo) for (int j = 0; j < count; j++) winR[j] = value(1, base + j);
                for (int i = 0; i < m; i++) {
                    double x = c.position(t0 + i) - base;
                    float vl, vr;
                    if (stereo) { // one pass over the kernel's rows for both channels (the same bits as two mono reads)
                        sinc.sample(winL, winR, x, ratio, kernel, frameL, frameR, 0);
                        vl = frameL[0];
                        vr = frameR[0];
                    } else vr = vl = sinc.sample(winL, x, ratio, kernel);
                    add(l, r, o + done + i, t0 + i, vl, vr);
                }
            } else {
                for (int i = 0; i < m; i++) {
                    double p = c.position(t0 + i);
                    long idx = (long) Math.floor(p);
                    float f = (float) (p - idx);
                    float vl = interpolate(0, idx, f, quality), vr = stereo ? interpolate(1, idx, f, quality) : vl;
                    add(l, r, o + done + i, t0 + i, vl, vr);
                }
            }
            done += m;
            if (streaming) slot.release((long) Math.floor(c.position(t + done)) - reach - 1);
        }
        expect = t + n;
    }

    private void add(float[] l, float[] r, int o, long t, float vl, float vr) {
        if (missing) { missing = false; level = 0f; underruns++; if (slot != null) slot.countUnderrun(); }
        float g = clip.gainAt(t);
        if (level < 1f) { g *= level; level = Math.min(1f, level + RECOVER_STEP); }
        l[o] += g * vl;
        r[o] += g * vr;
    }

    private float interpolate(int ch, long idx, float f, int quality) {
        if (quality == Interpolation.NEAREST) return value(ch, f >= 0.5f ? idx + 1 : idx);
        if (quality == Interpolation.LINEAR) return Interpolation.linear(value(ch, idx), value(ch, idx + 1), f);
        return Interpolation.hermite(value(ch, idx - 1), value(ch, idx), value(ch, idx + 1), value(ch, idx + 2), f);
    }

    /**
     * Source frames either side of a position the interpolation reads: 1 copying frame for frame, the sinc's reach,
     * 2 for Hermite (and below). The player cues streams with it; {@link #render} reads with it.
     */
    static int reach(AudioClipTable.Clip c, SincInterpolator sinc) {
        double ratio = c.ratio();
        return ratio == 1.0 ? 1 : sinc != null ? sinc.reach(ratio) : 2;
    }

    /** The first frame the ring still holds: the loader writes over frames a whole ring behind what it wrote last. */
    private long ringFrom() { return Math.max(slot.start(), slot.written() - StreamSlot.RING); }

    /** Reads the slot's readable range and ring once (its fields are volatile: the loader publishes through them). */
    private void snapshot(boolean stereo) {
        ringLo = ringHi = 0;
        if (!streaming || slot.failed()) return;
        long written = slot.written();
        long from = Math.max(slot.start(), written - StreamSlot.RING);
        if (written <= from) return;   // nothing published yet: the ring may not exist
        ringL = slot.channel(0);
        ringR = stereo ? slot.channel(1) : ringL;
        ringLo = from;
        ringHi = written;
    }

    /** Sample frame {@code idx} of channel {@code ch} (mono plays on both): silence outside the file. */
    private float value(int ch, long idx) {
        SampleData s = sample;
        if (idx < 0 || idx >= s.frames()) return 0f;
        if (idx < s.headFrames()) return s.head(Math.min(ch, s.channelCount() - 1))[(int) idx];
        if (idx >= ringLo && idx < ringHi) return (ch == 0 ? ringL : ringR)[(int) (idx & StreamSlot.MASK)];
        missing = true;
        return 0f;
    }
}
