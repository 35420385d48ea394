package dev.loophole.signal.timeline;

/**
 * Where each frame of the current block is on the timeline: the transport writes it before the
 * graph runs (one segment per stretch of contiguous time; a loop wrap starts a new one), and
 * timeline-driven nodes ({@link AudioLanePlayer}) read it while rendering. No segment means the
 * transport is stopped. Both sides run on the audio thread; nothing here allocates.
 */
public final class Playhead {
    /** Segments one block can hold: a loop shorter than a block's share of this wraps into silence. */
    public static final int MAX_SEGMENTS = 32;

    private final int[] offset = new int[MAX_SEGMENTS], length = new int[MAX_SEGMENTS];
    private final long[] frame = new long[MAX_SEGMENTS];
    private int count;
    private long loopStart = -1, loopEnd = -1;

    /** Audio thread: a new block begins (stopped until segments are added). */
    public void clear() { count = 0; }

    /** Audio thread: block frames {@code [blockOffset, blockOffset + frames)} play timeline frames from {@code timelineFrame}. */
    public void add(int blockOffset, int frames, long timelineFrame) {
        if (frames <= 0 || count == MAX_SEGMENTS) return;
        offset[count] = blockOffset;
        length[count] = frames;
        frame[count] = timelineFrame;
        count++;
    }

    /** Audio thread: the transport loops [{@code start}, {@code end}) (both -1 when it does not): where it will jump back to. */
    public void loop(long start, long end) {
        loopStart = end > start ? start : -1;
        loopEnd = end > start ? end : -1;
    }

    public long loopStart() { return loopStart; }

    public long loopEnd() { return loopEnd; }

    public int segments() { return count; }

    public int offset(int i) { return offset[i]; }

    public int length(int i) { return length[i]; }

    public long frame(int i) { return frame[i]; }
}
