package dev.loophole.signal.store;

import dev.loophole.media.AudioReader;
import dev.loophole.signal.sampler.SampleData;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One voice's window onto a streamed sample: a ring of decoded frames that a loader fills ahead of
 * the voice. The audio thread starts and stops it and reads from it; one loader thread (or the
 * offline renderer, synchronously) writes to it. No locks: the frames written so far are published
 * through one atomic word that also carries a generation, so a loader that finishes a read for a
 * voice that has since moved on cannot publish stale frames.
 */
public final class StreamSlot {
    public static final int RING = 1 << 14;
    public static final int MASK = RING - 1;
    /** Frames of history kept behind the reader for the interpolator's left neighbours. */
    public static final int HISTORY_FRAMES = 4;
    static final int HISTORY = HISTORY_FRAMES;
    private static final int FRAME_BITS = 40;
    private static final long FRAME_MASK = (1L << FRAME_BITS) - 1;

    // Made by the slot's writer (loader or offline renderer) before it publishes the first frames, so a
    // voice that never reads past its head costs no ring: a bank of 16 programs × 256 voices would
    // otherwise hold 3,200 rings of 128 KB. The voice reads it only after seeing frames published.
    private volatile float[][] ring;
    private final AtomicLong state = new AtomicLong(); // generation << 40 | frames written (exclusive end)
    private volatile SampleData sample;
    private volatile long start;   // first frame the ring holds for this generation
    private volatile long need;    // lowest frame the voice may still read
    private volatile boolean active, failed;
    private long underruns;        // written by the audio thread only

    // Loader-thread state: its open reader, reused while the slot streams the same file.
    AudioReader reader;
    SampleData readerSample;

    // Offline fill list (see Streamer.fillAll): a started slot enrols itself once, so fillAll walks the
    // slots that stream instead of every voice's slot. The slot is its own list node: no allocation.
    private final Streamer owner;
    final AtomicBoolean enrolled = new AtomicBoolean();
    StreamSlot nextStarted; // Streamer's lock-free stack of newly enrolled slots
    StreamSlot nextFilled;  // fillAll's own list (one thread)

    StreamSlot(Streamer owner) { this.owner = owner; }

    /** Audio thread: begin streaming {@code s} from frame {@code from}. */
    public void start(SampleData s, long from) {
        long gen = (state.get() >>> FRAME_BITS) + 1;
        sample = s;
        start = from;
        need = from;
        failed = false;
        active = true;
        state.set((gen << FRAME_BITS) | from);
        if (enrolled.compareAndSet(false, true)) owner.enrol(this);
    }

    /** Audio thread: the voice is done with the slot. */
    public void stop() {
        active = false;
        state.set(((state.get() >>> FRAME_BITS) + 1) << FRAME_BITS);
    }

    /** Audio thread: frames below {@code frame} will not be read again. */
    public void release(long frame) { if (frame > need) need = frame; }

    /** Frames {@code [start, written)} are readable; returns the exclusive end. */
    public long written() { return state.get() & FRAME_MASK; }

    public long start() { return start; }

    public boolean failed() { return failed; }

    public float[] channel(int c) { return ring[c]; }

    boolean hasRing() { return ring != null; }

    /** Writer side: the ring, made on first use. */
    float[][] ring() {
        float[][] r = ring;
        if (r == null) ring = r = new float[][] {new float[RING], new float[RING]};
        return r;
    }

    /** Audio thread: a read found its frames missing. */
    public void countUnderrun() { underruns++; }

    public long underruns() { return underruns; }

    boolean active() { return active; }

    SampleData sample() { return sample; }

    long need() { return need; }

    long generationState() { return state.get(); }

    /** Loader: publish frames up to {@code newEnd} if the slot is still on generation {@code seen}. */
    boolean publish(long seen, long newEnd) {
        long gen = seen >>> FRAME_BITS;
        return state.compareAndSet(seen, (gen << FRAME_BITS) | newEnd);
    }

    void fail(long seen) {
        if (state.get() == seen) failed = true;
    }
}
