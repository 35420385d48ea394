package dev.loophole.signal.timeline;

import dev.loophole.signal.dsp.Interpolation;
import dev.loophole.signal.dsp.SincInterpolator;
import dev.loophole.signal.engine.NoMidi;
import dev.loophole.signal.store.Streamer;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An audio lane in the graph: a source node that plays the lane's {@link AudioClipTable} where
 * the {@link Playhead} says the block is on the timeline, sample-accurately, into its output (and
 * from there through the lane's effects and the track's chain, like an instrument). It takes no
 * MIDI. A few readers ({@value #READERS}) are kept per lane, so overlapping clips play together;
 * a reader is given its clip {@value #LOOKAHEAD} frames ahead of it, which starts the disk stream
 * early enough that the clip's first frames are there when it begins. Audio thread: no allocation;
 * {@link #setClips} is the control side's only call, picked up at the next block.
 */
public final class AudioLanePlayer implements NoMidi {
    /** The largest file-to-engine rate ratio played (a 768 kHz file in a 48 kHz project). */
    public static final double MAX_RATIO = 16;
    public static final int READERS = 4;
    /** Frames ahead of the playhead at which a coming clip is given a reader (and its stream starts). */
    public static final int LOOKAHEAD = 8192;
    static final int CHUNK = 64;

    private final Playhead playhead;
    private final AtomicReference<AudioClipTable> pending = new AtomicReference<>();
    private volatile AudioClipTable latest = AudioClipTable.EMPTY; // control side's view
    private AudioClipTable table = AudioClipTable.EMPTY;          // audio thread's
    private final ClipReader[] readers = new ClipReader[READERS];
    private final SincInterpolator sinc;
    private final int quality;
    private final float[] winL, winR;
    private long crowded; // clips that found no free reader

    /**
     * @param streamer where frames past a sample's head come from (null: heads only)
     * @param quality  an {@link Interpolation} code, used where the file's rate differs from the engine's
     */
    public AudioLanePlayer(Playhead playhead, Streamer streamer, int quality) {
        this.playhead = playhead;
        this.quality = quality;
        this.sinc = quality >= Interpolation.SINC_8 ? new SincInterpolator(8 << Math.min(quality - Interpolation.SINC_8, 3)) : null;
        for (int i = 0; i < READERS; i++) readers[i] = new ClipReader(streamer == null ? null : streamer.newSlot());
        int reach = sinc == null ? 2 : sinc.reach(MAX_RATIO);
        int window = (int) (CHUNK * MAX_RATIO) + 2 * reach + 8;
        winL = new float[window];
        winR = new float[window];
    }

    /** Control side: the lane's clips from the next block on (readers of clips that stay play on). */
    public void setClips(AudioClipTable clips) {
        latest = clips;
        pending.set(clips);
    }

    /** Control side: the clips last given. */
    public AudioClipTable clips() { return latest; }

    /** Frames the disk did not deliver in time (each a short silence with a ramp back in). */
    public long underruns() {
        long n = 0;
        for (ClipReader r : readers) n += r.underruns;
        return n;
    }

    /** Clips that overlapped more than {@value #READERS} others and stayed silent. */
    public long crowded() { return crowded; }

    /**
     * On the thread that runs the audio, while it is not running a block (an offline render before
     * its first block): gives readers to the clips around {@code frame} now, so the streamer can fill
     * them before the block that plays them.
     */
    public void cue(long frame) {
        adopt();
        cue(frame, frame + LOOKAHEAD);
    }

    @Override
    public void beginBlock() {
        adopt();
        int n = playhead.segments();
        if (n == 0) return; // stopped: readers stay where they are
        // Looping and near the loop's end: the clips at its start get readers now, so the jump back finds their frames.
        long end = playhead.frame(n - 1) + playhead.length(n - 1), ls = playhead.loopStart(), le = playhead.loopEnd();
        boolean wrapSoon = le > ls && end + LOOKAHEAD >= le;
        for (ClipReader r : readers) {
            if (r.free()) continue;
            boolean near = wrapSoon && r.clip.end() > ls && r.clip.start() < ls + LOOKAHEAD;
            for (int s = 0; s < n && !near; s++) {
                long from = playhead.frame(s), to = from + playhead.length(s) + LOOKAHEAD;
                near = r.clip.end() > from && r.clip.start() < to;
            }
            if (!near) r.release();
        }
        for (int s = 0; s < n; s++) cue(playhead.frame(s), playhead.frame(s) + playhead.length(s) + LOOKAHEAD);
        if (wrapSoon) cue(ls, ls + LOOKAHEAD);
    }

    private void adopt() {
        AudioClipTable next = pending.getAndSet(null);
        if (next == null) return;
        table = next;
        for (ClipReader r : readers) {
            if (r.free()) continue;
            int i = next.indexOfKey(r.clip.key());
            if (i < 0) r.release();
            else r.rebind(next.clip(i), i);
        }
    }

    /**
     * Readers for the clips sounding in [{@code from}, {@code to}), each ready at the frame it will be played from:
     * one already there stays; else one of the clip's readers that no segment of this block continues (left behind
     * by a locate or a loop) moves there; else a free one is taken. A clip running across a loop's end so has two:
     * one playing towards the end, one waiting at the start.
     */
    private void cue(long from, long to) {
        AudioClipTable t = table;
        int n = playhead.segments();
        for (int i = t.firstEndingAfter(from); i < t.size() && t.clips[i].start() < to; i++) {
            AudioClipTable.Clip c = t.clips[i];
            if (c.end() <= from) continue;
            long at = Math.max(from, c.start());
            ClipReader idle = null, free = null;
            boolean ready = false;
            for (ClipReader r : readers) {
                if (r.free()) { if (free == null) free = r; continue; }
                if (r.index != i) continue;
                if (r.expect() == at) { ready = true; break; }
                if (idle == null && !continued(r, n)) idle = r;
            }
            if (ready) continue;
            ClipReader use = idle != null ? idle : free;
            if (use == null) { crowded++; continue; }
            use.assign(c, i, at, ClipReader.reach(c, sinc));
        }
    }

    /** Whether a segment of this block starts where {@code r} is ready: it plays on there. */
    private boolean continued(ClipReader r, int segments) {
        for (int s = 0; s < segments; s++) if (playhead.frame(s) == r.expect()) return true;
        return false;
    }

    /** The reader that plays clip {@code index} from timeline frame {@code t}: the one ready there, else its first. */
    private ClipReader owner(int index, long t) {
        ClipReader first = null;
        for (ClipReader r : readers) {
            if (r.index != index) continue;
            if (r.expect() == t) return r;
            if (first == null) first = r;
        }
        return first;
    }

    @Override
    public void render(float[] left, float[] right, int from, int to) {
        int n = playhead.segments();
        for (int s = 0; s < n; s++) {
            int off = playhead.offset(s);
            int a = Math.max(from, off), b = Math.min(to, off + playhead.length(s));
            if (a >= b) continue;
            long tf = playhead.frame(s) + (a - off), tt = tf + (b - a);
            for (ClipReader r : readers) {
                if (r.free()) continue;
                long cs = Math.max(tf, r.clip.start()), ce = Math.min(tt, r.clip.end());
                if (cs < ce && owner(r.index, cs) == r) r.render(left, right, a + (int) (cs - tf), cs, (int) (ce - cs), sinc, quality, winL, winR);
            }
        }
    }

    @Override
    public int activeVoices() {
        int n = 0;
        for (ClipReader r : readers) if (!r.free()) n++;
        return n;
    }

    @Override public void allSoundOff() { }
}
